/* The C API, used from C: open, write, read, check, export, refusals, as-of reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ropa/ropa.h"

static int passed, failed;

#define CHECK(condition)                                                                  \
    do {                                                                                  \
        if (condition) {                                                                  \
            ++passed;                                                                     \
        } else {                                                                          \
            ++failed;                                                                     \
            fprintf(stderr, "FAILED %s:%d: %s (%s)\n", __FILE__, __LINE__, #condition, \
                    ropa_last_error());                                                   \
        }                                                                                 \
    } while (0)

int main(void) {
    char path[] = "/tmp/ropa-c-test-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    unlink(path);

    /* the library's version at run time: the one this test was built with */
    CHECK(strcmp(ropa_version(), ROPA_EXPECTED_VERSION) == 0);

    ropa_register* reg = NULL;
    CHECK(ropa_open(&reg, path, ROPA_OPEN_CREATE) == ROPA_OK);
    CHECK(reg != NULL);

    char* json = NULL;
    CHECK(ropa_create_json(&json, reg, "purpose", "NEWS", "{\"name\": {\"en\": \"Newsletter\"}}", "c-test", "t") == ROPA_OK);
    CHECK(json && strstr(json, "\"code\":\"NEWS\"") != NULL);
    ropa_free(json);
    CHECK(ropa_create_json(NULL, reg, "category", "CONTACT", "{\"name\": {\"en\": \"Contact\"}}", "c-test", "t") == ROPA_OK);
    /* a draft completed link by link, then approved: an approved activity has its purpose, data,
       data subjects and legal basis */
    CHECK(ropa_create_json(NULL, reg, "category", "NAME", "{\"name\": {\"en\": \"Name\"}}", "c-test", "t") == ROPA_OK);
    CHECK(ropa_create_json(NULL, reg, "subject", "READERS", "{\"name\": {\"en\": \"Readers\"}}", "c-test", "t") == ROPA_OK);
    CHECK(ropa_link(reg, "purpose-category", "NEWS", "NAME", "c-test", "t") == ROPA_OK);
    CHECK(ropa_link(reg, "purpose-basis", "NEWS", "art6-1-a", "c-test", "t") == ROPA_OK);
    CHECK(ropa_create_json(NULL, reg, "activity", "MAIL", "{\"name\": {\"en\": \"Mailing\"}}", "c-test", "t") == ROPA_OK);
    CHECK(ropa_link(reg, "activity-purpose", "MAIL", "NEWS", "c-test", "t") == ROPA_OK);
    CHECK(ropa_link(reg, "activity-category", "MAIL", "NAME", "c-test", "t") == ROPA_OK);
    CHECK(ropa_link(reg, "activity-subject", "MAIL", "READERS", "c-test", "t") == ROPA_OK);
    CHECK(ropa_link(reg, "activity-basis", "MAIL", "art6-1-a", "c-test", "t") == ROPA_OK);
    CHECK(ropa_update_json(NULL, reg, "activity", "MAIL", "{\"status\": \"active\"}", -1, "c-test", "approved") == ROPA_OK);

    /* a rule: the category is not allowed for the purpose yet */
    CHECK(ropa_link(reg, "activity-category", "MAIL", "CONTACT", "c-test", "t") == ROPA_E_RULE_VIOLATION);
    CHECK(strstr(ropa_last_error(), "Art. 5(1)(b)") != NULL);
    CHECK(ropa_link(reg, "purpose-category", "NEWS", "CONTACT", "c-test", "t") == ROPA_OK);
    CHECK(ropa_link(reg, "activity-category", "MAIL", "CONTACT", "c-test", "t") == ROPA_OK);

    /* bad input is refused with a message naming the field */
    CHECK(ropa_create_json(NULL, reg, "activity", "BAD", "{\"name\": {\"en\": \"x\"}, \"start_date\": \"2026-02-30\"}",
                           "c-test", "t") == ROPA_E_VALIDATION);
    CHECK(strstr(ropa_last_error(), "start_date") != NULL);
    CHECK(ropa_create_json(NULL, reg, "activity", "BAD", "{not json", "c-test", "t") == ROPA_E_VALIDATION);
    CHECK(ropa_get_json(&json, reg, "activity", "NOPE") == ROPA_E_NOT_FOUND);
    CHECK(ropa_get_json(&json, reg, "no-such-entity", "X") == ROPA_E_VALIDATION);
    CHECK(ropa_get_json(NULL, reg, "activity", "MAIL") == ROPA_E_VALIDATION);
    CHECK(ropa_update_json(NULL, reg, "activity", "MAIL", "{\"owner\": \"Marketing\"}", 7, "c-test", "t") ==
          ROPA_E_CONFLICT);
    CHECK(ropa_update_json(NULL, reg, "activity", "MAIL", "{\"owner\": \"Marketing\"}", 2, "c-test", "t") == ROPA_OK);

    CHECK(ropa_get_json(&json, reg, "activity", "MAIL") == ROPA_OK);
    CHECK(json && strstr(json, "\"owner\":\"Marketing\"") != NULL && strstr(json, "\"revision\":3") != NULL);
    ropa_free(json);
    CHECK(ropa_list_json(&json, reg, "purpose") == ROPA_OK);
    CHECK(json && json[0] == '[' && strstr(json, "NEWS") != NULL);
    ropa_free(json);
    CHECK(ropa_links_json(&json, reg, "activity-category", "MAIL") == ROPA_OK);
    CHECK(json && strstr(json, "CONTACT") != NULL);
    ropa_free(json);

    CHECK(ropa_check_json(&json, reg) == ROPA_OK);
    CHECK(json && strstr(json, "\"errors\"") != NULL);
    ropa_free(json);
    CHECK(ropa_log_json(&json, reg) == ROPA_OK);
    CHECK(json && strstr(json, "c-test") != NULL);
    ropa_free(json);

    size_t size = 0;
    CHECK(ropa_export(&json, &size, reg, "json", NULL) == ROPA_OK);
    CHECK(json && size > 100 && strstr(json, "\"format\": \"ropa-record\"") != NULL);
    ropa_free(json);
    CHECK(ropa_export(&json, &size, reg, "xlsx", "en") == ROPA_OK);
    CHECK(json && size > 1000 && json[0] == 'P' && json[1] == 'K'); /* a ZIP file */
    ropa_free(json);
    CHECK(ropa_export(&json, &size, reg, "pdf", NULL) == ROPA_E_VALIDATION);

    /* the past: before the owner was set */
    ropa_register* past = NULL;
    CHECK(ropa_at(&past, reg, "15") == ROPA_OK); /* the change before the owner was set */
    CHECK(ropa_get_json(&json, past, "activity", "MAIL") == ROPA_OK);
    CHECK(json && strstr(json, "\"owner\":null") != NULL);
    ropa_free(json);
    /* a past version only reads: a write or the file's history is refused, naming the call */
    CHECK(ropa_remove(past, "activity", "MAIL", "c-test", "t") == ROPA_E_VALIDATION);
    CHECK(strstr(ropa_last_error(), "ropa_remove") != NULL);
    CHECK(ropa_log_json(&json, past) == ROPA_E_VALIDATION);
    CHECK(json == NULL);
    CHECK(ropa_get_json(&json, reg, "activity", "MAIL") == ROPA_OK); /* the file is as it was */
    CHECK(json && strstr(json, "\"owner\":null") == NULL);
    ropa_free(json);
    ropa_close(past);

    ropa_close(reg);
    CHECK(ropa_open(&reg, "/nonexistent/ropa.db", ROPA_OPEN_READ_ONLY) == ROPA_E_NOT_FOUND);
    CHECK(reg == NULL);

    unlink(path);
    char wal[64];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
