/* A first register from C (docs/api.md, "The C API"): one change with an activity and its legal
 * basis, then the diff from the register's creation. Built and run by the test suite. */
#include <stdio.h>

#include <ropa/ropa.h>

int main(int argc, char** argv) {
    if (argc < 2)
        return 2;
    ropa_register* reg = NULL;
    if (ropa_open(&reg, argv[1], ROPA_OPEN_CREATE) != ROPA_OK) {
        fprintf(stderr, "%s\n", ropa_last_error());
        return 1;
    }
    int changed = 0;
    if (ropa_write_json(&changed, reg,
            "[{\"op\": \"create\", \"entity\": \"activity\", \"code\": \"A1\", \"fields\": {\"name\": {\"en\": \"Payroll\"}}},"
            " {\"op\": \"link\", \"link\": \"activity-basis\", \"from\": \"A1\", \"to\": \"art6-1-c\"}]",
            "dpo", "payroll recorded") != ROPA_OK)
        fprintf(stderr, "%s\n", ropa_last_error_json());   /* {"code", "name", "message", "field"} */
    char* json = NULL;
    if (ropa_diff_json(&json, reg, "1", NULL) == ROPA_OK)
        puts(json);
    ropa_free(json);                                       /* NULL after a failure: always safe */
    ropa_close(reg);
    return changed ? 0 : 1;
}
