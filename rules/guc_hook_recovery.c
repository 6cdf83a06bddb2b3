/* guc_hook_recovery.c — check hooks of replication and recovery-target
 * parameters: slot names, LSNs, transaction ids, timelines. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "guc_hooks.h"
#include "guc_split.h"

/* NAMEDATALEN: a name must be shorter than this. */
#define NAME_LIMIT 64

/* ReplicationSlotValidateName's rules: 1..63 bytes of [a-z0-9_]. */
static int slot_name_ok(arena *a, const char *name, guc_hook_result *out)
{
    size_t len = strlen(name);
    const char *why = NULL;
    if (len == 0)
        why = "is too short";
    else if (len >= NAME_LIMIT)
        why = "is too long";
    else
        for (const char *c = name; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) {
                why = "contains invalid character";
                out->hint = "Replication slot names may only contain lower case letters, "
                            "numbers, and the underscore character.";
                break;
            }
    if (!why)
        return 1;
    out->detail = arena_printf(a, "replication slot name \"%s\" %s", name, why);
    return 0;
}

int hook_slot_name(arena *a, const guc_param *p, int version, guc_hook_value *v,
                   guc_hook_result *out)
{
    (void)p; (void)version;
    if (!*v->strval)
        return 1;
    return slot_name_ok(a, v->strval, out);
}

/* 17+ synchronized_standby_slots: a list of slot names; whether the slots
 * exist is only checked once the server runs. */
int hook_standby_slots(arena *a, const guc_param *p, int version, guc_hook_value *v,
                       guc_hook_result *out)
{
    (void)p; (void)version;
    ptrvec items = { 0 };
    if (!guc_split_identifiers(a, v->strval, ',', &items)) {
        out->detail = "List syntax is invalid.";
        return 0;
    }
    for (size_t i = 0; i < items.n; i++)
        if (!slot_name_ok(a, items.items[i], out))
            return 0;
    return 1;
}

int hook_recovery_target(arena *a, const guc_param *p, int version, guc_hook_value *v,
                         guc_hook_result *out)
{
    (void)a; (void)p; (void)version;
    if (!*v->strval || strcmp(v->strval, "immediate") == 0)
        return 1;
    out->detail = "The only allowed value is \"immediate\".";
    return 0;
}

/* pg_lsn syntax: 1-8 hex digits, '/', 1-8 hex digits. */
int hook_recovery_target_lsn(arena *a, const guc_param *p, int version, guc_hook_value *v,
                             guc_hook_result *out)
{
    (void)a; (void)p; (void)version; (void)out;
    static const char hex[] = "0123456789abcdefABCDEF";
    const char *s = v->strval;
    if (!*s)
        return 1;
    size_t n1 = strspn(s, hex);
    if (n1 < 1 || n1 > 8 || s[n1] != '/')
        return 0;
    size_t n2 = strspn(s + n1 + 1, hex);
    return n2 >= 1 && n2 <= 8 && s[n1 + 1 + n2] == '\0';
}

int hook_recovery_target_name(arena *a, const guc_param *p, int version, guc_hook_value *v,
                              guc_hook_result *out)
{
    (void)p;
    if (strlen(v->strval) < NAME_LIMIT)
        return 1;
    /* 17 started quoting parameter names in messages */
    out->detail = arena_printf(a, version >= 17 ? "\"%s\" is too long (maximum %d characters)."
                                                : "%s is too long (maximum %d characters).",
                               "recovery_target_name", NAME_LIMIT - 1);
    return 0;
}

/* The server only asks strtoull/strtoul whether the number overflows; text
 * that is no number at all passes. Using the C library here reproduces that
 * exactly on the same platform. */
int hook_recovery_target_xid(arena *a, const guc_param *p, int version, guc_hook_value *v,
                             guc_hook_result *out)
{
    (void)a; (void)p; (void)version; (void)out;
    if (!*v->strval)
        return 1;
    errno = 0;
    (void)strtoull(v->strval, NULL, 0);
    return !(errno == EINVAL || errno == ERANGE);
}

int hook_recovery_target_timeline(arena *a, const guc_param *p, int version,
                                  guc_hook_value *v, guc_hook_result *out)
{
    (void)a; (void)p;
    if (strcmp(v->strval, "current") == 0 || strcmp(v->strval, "latest") == 0)
        return 1;
    errno = 0;
    (void)strtoul(v->strval, NULL, 0);
    if (errno == EINVAL || errno == ERANGE) {
        out->detail = version >= 17 ? "\"recovery_target_timeline\" is not a valid number."
                                    : "recovery_target_timeline is not a valid number.";
        return 0;
    }
    return 1;
}

/* A full timestamp parser (with the server's time zone data) is out of
 * reach: the words the hook refuses by name are refused, text without a digit
 * cannot be a timestamp, everything else is accepted and flagged. */
int hook_recovery_target_time(arena *a, const guc_param *p, int version, guc_hook_value *v,
                              guc_hook_result *out)
{
    (void)a; (void)p; (void)version;
    static const char *const relative[] = { "now", "today", "tomorrow", "yesterday", NULL };
    const char *s = v->strval;
    if (!*s)
        return 1;
    for (int i = 0; relative[i]; i++)
        if (strcmp(s, relative[i]) == 0)
            return 0;
    out->env_dependent = 1;
    for (; *s; s++)
        if (isdigit((unsigned char)*s))
            return 1;
    return 0;
}
