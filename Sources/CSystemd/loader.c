// Opens libsystemd.so.0 once, on the first call, and forwards to it (csystemd.h).
#include "csystemd.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
// The real prototypes: a mismatch between them and the pointer types below fails the build.
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static __typeof__(&sd_journal_sendv) journal_sendv;
static __typeof__(&sd_notify) notify;
static __typeof__(&sd_watchdog_enabled) watchdog_enabled;

static void load(void) {
    // RTLD_LOCAL: the library's symbols serve these pointers only. Never closed.
    void *library = dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    journal_sendv = (__typeof__(&sd_journal_sendv))dlsym(library, "sd_journal_sendv");
    notify = (__typeof__(&sd_notify))dlsym(library, "sd_notify");
    watchdog_enabled = (__typeof__(&sd_watchdog_enabled))dlsym(library, "sd_watchdog_enabled");
}

int digestd_sd_journal_sendv(const struct iovec *iov, int n) {
    pthread_once(&loaded, load);
    return journal_sendv ? journal_sendv(iov, n) : -ENOSYS;
}

int digestd_sd_notify(int unset_environment, const char *state) {
    pthread_once(&loaded, load);
    return notify ? notify(unset_environment, state) : -ENOSYS;
}

int digestd_sd_watchdog_enabled(int unset_environment, uint64_t *usec) {
    pthread_once(&loaded, load);
    return watchdog_enabled ? watchdog_enabled(unset_environment, usec) : -ENOSYS;
}
