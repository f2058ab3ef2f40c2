/* The C API through an installed ropa (built by tests/package/run.sh with CMake and with a
 * plain cc and pkg-config). ROPA_EXPECTED_VERSION: the version installed. */
#include <stdio.h>
#include <string.h>
#include <ropa/ropa.h>

int main(int argc, char** argv) {
    ropa_register* reg = NULL;
    if (argc < 2 || ropa_open(&reg, argv[1], ROPA_OPEN_READ_ONLY) != ROPA_OK) {
        fprintf(stderr, "c consumer FAILED: %s\n", ropa_last_error());
        return 1;
    }
    if (strcmp(ropa_version(), ROPA_EXPECTED_VERSION) != 0) {
        fprintf(stderr, "c consumer FAILED: runs with ropa %s, expected %s\n", ropa_version(), ROPA_EXPECTED_VERSION);
        return 1;
    }
    char* json = NULL;
    int status = ropa_get_json(&json, reg, "activity", "A1");
    printf("%s\n", status == ROPA_OK ? "c consumer ok" : ropa_last_error());
    ropa_free(json);
    ropa_close(reg);
    return status == ROPA_OK ? 0 : 1;
}
