/* Issue: a library other tools can build on. A whole session through the C API alone, as a
 * tool written in C would run it: one change with a purpose and an activity whose basis cites a
 * legal source, a stale edit refused with its field path, a tag, a diff, the register as of the
 * tag, an export imported into a second register, verify; and the rules ropa.h promises (flags
 * checked, out-parameters cleared on failure, messages valid UTF-8). Exit status 0 when every
 * check holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ropa/ropa.h>

static int failures = 0;
#define CHECK(cond)                                                                                   \
    do {                                                                                              \
        if (!(cond)) {                                                                                \
            fprintf(stderr, "FAILED %s:%d: %s (%s)\n", __FILE__, __LINE__, #cond, ropa_last_error()); \
            failures++;                                                                               \
        }                                                                                             \
    } while (0)

static void temporary_path(char* path) {
    int fd = mkstemp(path);
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }
}

int main(void) {
    char first[] = "/tmp/ropa-c-session-XXXXXX", second[] = "/tmp/ropa-c-second-XXXXXX";
    temporary_path(first);
    temporary_path(second);

    /* flags are checked, and a failed open leaves *out NULL */
    ropa_register* reg = (ropa_register*)0x1;
    CHECK(ropa_open(&reg, first, ROPA_OPEN_CREATE | ROPA_OPEN_READ_ONLY) == ROPA_E_VALIDATION);
    CHECK(reg == NULL);
    CHECK(strstr(ropa_last_error_json(), "\"field\":\"flags\"") != NULL);
    CHECK(ropa_open(&reg, first, 64) == ROPA_E_VALIDATION);
    CHECK(ropa_open(&reg, first, ROPA_OPEN_CREATE) == ROPA_OK);
    CHECK(strcmp(ropa_last_error_json(), "null") == 0);

    /* one change: a legal source, a purpose allowed to rely on Art. 6(1)(e), an activity whose
       basis cites the source */
    const char* operations =
        "["
        "{\"op\": \"create\", \"entity\": \"source\", \"code\": \"pasw-7\", \"fields\": {\"title\": {\"en\": \"Passport "
        "Act\"}, \"article\": \"art. 7\", \"jurisdiction\": \"NL\"}},"
        "{\"op\": \"create\", \"entity\": \"purpose\", \"code\": \"PASS\", \"fields\": {\"name\": {\"en\": \"Issuing "
        "passports\"}}},"
        "{\"op\": \"link\", \"link\": \"purpose-basis\", \"from\": \"PASS\", \"to\": \"art6-1-e\"},"
        "{\"op\": \"create\", \"entity\": \"activity\", \"code\": \"A-PASS\", \"fields\": {\"name\": {\"en\": "
        "\"Passports\"}}},"
        "{\"op\": \"link\", \"link\": \"activity-purpose\", \"from\": \"A-PASS\", \"to\": \"PASS\"},"
        "{\"op\": \"link\", \"link\": \"activity-basis\", \"from\": \"A-PASS\", \"to\": \"art6-1-e\", \"fields\": "
        "{\"legal_sources\": [\"pasw-7\"]}}"
        "]";
    int changed = -1;
    CHECK(ropa_write_json(&changed, reg, operations, "c-tool", "passports") == ROPA_OK);
    CHECK(changed == 1);
    char* json = NULL;
    CHECK(ropa_links_json(&json, reg, "activity-basis", "A-PASS") == ROPA_OK);
    CHECK(json && strstr(json, "pasw-7") != NULL);
    ropa_free(json);
    /* a batch refused whole, naming the operation and the field */
    CHECK(ropa_write_json(&changed, reg,
                          "[{\"op\": \"create\", \"entity\": \"purpose\", \"code\": \"OK\", \"fields\": {\"name\": {\"en\": "
                          "\"Fine\"}}}, {\"op\": \"create\", \"entity\": \"activity\", \"code\": \"BAD\", \"fields\": "
                          "{\"name\": {\"en\": \"x\"}, \"start_date\": \"2026-02-30\"}}]",
                          "c-tool", "t") == ROPA_E_VALIDATION);
    CHECK(changed == 0);
    CHECK(strstr(ropa_last_error_json(), "\"field\":\"operations[1].fields.start_date\"") != NULL);
    CHECK(ropa_get_json(&json, reg, "purpose", "OK") == ROPA_E_NOT_FOUND);
    CHECK(json == NULL);

    /* a key an operation does not know is refused, never ignored; every refusal names its place
       in what was sent */
    CHECK(ropa_write_json(NULL, reg,
                          "[{\"op\": \"update\", \"entity\": \"activity\", \"ref\": \"A-PASS\", \"fields\": {}, "
                          "\"expected_revison\": 0}]",
                          "c-tool", "typo") == ROPA_E_VALIDATION);
    CHECK(strstr(ropa_last_error_json(), "\"field\":\"operations[0].expected_revison\"") != NULL);
    CHECK(ropa_write_json(NULL, reg, "[{\"op\": \"frob\"}]", "c-tool", "t") == ROPA_E_VALIDATION);
    CHECK(strstr(ropa_last_error_json(), "\"field\":\"operations[0].op\"") != NULL);
    CHECK(ropa_write_json(NULL, reg,
                          "[{\"op\": \"create\", \"entity\": \"purpose\", \"fields\": {\"name\": {\"en\": \"x\"}}}]",
                          "c-tool", "t") == ROPA_E_VALIDATION);
    CHECK(strstr(ropa_last_error_json(), "\"field\":\"operations[0].code\"") != NULL);
    CHECK(ropa_write_json(NULL, reg,
                          "[{\"op\": \"link\", \"link\": \"activity-basis\", \"from\": \"A-PASS\", \"to\": \"nope\"}]",
                          "c-tool", "t") != ROPA_OK);
    CHECK(strstr(ropa_last_error_json(), "\"field\":\"operations[0].to\"") != NULL);

    /* a stale revision is refused, with the record named */
    CHECK(ropa_tag(reg, "sent", "sent to the authority", "dpo", NULL) == ROPA_OK);
    CHECK(ropa_write_json(NULL, reg,
                          "[{\"op\": \"update\", \"entity\": \"activity\", \"ref\": \"A-PASS\", \"fields\": {\"owner\": "
                          "\"Consular affairs\"}, \"expected_revision\": 1}]",
                          "c-tool", "owner") == ROPA_OK);
    CHECK(ropa_write_json(NULL, reg,
                          "[{\"op\": \"update\", \"entity\": \"activity\", \"ref\": \"A-PASS\", \"fields\": {\"owner\": "
                          "\"Someone else\"}, \"expected_revision\": 1}]",
                          "c-tool", "stale") == ROPA_E_CONFLICT);
    CHECK(strstr(ropa_last_error_json(), "\"field\":\"operations[0].expected_revision\"") != NULL);

    /* tags, diff since the tag, the register as of the tag */
    CHECK(ropa_tags_json(&json, reg) == ROPA_OK);
    CHECK(json && strstr(json, "\"name\":\"sent\"") && strstr(json, "\"signer\":null"));
    ropa_free(json);
    CHECK(ropa_diff_json(&json, reg, "sent", NULL) == ROPA_OK);
    CHECK(json && strstr(json, "\"field\":\"owner\"") && strstr(json, "Consular affairs"));
    ropa_free(json);
    ropa_register* then = NULL;
    CHECK(ropa_at(&then, reg, "sent") == ROPA_OK);
    CHECK(ropa_get_json(&json, then, "activity", "A-PASS") == ROPA_OK);
    CHECK(json && strstr(json, "Consular affairs") == NULL);
    ropa_free(json);

    /* export the tagged version, import it into a second register, verify both */
    char* exported = NULL;
    size_t size = 0;
    CHECK(ropa_export(&exported, &size, then, "json", NULL) == ROPA_OK);
    ropa_close(then);
    ropa_register* copy = NULL;
    CHECK(ropa_open(&copy, second, ROPA_OPEN_CREATE) == ROPA_OK);
    size_t loaded = 0;
    CHECK(ropa_import_json(&loaded, copy, exported, 0, "c-tool", "copy of the version sent") == ROPA_OK);
    CHECK(loaded > 0);
    /* the same from the file, read as a stream: the copy already holds it, so nothing changes */
    char exported_file[4200];
    snprintf(exported_file, sizeof exported_file, "%s.json", second);
    FILE* out = fopen(exported_file, "wb");
    CHECK(out != NULL && fwrite(exported, 1, size, out) == size);
    fclose(out);
    size_t again = 99;
    CHECK(ropa_import_json_file(&again, copy, exported_file, 1, "c-tool", "nightly sync") == ROPA_OK);
    CHECK(again == 0);
    CHECK(ropa_import_json_file(&again, copy, "/no/such/file.json", 1, "c-tool", "sync") == ROPA_E_NOT_FOUND);
    unlink(exported_file);
    ropa_free(exported);
    CHECK(ropa_links_json(&json, copy, "activity-basis", "A-PASS") == ROPA_OK);
    CHECK(json && strstr(json, "pasw-7") != NULL);
    ropa_free(json);
    CHECK(ropa_verify_json(&json, copy, NULL) == ROPA_OK);
    CHECK(json && strstr(json, "\"ok\":true") != NULL);
    ropa_free(json);
    CHECK(ropa_verify_json(&json, reg, "{\"head\": \"12345\"}") == ROPA_E_VALIDATION);
    CHECK(json == NULL);
    ropa_close(copy);

    /* filters, revert, the file, the model */
    CHECK(ropa_list_filter_json(&json, reg, "activity", "{\"search\": \"passp\"}") == ROPA_OK);
    CHECK(json && strstr(json, "A-PASS") != NULL);
    ropa_free(json);
    CHECK(ropa_list_filter_json(&json, reg, "activity", "{\"colour\": \"red\"}") == ROPA_E_VALIDATION);
    CHECK(ropa_log_filter_json(&json, reg, "{\"entity\": \"activity\", \"code\": \"A-PASS\"}") == ROPA_OK);
    CHECK(json && strstr(json, "owner") && !strstr(json, "\"reason\":\"sent"));
    ropa_free(json);
    CHECK(ropa_log_json(&json, reg) == ROPA_OK);
    long newest = json ? strtol(strstr(json, "\"id\":") + 5, NULL, 10) : 0;
    ropa_free(json);
    CHECK(ropa_revert(reg, newest, "c-tool", "undo the owner") == ROPA_OK);
    CHECK(ropa_get_json(&json, reg, "activity", "A-PASS") == ROPA_OK);
    CHECK(json && strstr(json, "Consular affairs") == NULL);
    ropa_free(json);
    CHECK(ropa_info_json(&json, reg) == ROPA_OK);
    CHECK(json && strstr(json, "\"schema_level\"") != NULL);
    ropa_free(json);
    CHECK(ropa_seeds_json(&json) == ROPA_OK);
    CHECK(json && strstr(json, "\"sha256\"") != NULL);
    ropa_free(json);
    CHECK(ropa_model_json(&json) == ROPA_OK);
    CHECK(json && strstr(json, "\"legal_sources\"") && strstr(json, "\"type\":\"references\""));
    ropa_free(json);

    /* a rule violation carries each broken rule with its code and article */
    CHECK(ropa_write_json(NULL, reg,
                          "[{\"op\": \"create\", \"entity\": \"category\", \"code\": \"NAME\", \"fields\": {\"name\": "
                          "{\"en\": \"Name\"}}}, {\"op\": \"create\", \"entity\": \"subject\", \"code\": \"CIT\", "
                          "\"fields\": {\"name\": {\"en\": \"Citizens\"}}}, {\"op\": \"link\", \"link\": "
                          "\"purpose-category\", \"from\": \"PASS\", \"to\": \"NAME\"}, {\"op\": \"link\", \"link\": "
                          "\"activity-category\", \"from\": \"A-PASS\", \"to\": \"NAME\"}, {\"op\": \"link\", \"link\": "
                          "\"activity-subject\", \"from\": \"A-PASS\", \"to\": \"CIT\"}, {\"op\": \"update\", \"entity\": "
                          "\"activity\", \"ref\": \"A-PASS\", \"fields\": {\"status\": \"active\"}}, {\"op\": "
                          "\"create\", \"entity\": \"category\", \"code\": \"HEALTH\", \"fields\": {\"name\": {\"en\": "
                          "\"Health\"}, \"is_special\": true}}]",
                          "dpo", "approve") == ROPA_OK);
    CHECK(ropa_link(reg, "activity-category", "A-PASS", "HEALTH", "dpo", "try") == ROPA_E_RULE_VIOLATION);
    CHECK(strstr(ropa_last_error_json(), "\"code\":\"category-not-allowed\"") != NULL);
    CHECK(strstr(ropa_last_error_json(), "\"article\":\"Art. 5(1)(b)\"") != NULL);

    /* settings, the activity as one document, every export option, a signed export verified */
    CHECK(ropa_write_json(NULL, reg, "[{\"op\": \"settings\", \"review_interval_months\": 24}]", "dpo", "s") == ROPA_OK);
    CHECK(ropa_settings_json(&json, reg) == ROPA_OK);
    CHECK(json && strstr(json, "\"review_interval_months\":24") != NULL);
    ropa_free(json);
    /* a field the register requires beyond Art. 30, counted by check; an unknown one refused */
    CHECK(ropa_write_json(NULL, reg, "[{\"op\": \"settings\", \"required_fields\": [\"systems\"]}]", "dpo", "s") ==
          ROPA_OK);
    CHECK(ropa_check_json(&json, reg) == ROPA_OK);
    CHECK(json && strstr(json, "\"missing_required\":[\"systems: software or systems used\"]") != NULL);
    ropa_free(json);
    CHECK(ropa_write_json(NULL, reg, "[{\"op\": \"settings\", \"required_fields\": [\"colour\"]}]", "dpo", "s") ==
          ROPA_E_VALIDATION);
    CHECK(strstr(ropa_last_error_json(), "required_fields: ") != NULL &&
          strstr(ropa_last_error_json(), "is not a field a register can require") != NULL);
    CHECK(ropa_write_json(NULL, reg, "[{\"op\": \"settings\", \"required_fields\": []}]", "dpo", "s") == ROPA_OK);
    CHECK(ropa_settings_json(&json, reg) == ROPA_OK);
    CHECK(json && strstr(json, "\"required_fields\":[]") != NULL);
    ropa_free(json);
    /* a warning accepted with its reason; an error cannot be */
    CHECK(ropa_write_json(NULL, reg,
                          "[{\"op\": \"acknowledge\", \"finding_code\": \"security-measures-missing\", "
                          "\"subject\": \"activity:A-PASS\", \"reason\": \"measures are the ministry's baseline\"}]",
                          "dpo", "accepted") == ROPA_OK);
    CHECK(ropa_acknowledgements_json(&json, reg) == ROPA_OK);
    CHECK(json && strstr(json, "\"reason\":\"measures are the ministry's baseline\"") != NULL);
    ropa_free(json);
    CHECK(ropa_write_json(NULL, reg,
                          "[{\"op\": \"acknowledge\", \"finding_code\": \"nothing-like-it\", "
                          "\"subject\": \"activity:A-PASS\", \"reason\": \"x\"}]",
                          "dpo", "try") == ROPA_E_NOT_FOUND);
    char* document = NULL;
    CHECK(ropa_activity_document(&document, reg, "A-PASS") == ROPA_OK);
    CHECK(document && strstr(document, "pasw-7") != NULL);
    CHECK(ropa_apply_activity_document(&changed, reg, document, -1, "dpo", "unchanged") == ROPA_OK);
    CHECK(changed == 0);
    ropa_free(document);
    CHECK(ropa_export_with(&exported, &size, reg, "{\"format\": \"md\", \"approved_only\": true}") == ROPA_OK);
    CHECK(exported && strstr(exported, "approved (active) activities only") && strstr(exported, "A-PASS"));
    ropa_free(exported);
    CHECK(ropa_export_with(&exported, &size, reg, "{\"format\": \"pdf\"}") == ROPA_E_VALIDATION);
    CHECK(exported == NULL && size == 0);
    char key[] = "/tmp/ropa-c-key-XXXXXX", file[] = "/tmp/ropa-c-export-XXXXXX";
    temporary_path(key);
    temporary_path(file);
    char* fingerprint = NULL;
    CHECK(ropa_key_new(&fingerprint, key) == ROPA_OK);
    CHECK(fingerprint && strncmp(fingerprint, "ed25519:", 8) == 0);
    CHECK(ropa_export_file_with(reg, "{\"format\": \"html\"}", file, key) == ROPA_OK);
    CHECK(ropa_verify_export_json(&json, reg, file, NULL) == ROPA_OK);
    CHECK(json && strstr(json, "\"ok\":true") && strstr(json, fingerprint) && strstr(json, "\"content_compared\":true"));
    ropa_free(json);
    /* the DPO's key by its file (as ropa_key_new wrote it); a key file that is not there */
    char public_key[64], trusted[128], signature[64];
    snprintf(public_key, sizeof public_key, "%s.pub", key);
    snprintf(trusted, sizeof trusted, "{\"trusted_key\": \"%s\"}", public_key);
    CHECK(ropa_verify_export_json(&json, NULL, file, trusted) == ROPA_OK);
    CHECK(json && strstr(json, "\"ok\":true") != NULL);
    ropa_free(json);
    CHECK(ropa_verify_export_json(&json, NULL, file, "{\"trusted_key\": \"no-such.pub\"}") == ROPA_E_NOT_FOUND);
    CHECK(json == NULL);
    ropa_free(fingerprint);
    snprintf(signature, sizeof signature, "%s.sig", file);
    unlink(file);
    unlink(signature);
    unlink(key);
    unlink(public_key);

    /* a message quoting bytes that are not UTF-8 is valid UTF-8 all the same */
    CHECK(ropa_get_json(&json, reg, "activity", "bad\xff\xfe" "code") != ROPA_OK);
    CHECK(strstr(ropa_last_error(), "\xef\xbf\xbd") != NULL);
    CHECK(strstr(ropa_last_error(), "\xff") == NULL);

    ropa_close(reg);
    unlink(first);
    unlink(second);
    printf("c session: %d passed, %d failed\n", failures == 0, failures);
    return failures == 0 ? 0 : 1;
}
