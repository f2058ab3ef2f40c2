/* An LD_PRELOAD shim that makes the Nth I/O call of a kind fail, the way SQLite's own tests
 * fail the Nth write of their crash VFS (src/test6.c) and loop over every N.
 *
 *   ROPA_FAULT_OP     write | fsync | read   which kind of call to fail
 *   ROPA_FAULT_AT     N >= 1: the Nth call of that kind fails (EIO; ENOSPC for writes);
 *                     0: nothing fails, the calls are only counted
 *   ROPA_FAULT_COUNT  a file to which the number of calls of that kind is written at exit
 *
 * Standard input, output and error (fds 0-2) are never failed or counted: the test reads the
 * program's answer through them. Used by tests/reliability/fault_injection_test.cpp. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum kind { none, writes, syncs, reads };

static enum kind watched = none;
static long fail_at = 0;
static long seen = 0;
static const char* count_file = NULL;

__attribute__((constructor)) static void start(void) {
    const char* op = getenv("ROPA_FAULT_OP");
    const char* at = getenv("ROPA_FAULT_AT");
    count_file = getenv("ROPA_FAULT_COUNT");
    if (!op)
        return;
    watched = strcmp(op, "write") == 0 ? writes : strcmp(op, "fsync") == 0 ? syncs : strcmp(op, "read") == 0 ? reads : none;
    fail_at = at ? atol(at) : 0;
}

__attribute__((destructor)) static void stop(void) {
    if (!count_file)
        return;
    FILE* out = fopen(count_file, "w");
    if (out) {
        fprintf(out, "%ld\n", seen);
        fclose(out);
    }
}

/* Whether this call (of `k`, on `fd`) is the one to fail. */
static int fails(enum kind k, int fd) {
    if (k != watched || fd <= 2)
        return 0;
    ++seen;
    if (fail_at > 0 && seen == fail_at) {
        errno = k == writes ? ENOSPC : EIO;
        return 1;
    }
    return 0;
}

#define NEXT(name) static __typeof__(name)* next_##name; if (!next_##name) next_##name = (__typeof__(name)*)dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void* buf, size_t n) { NEXT(write); return fails(writes, fd) ? -1 : next_write(fd, buf, n); }
ssize_t pwrite(int fd, const void* buf, size_t n, off_t at) { NEXT(pwrite); return fails(writes, fd) ? -1 : next_pwrite(fd, buf, n, at); }
ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t at) { NEXT(pwrite64); return fails(writes, fd) ? -1 : next_pwrite64(fd, buf, n, at); }
ssize_t writev(int fd, const struct iovec* v, int n) { NEXT(writev); return fails(writes, fd) ? -1 : next_writev(fd, v, n); }
int ftruncate(int fd, off_t length) { NEXT(ftruncate); return fails(writes, fd) ? -1 : next_ftruncate(fd, length); }
int ftruncate64(int fd, off64_t length) { NEXT(ftruncate64); return fails(writes, fd) ? -1 : next_ftruncate64(fd, length); }
int fsync(int fd) { NEXT(fsync); return fails(syncs, fd) ? -1 : next_fsync(fd); }
int fdatasync(int fd) { NEXT(fdatasync); return fails(syncs, fd) ? -1 : next_fdatasync(fd); }
ssize_t read(int fd, void* buf, size_t n) { NEXT(read); return fails(reads, fd) ? -1 : next_read(fd, buf, n); }
ssize_t pread(int fd, void* buf, size_t n, off_t at) { NEXT(pread); return fails(reads, fd) ? -1 : next_pread(fd, buf, n, at); }
ssize_t pread64(int fd, void* buf, size_t n, off64_t at) { NEXT(pread64); return fails(reads, fd) ? -1 : next_pread64(fd, buf, n, at); }
