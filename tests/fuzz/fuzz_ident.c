/*
 * fuzz_ident — pg_ident.conf: the same line reader and tokenizer as
 * pg_hba.conf, the three columns and the regular expressions of the system
 * user (and, from 16, of the database user). Checked: no crash or sanitizer
 * report, the tree prints back to the input, locations inside the file.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_auth_document(KIND_IDENT, data, size);
    return 0;
}
