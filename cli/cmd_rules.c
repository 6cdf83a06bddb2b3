/* cmd_rules.c — `pgconflint rules`: every rule with its default severity,
 * remedy, versions and profiles; `pgconflint rules ID`: what one rule
 * reports, why, how to fix it, its references and how it is checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "policy.h"
#include "policy_setup.h"
#include "rule_registry.h"
#include "rules_doc.h"

static const char *versions(char *buf, size_t n, const rule_info *r)
{
    if (r->min_version && r->max_version)
        snprintf(buf, n, "%d-%d", r->min_version, r->max_version);
    else if (r->min_version)
        snprintf(buf, n, "%d+", r->min_version);
    else if (r->max_version)
        snprintf(buf, n, "<=%d", r->max_version);
    else
        snprintf(buf, n, "all");
    return buf;
}

/* "cis-13 cis-14 ... cis-18" reads as "cis-13..18". */
static void print_profiles(FILE *out, const char *profiles)
{
    if (!profiles || !*profiles) {
        fputs("-", out);
        return;
    }
    int cis_lo = 0, cis_hi = 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", profiles);
    int first = 1;
    char *save = NULL;
    for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        char *end = NULL;
        int v = strncmp(t, "cis-", 4) == 0 ? (int)strtol(t + 4, &end, 10) : 0;
        if (end && end != t + 4) {
            if (!cis_lo)
                cis_lo = v;
            cis_hi = v;
            continue;
        }
        if (cis_lo) {
            fprintf(out, "%scis-%d%s", first ? "" : " ", cis_lo, "");
            if (cis_hi != cis_lo)
                fprintf(out, "..%d", cis_hi);
            cis_lo = 0;
            first = 0;
        }
        fprintf(out, "%s%s", first ? "" : " ", t);
        first = 0;
    }
    if (cis_lo) {
        fprintf(out, "%scis-%d", first ? "" : " ", cis_lo);
        if (cis_hi != cis_lo)
            fprintf(out, "..%d", cis_hi);
    }
}

/* Paragraph text wrapped at 78 columns with an indent. */
static void wrap(FILE *out, const char *text, int indent)
{
    int col = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        if (col == 0) {
            fprintf(out, "%*s", indent, "");
            col = indent;
        } else if (col + 1 + (int)w > 78) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, w, out);
        col += (int)w;
        p += w;
    }
    if (col)
        fputc('\n', out);
}

static int explain(const cli_options *o, const rule_info *r)
{
    char vb[32];
    printf("%s: %s\n\n", r->id, r->summary);
    printf("  severity    %s\n", severity_name(r->sev));
    printf("  runs        %s\n", r->enabled ? "by default" : "when a profile or --extend-select asks");
    printf("  fix         %s\n", fix_class_name(r->fix));
    printf("  versions    %s\n", versions(vb, sizeof vb, r));
    printf("  profiles    ");
    print_profiles(stdout, r->profiles);
    fputc('\n', stdout);
    if (r->references) {
        printf("  references");
        /* "; "-separated anchors, one per line under the first */
        const char *p = r->references;
        for (int first = 1; *p; first = 0) {
            size_t n = strcspn(p, ";");
            printf("%s%.*s\n", first ? "  " : "              ", (int)n, p);
            p += n;
            while (*p == ';' || *p == ' ')
                p++;
        }
    }
    if (r->rationale) {
        printf("\nWhy\n");
        wrap(stdout, r->rationale, 2);
    }
    if (r->how_to_fix) {
        printf("\nHow to fix\n");
        wrap(stdout, r->how_to_fix, 2);
    }
    policy *p = cli_load_policy(o, stderr);
    if (!p)
        return 2;
    printf("\nHow it is checked\n");
    fflush(stdout);
    if (!policy_write_rule(p, r->id, stdout))
        printf("  in code (the policy can set its severity or disable it)\n");
    policy_free(p);
    return 0;
}

int cmd_rules(const cli_options *o)
{
    int n;
    const rule_info *all = rule_all(&n);
    /* docs/rules.md is this output (rules_doc.h) */
    if (o->format && strcmp(o->format, "markdown") == 0 && o->npaths == 0)
        return rules_write_markdown(stdout);
    if (o->npaths > 1) {
        fprintf(stderr, "pgconflint: rules takes at most one rule ID\n");
        return 2;
    }
    if (o->npaths == 1) {
        const rule_info *r = rule_find(o->paths[0]);
        if (!r) {
            const char *ids[512];
            size_t k = 0;
            for (int i = 0; i < n && k < 512; i++)
                ids[k++] = all[i].id;
            const char *sug = policy_closest(o->paths[0], ids, k);
            fprintf(stderr, "pgconflint: no rule \"%s\"%s%s%s\n", o->paths[0],
                    sug ? "; did you mean \"" : " (see pgconflint rules)", sug ? sug : "",
                    sug ? "\"?" : "");
            return 2;
        }
        return explain(o, r);
    }
    printf("%-36s %-8s %-7s %-8s %s\n", "RULE", "SEVERITY", "FIX", "VERSIONS", "PROFILES");
    for (int i = 0; i < n; i++) {
        char vb[32];
        printf("%-36s %-8s %-7s %-8s ", all[i].id, severity_name(all[i].sev),
               fix_class_name(all[i].fix), versions(vb, sizeof vb, &all[i]));
        print_profiles(stdout, all[i].profiles);
        fputc('\n', stdout);
    }
    return 0;
}
