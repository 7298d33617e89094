#ifndef CTEMPORARYFILES_H
#define CTEMPORARYFILES_H

/// Temporary files to delete if the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP). The signal handler may only call async-signal-safe functions, so
/// the paths live in a fixed table of C buffers, claimed and released with
/// lock-free atomics; nothing is allocated or locked once a path is registered.

/// How many temporary files can be registered at once.
#define RLCT_TEMPORARY_SLOTS 64
/// The longest path (bytes, without the terminating NUL) that can be registered.
#define RLCT_TEMPORARY_PATH_MAX 4095

/// Installs the handlers for SIGINT, SIGTERM and SIGHUP (once; later calls do
/// nothing). A signal whose disposition is "ignore" (nohup) is left alone. The
/// handler deletes every registered path, restores the previous disposition
/// and re-raises the signal, so the process ends with the conventional status.
void rlct_temporary_install_handlers(void);

/// Registers `path` for deletion on a signal. Returns the slot to pass to
/// `rlct_temporary_unregister`, or -1 if the table is full or the path too long.
int rlct_temporary_register(const char *path);

/// Forgets the path in `slot` (after it was renamed or deleted). -1 is ignored.
void rlct_temporary_unregister(int slot);

#endif
