import CTemporaryFiles

/// Temporary files deleted if the process is interrupted (SIGINT, SIGTERM, SIGHUP).
///
/// Why C: a signal handler may call only async-signal-safe functions — no
/// allocation, no locks, no Swift runtime — and Swift 6 rightly refuses
/// unprotected global mutable state. The table therefore lives in the
/// `CTemporaryFiles` target as a fixed array of path buffers whose slots are
/// claimed and released with lock-free C11 atomics (free → writing → ready;
/// the handler takes ready → claimed before reading a path). Swift holds no
/// global state: it only calls the three C functions, which are thread-safe.
/// A path is registered before its file is created (`O_EXCL`), so there is no
/// moment when the file exists unregistered; a registered name whose file does
/// not exist yet is harmless to unlink, being random.
enum TemporaryFiles {
    /// A registered path; `nil` when the table was full (the write goes on, unprotected).
    struct Registration {
        fileprivate let slot: Int32
    }

    /// Installs the signal handlers (idempotent, thread-safe).
    static func installHandlers() {
        rlct_temporary_install_handlers()
    }

    /// Registers `path` for deletion on a signal.
    static func register(_ path: String) -> Registration? {
        let slot = rlct_temporary_register(path)
        return slot >= 0 ? Registration(slot: slot) : nil
    }

    /// Forgets a registration (the file was renamed or deleted).
    static func unregister(_ registration: Registration?) {
        if let registration { rlct_temporary_unregister(registration.slot) }
    }
}
