#include "CTemporaryFiles.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the signal handler needs lock-free atomic int");

/// Slot states. Only the thread that moved a slot out of FREE writes its path;
/// the handler reads a path only after moving the slot from READY to CLAIMED,
/// so a path is never read while it is being written.
enum { FREE = 0, WRITING = 1, READY = 2, CLAIMED = 3 };

static atomic_int states[RLCT_TEMPORARY_SLOTS];
static char paths[RLCT_TEMPORARY_SLOTS][RLCT_TEMPORARY_PATH_MAX + 1];

static const int handled[] = { SIGINT, SIGTERM, SIGHUP };
#define HANDLED_COUNT (sizeof handled / sizeof handled[0])
/// Written once, before the handlers are installed; read-only afterwards.
static struct sigaction previous[HANDLED_COUNT];
static atomic_int installed;

static void remove_registered(int signal_number) {
    int saved_errno = errno;
    for (int i = 0; i < RLCT_TEMPORARY_SLOTS; i++) {
        int expected = READY;
        if (atomic_compare_exchange_strong(&states[i], &expected, CLAIMED)) {
            unlink(paths[i]);
        }
    }
    for (unsigned k = 0; k < HANDLED_COUNT; k++) {
        if (handled[k] == signal_number) {
            sigaction(signal_number, &previous[k], NULL);
        }
    }
    // Blocked while this handler runs: delivered, with the previous
    // disposition (by default: terminate), as soon as it returns.
    raise(signal_number);
    errno = saved_errno;
}

void rlct_temporary_install_handlers(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&installed, &expected, 1)) return;
    for (unsigned k = 0; k < HANDLED_COUNT; k++) {
        if (sigaction(handled[k], NULL, &previous[k]) != 0) continue;
        if (!(previous[k].sa_flags & SA_SIGINFO) && previous[k].sa_handler == SIG_IGN) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = remove_registered;
        sigemptyset(&action.sa_mask);
        for (unsigned j = 0; j < HANDLED_COUNT; j++) sigaddset(&action.sa_mask, handled[j]);
        action.sa_flags = SA_RESTART;
        sigaction(handled[k], &action, NULL);
    }
}

int rlct_temporary_register(const char *path) {
    size_t length = strlen(path);
    if (length > RLCT_TEMPORARY_PATH_MAX) return -1;
    for (int i = 0; i < RLCT_TEMPORARY_SLOTS; i++) {
        int expected = FREE;
        if (atomic_compare_exchange_strong(&states[i], &expected, WRITING)) {
            memcpy(paths[i], path, length + 1);
            atomic_store(&states[i], READY);
            return i;
        }
    }
    return -1;
}

void rlct_temporary_unregister(int slot) {
    if (slot < 0 || slot >= RLCT_TEMPORARY_SLOTS) return;
    int expected = READY;
    // Fails only if the handler has claimed the slot: the process is ending.
    atomic_compare_exchange_strong(&states[slot], &expected, FREE);
}
