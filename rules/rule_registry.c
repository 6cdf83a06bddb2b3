/* rule_registry.c — the table of rules. Ids never change meaning once released. */
#include "rule_registry.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

static const rule_info rules[] = {
    /* what PostgreSQL itself rejects when it reads the files */
    {"conf-syntax-error", SEV_ERROR, 1, "a postgresql.conf line PostgreSQL cannot parse",
     .rationale = "The server refuses to start (or keeps the old configuration on reload) "
                  "when a line does not parse.",
     .how_to_fix = "Quote values that contain spaces or special characters; write one "
                   "name = value per line.",
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"include-error", SEV_ERROR, 1,
     "an include, include_dir, include_if_exists or @file that PostgreSQL cannot follow",
     .rationale = "A missing or looping include stops the server from reading its configuration.",
     .how_to_fix = "Point the directive at an existing file or directory, or use "
                   "include_if_exists for optional files.",
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"include-outside-tree", SEV_WARNING, 1,
     "an include, include_dir or @file (or a walked symbolic link) that leads outside the "
     "checked directory tree, so it was not read",
     .rationale = "Checking an untrusted repository must not read other files of the machine "
                  "(include '/etc/shadow') and quote them in the report; and a configuration "
                  "that depends on files outside the tree under review was not fully checked.",
     .how_to_fix = "Keep included files inside the repository, or check the outside files "
                   "too with --allow-include-outside when the tree is trusted.",
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"hba-syntax-error", SEV_ERROR, 1, "a pg_hba.conf line PostgreSQL rejects",
     .rationale = "PostgreSQL refuses to load a pg_hba.conf with an invalid line: the server "
                  "does not start, or a reload keeps the old rules.",
     .how_to_fix = "Correct the line as the message says (connection type, address and mask, "
                   "method, options).",
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"ident-syntax-error", SEV_ERROR, 1, "a pg_ident.conf line PostgreSQL rejects",
     .rationale = "An invalid pg_ident.conf line makes the whole file fail to load.",
     .how_to_fix = "Write MAPNAME SYSTEM-USERNAME PG-USERNAME on each line.",
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    /* parameters and values, checked against the catalog of the version */
    {"conf-unknown-parameter", SEV_ERROR, 1,
     "a parameter the version does not know (a typo, or a near-miss of an extension prefix)",
     .rationale = "PostgreSQL refuses to start with an unknown parameter; a misspelt "
                  "extension parameter is accepted and silently never used.",
     .how_to_fix = "Fix the spelling (the message suggests the closest name) or remove the line.",
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"conf-invalid-value", SEV_ERROR, 1, "a value the parameter does not accept (type, unit, enum, range)",
     .rationale = "The server refuses to start with a value the parameter rejects.",
     .how_to_fix = "Use a value of the parameter's type, unit and range (pgconflint describe NAME).",
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"conf-removed-parameter", SEV_ERROR, 1, "a parameter that the version no longer has",
     .rationale = "A parameter removed from the version is an unknown parameter to it: the "
                  "server refuses to start.",
     .how_to_fix = "Remove the line, or use the successor the message names.",
     .fix = FIX_SAFE,   /* commented out; unsafe where a successor must take the value */
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"conf-not-yet-parameter", SEV_ERROR, 1, "a parameter that only later versions have",
     .rationale = "The version does not know the parameter yet and refuses to start.",
     .how_to_fix = "Remove the line, or check with the --pg-version you run.",
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"conf-duplicate-setting", SEV_WARNING, 1, "an assignment that a later one silently overrides",
     .rationale = "Only the last assignment takes effect; an earlier one misleads readers and "
                  "reviewers.",
     .how_to_fix = "Delete the overridden assignment.",
     .fix = FIX_SAFE,   /* commented out; unsafe in an included file another server may share */
     .profiles = "default cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"conf-disallowed-in-file", SEV_WARNING, 1, "a parameter that must not be set in a configuration file",
     .rationale = "Parameters such as session_authorization, role, transaction_isolation, "
                  "transaction_read_only and seed belong to one session and are changed with "
                  "SET; PostgreSQL marks them as not settable from a configuration file and "
                  "ALTER SYSTEM refuses them, so the line does not configure what it seems to.",
     .how_to_fix = "Remove the line; for a server-wide default use default_transaction_isolation, "
                   "default_transaction_read_only or default_transaction_deferrable, and "
                   "ALTER ROLE ... SET or ALTER DATABASE ... SET for per-role settings.",
     .profiles = "default"},
    {"conf-internal-parameter", SEV_ERROR, 1, "a read-only (internal) parameter set in a file",
     .rationale = "Internal parameters are fixed when the server is built or initialised; "
                  "setting one is an error.",
     .how_to_fix = "Remove the line.",
     .fix = FIX_SAFE,
     .profiles = "default none cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"conf-restart-required", SEV_INFO, 0,
     "a parameter whose change only takes effect after a server restart (for reviewers; opt-in)",
     .rationale = "Reviewers should know which changes need a restart rather than a reload.",
     .how_to_fix = "Plan a restart, or leave the value as it is."},
    /* pg_hba.conf ordering */
    {"hba-shadowed-line", SEV_WARNING, 1, "a pg_hba.conf line no connection can reach",
     .rationale = "pg_hba.conf is first-match: a line that earlier lines cover never applies, "
                  "so it does not do what its author intended.",
     .how_to_fix = "Remove the line or move it above the lines that cover it.",
     .fix = FIX_SAFE,   /* commented out, unless a weaker line shadows it (then: reorder) */
     .profiles = "default cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"hba-shadowing-weaker-method", SEV_WARNING, 1,
     "a line that takes a later, narrower line's connections with a weaker method",
     .rationale = "A broad line with a weak method before a narrow line with a strong one "
                  "silently replaces the strong method.",
     .how_to_fix = "Move the narrow line above the broad one.",
     .profiles = "default cis-13 cis-14 cis-15 cis-16 cis-17 cis-18 devsec stig-16 pgdsat"},
    {"hba-no-final-reject", SEV_WARNING, 0, "pg_hba.conf does not end with a catch-all reject (opt-in)",
     .rationale = "A final reject makes the file's intent explicit: whatever no line allows is refused.",
     .how_to_fix = "End the file with reject lines for local, host all all 0.0.0.0/0 and ::/0."},
#include "security_rules.def"
};

#define NRULES (sizeof rules / sizeof rules[0])
#define SLOTS 512   /* a power of two, several times the number of rules */

/* Rule positions + 1 by a hash of the id (0: empty), built once for all
 * threads: rule_find runs for every check and every finding, and ids a
 * policy defines (not in this table) cost a scan of the whole table. */
static unsigned short slot[SLOTS];
static atomic_int slots_ready;
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static unsigned id_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h & (SLOTS - 1);
}

