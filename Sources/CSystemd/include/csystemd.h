#ifndef DIGESTD_CSYSTEMD_H
#define DIGESTD_CSYSTEMD_H
// The three libsystemd calls digestd makes (Debian libsystemd-dev; systemd 252), through a
// loader that opens libsystemd.so.0 on the first call instead of at exec: a one-shot command
// such as `digestd summarize` never loads libsystemd and the seven libraries it needs
// (issue 15, start-up). The service's first journal entry or notification loads it.
//
// Each function has the signature and results of its libsystemd namesake (sd_journal_sendv(3),
// sd_notify(3), sd_watchdog_enabled(3)); when libsystemd.so.0 cannot be opened, or lacks the
// symbol, each returns -ENOSYS, which callers treat as a failed send (the journal handler
// then writes the entry to stderr).
#include <stdint.h>
#include <sys/uio.h>

int digestd_sd_journal_sendv(const struct iovec *iov, int n);
int digestd_sd_notify(int unset_environment, const char *state);
int digestd_sd_watchdog_enabled(int unset_environment, uint64_t *usec);

#endif
