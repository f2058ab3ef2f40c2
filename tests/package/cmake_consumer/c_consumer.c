/* The C API through an installed ropa. */
#include <stdio.h>
#include <ropa/ropa.h>

int main(int argc, char** argv) {
    ropa_register* reg = NULL;
    if (argc < 2 || ropa_open(&reg, argv[1], ROPA_OPEN_READ_ONLY) != ROPA_OK) {
        fprintf(stderr, "c consumer FAILED: %s\n", ropa_last_error());
        return 1;
    }
    char* json = NULL;
    int status = ropa_get_json(&json, reg, "activity", "A1");
    printf("%s\n", status == ROPA_OK ? "c consumer ok" : ropa_last_error());
    ropa_free(json);
    ropa_close(reg);
    return status == ROPA_OK ? 0 : 1;
}