static void build_slots(void)
{
    for (size_t i = 0; i < NRULES; i++) {
        unsigned h = id_hash(rules[i].id);
        while (slot[h])
            h = (h + 1) & (SLOTS - 1);
        slot[h] = (unsigned short)(i + 1);
    }
    atomic_store_explicit(&slots_ready, 1, memory_order_release);
}

const rule_info *rule_find(const char *id)
{
    _Static_assert(NRULES * 2 <= SLOTS, "the hash table needs room");
    if (!atomic_load_explicit(&slots_ready, memory_order_acquire))
        pthread_once(&slots_once, build_slots);
    /* Rules pass their ids as string literals, which the linker merges
     * with the table's: a pointer match saves comparing the string. */
    for (unsigned h = id_hash(id); slot[h]; h = (h + 1) & (SLOTS - 1)) {
        const rule_info *r = &rules[slot[h] - 1];
        if (r->id == id || strcmp(r->id, id) == 0)
            return r;
    }
    return NULL;
}

const rule_info *rule_all(int *count)
{
    *count = (int)(sizeof rules / sizeof rules[0]);
    return rules;
}

const char *fix_class_name(fix_class f)
{
    switch (f) {
    case FIX_SAFE: return "safe";
    case FIX_UNSAFE: return "unsafe";
    default: return "none";
    }
}

int rule_is_parse_error(const char *id)
{
    /* asked for every finding and every check: most ids end otherwise */
    size_t n = strlen(id);
    if (n < 13 || (id[n - 1] != 'r'))
        return 0;
    return strcmp(id, "conf-syntax-error") == 0 || strcmp(id, "hba-syntax-error") == 0 ||
           strcmp(id, "ident-syntax-error") == 0 || strcmp(id, "include-error") == 0;
}
