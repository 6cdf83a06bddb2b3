/*
 * fuzz_hba — pg_hba.conf: line splitting, tokens, @file and include lines
 * (not followed: a fuzzer must not read the disk), every field and option,
 * and the rules that analyse the result (shadowing, final reject). Run under
 * the versions whose readers differ: 13 (fgets chunks), 15 (token limit),
 * 16 (include lines, regexes), the newest (CR no longer blank).
 * Checked: no crash or sanitizer report, the tree prints back to the input,
 * every location lies inside the file.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_auth_document(KIND_HBA, data, size);
    return 0;
}
