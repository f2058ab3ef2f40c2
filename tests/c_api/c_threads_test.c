/* The thread model of ropa.h from C: one ropa_register shared by two threads, each writing and
 * reading through it, each with its own last error. Run by the suite and by scripts/tsan.sh. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ropa/ropa.h>

enum { rounds = 30 };

struct worker {
    ropa_register* reg;
    char prefix[8];
    int failures;
};

static void* work(void* argument) {
    struct worker* self = argument;
    char code[32];
    for (int i = 0; i < rounds; ++i) {
        snprintf(code, sizeof code, "%s-%d", self->prefix, i);
        if (ropa_create_json(NULL, self->reg, "purpose", code, "{\"name\": {\"en\": \"Threaded\"}}", "c-threads",
                             "shared handle") != ROPA_OK) {
            fprintf(stderr, "create %s: %s\n", code, ropa_last_error());
            self->failures++;
        }
        char* json = NULL;
        if (ropa_list_json(&json, self->reg, "purpose") != ROPA_OK || !strstr(json, code)) {
            fprintf(stderr, "list after %s: %s\n", code, ropa_last_error());
            self->failures++;
        }
        ropa_free(json);
        /* a failure of this thread's own: its message is this thread's, whatever the other does */
        if (ropa_get_json(&json, self->reg, "purpose", "ABSENT") != ROPA_E_NOT_FOUND ||
            !strstr(ropa_last_error(), "ABSENT")) {
            fprintf(stderr, "last error of thread %s: %s\n", self->prefix, ropa_last_error());
            self->failures++;
        }
    }
    return NULL;
}

int main(void) {
    char path[] = "/tmp/ropa-c-threads-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    close(fd);
    unlink(path);
    ropa_register* reg = NULL;
    if (ropa_open(&reg, path, ROPA_OPEN_CREATE) != ROPA_OK) {
        fprintf(stderr, "open: %s\n", ropa_last_error());
        return 1;
    }
    struct worker workers[2] = {{reg, "A", 0}, {reg, "B", 0}};
    pthread_t threads[2];
    for (int i = 0; i < 2; ++i)
        pthread_create(&threads[i], NULL, work, &workers[i]);
    for (int i = 0; i < 2; ++i)
        pthread_join(threads[i], NULL);
    int failures = workers[0].failures + workers[1].failures;
    char* json = NULL;
    if (ropa_list_json(&json, reg, "purpose") != ROPA_OK) {
        failures++;
    } else {
        int count = 0;
        for (const char* at = json; (at = strstr(at, "\"code\":")) != NULL; at++)
            count++;
        if (count != 2 * rounds) {
            fprintf(stderr, "%d purposes, expected %d\n", count, 2 * rounds);
            failures++;
        }
    }
    ropa_free(json);
    ropa_close(reg);
    unlink(path);
    printf("c threads: %d passed, %d failed\n", failures == 0, failures);
    return failures == 0 ? 0 : 1;
}
