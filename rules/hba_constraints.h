/*
 * hba_constraints — policy rules on pg_hba.conf lines (the `hba:` list of a
 * policy, and the built-in hba rules written the same way). A rule selects
 * lines (types, methods, databases and users by PCRE2, lines having some
 * options, minus lines whose address lies in `except_addresses`), then states
 * what the selected lines must not do: use a forbidden method, use a method
 * outside an allowlist, admit an address of a listed range, admit a range
 * wider than a prefix, accept unencrypted TCP, lack an option, carry an
 * option. With no such condition, selected lines are themselves the finding.
 * `when` conditions read the sibling postgresql.conf (cross-file rules);
 * without it the rule is skipped. `reject` lines only ever meet method
 * conditions: they admit no one.
 *
 * Memory: rules live in the policy's arena, read-only once loaded; findings
 * go into the arena passed to the run.
 */
#ifndef PGCL_HBA_CONSTRAINTS_H
#define PGCL_HBA_CONSTRAINTS_H

#include "arena.h"
#include "effective.h"
#include "finding.h"
#include "hba_addr.h"
#include "hba_doc.h"
#include "policy_regex.h"
#include "setting_constraints.h"

typedef enum addr_spec_kind {
    ADDR_SPEC_ALL, ADDR_SPEC_SAMEHOST, ADDR_SPEC_SAMENET, ADDR_SPEC_HOSTNAME, ADDR_SPEC_RANGE
} addr_spec_kind;

typedef struct addr_spec {
    addr_spec_kind kind;
    ip_range range;              /* ADDR_SPEC_RANGE */
    const char *text;
} addr_spec;

typedef enum hba_fix_kind { HBA_FIX_NONE, HBA_FIX_METHOD, HBA_FIX_TYPE, HBA_FIX_COMMENT_OUT } hba_fix_kind;

typedef struct hba_check_rule {
    const char *id;
    severity sev;
    const char *message;
    int min_version, max_version;
    /* selectors */
    ptrvec types, methods;       /* const char* */
    const policy_regex *databases, *users;
    ptrvec options;              /* const char*: lines having these options */
    ptrvec except_addresses;     /* addr_spec* */
    /* conditions */
    ptrvec forbid_methods, allow_methods;
    int has_allow_methods;
    ptrvec addresses;            /* addr_spec* */
    int min_prefix4, min_prefix6;/* 0 = no limit */
    int require_ssl;
    ptrvec require_options, forbid_options;  /* "name" or "name=value" */
    ptrvec when;                 /* sc_cond* on the sibling postgresql.conf */
    /* remedy (always unsafe: it changes who can connect) */
    hba_fix_kind fix;
    const char *fix_text;
    policy_loc loc;
    /* types, methods, forbid_methods and allow_methods as sets of word ids
     * (hba_check_rule_compile); words_compiled 0: compare the words */
    int words_compiled;
    unsigned types_bits, methods_bits, forbid_bits, allow_bits;
} hba_check_rule;

/* Fill the word sets above once the word lists are final (the loader does);
 * a rule left uncompiled runs all the same, only slower. */
void hba_check_rule_compile(hba_check_rule *r);

int hba_check_rule_applies(const hba_check_rule *r, int version);

/* 1 when the rule has `when` conditions (it needs the postgresql.conf). */
int hba_check_rule_needs_conf(const hba_check_rule *r);

/* What every rule asks of each line of a document (its type and method as
 * word ids, its address), worked out once for all the rules: in `a`, which
 * must outlive it, as must `d`. */
typedef struct hba_lines hba_lines;
hba_lines *hba_lines_prepare(arena *a, const hba_doc *d);

/* Evaluate one rule over every line of a document, prepared by
 * hba_lines_prepare(). `conf` is the sibling configuration (NULL when
 * unknown). */
void hba_check_rule_run_lines(arena *a, const hba_check_rule *r, hba_lines *lines,
                              effective_conf *conf, int version, ptrvec *out);

/* Parse "10.0.0.0/8", "::1/128", "all", "samehost", "samenet", "hostnames".
 * Returns 0, or -1 if the text is none of these. */
int addr_spec_parse(const char *text, addr_spec *out);

/* Does the line's address admit any address of the spec? */
int addr_spec_meets(const addr_spec *s, const hba_addr *line_addr);

/* Is every address the line admits inside the spec's range? */
int addr_spec_covers(const addr_spec *s, const hba_addr *line_addr);

#endif
