/* report_sarif.c — `--format sarif`: SARIF 2.1.0 as GitHub code scanning
 * ingests it. Every rule of the registry goes into tool.driver.rules (with
 * its help), so results can refer to rules by index; paths are relative to
 * %SRCROOT% (the working directory) when they can be; columns are counted in
 * Unicode code points, as columnKind says, not in bytes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "json_writer.h"
#include "report.h"

/* GitHub keeps at most this many results per run (sarif-limits). */
#define GITHUB_MAX_RESULTS 25000

typedef struct sarif_state {
    json_writer w;
    ptrvec errors;   /* diag*, copied: toolExecutionNotifications */
    int nresults;
} sarif_state;

/* RFC 3986 unreserved characters and '/' pass; everything else is %XX. */
static char *uri_encode(arena *a, const char *path)
{
    strbuf b = {0};
    strbuf_puts(a, &b, "");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            strbuf_putc(a, &b, (char)c);
        else
            strbuf_printf(a, &b, "%%%02X", c);
    }
    return b.data;
}

static void write_artifact(json_writer *w, arena *a, const char *path)
{
    jw_begin_object(w);
    jw_key(w, "uri");
    if (path[0] == '/') {
        jw_string(w, arena_printf(a, "file://%s", uri_encode(a, path)));
    } else {
        while (path[0] == '.' && path[1] == '/')
            path += 2;
        jw_string(w, uri_encode(a, path));
        jw_key_string(w, "uriBaseId", "%SRCROOT%");
    }
    jw_end_object(w);
}

/* Byte column -> code point column on a line of `src` (invalid UTF-8 bytes
 * count one each, as a UTF-8 decoder that replaces them would). */
static int cp_column(const source *src, int line, int bytecol)
{
    if (!src || line <= 0 || bytecol <= 1)
        return bytecol;
    size_t start = source_line_offset(src, line);
    size_t end = start + (size_t)(bytecol - 1);
    if (end > src->len)
        end = src->len;
    int col = 1;
    for (size_t i = start; i < end; i++)
        if ((src->data[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static void write_region(json_writer *w, const source *src, const report_span *s)
{
    jw_begin_object(w);
    /* A finding about a whole file is shown on its first line: GitHub
     * needs a region to place an alert. */
    int line = s->line > 0 ? s->line : 1;
    jw_key_int(w, "startLine", line);
    if (s->line > 0) {
        jw_key_int(w, "startColumn", cp_column(src, s->line, s->col));
        jw_key_int(w, "endLine", s->end_line);
        jw_key_int(w, "endColumn", cp_column(src, s->end_line, s->end_col));
    }
    if (s->has_bytes) {
        jw_key_int(w, "byteOffset", (long long)s->off);
        jw_key_int(w, "byteLength", (long long)s->len);
    }
    jw_end_object(w);
}

static void write_location(json_writer *w, arena *a, const char *path, const source *src,
                           const report_span *s)
{
    jw_key(w, "physicalLocation");
    jw_begin_object(w);
    jw_key(w, "artifactLocation");
    write_artifact(w, a, path);
    jw_key(w, "region");
    write_region(w, src, s);
    jw_end_object(w);
}

static const char *level_of(severity s)
{
    return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* "hba-shadowed-line" -> "HbaShadowedLine": SARIF's rule name is meant for
 * people and tools that expect an identifier without dashes. */
static char *pascal_name(arena *a, const char *id)
{
    char *s = arena_strdup(a, id);
    size_t k = 0;
    int up = 1;
    for (const char *p = id; *p; p++) {
        if (*p == '-' || *p == '_') {
            up = 1;
            continue;
        }
        char c = *p;
        if (up && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        s[k++] = c;
        up = 0;
    }
    s[k] = '\0';
    return s;
}

/* SARIF wants sentences; registry summaries are fragments without a stop. */
static char *sentence(arena *a, const char *s)
{
    if (!s || !*s)
        return arena_strdup(a, "No description.");
    size_t n = strlen(s);
    char *r = arena_printf(a, "%c%s%s", s[0] >= 'a' && s[0] <= 'z' ? s[0] - 'a' + 'A' : s[0],
                           s + 1, s[n - 1] == '.' ? "" : ".");
    return r;
}

/* GitHub keeps rule descriptions to 1024 characters. */
static const char *at_most(arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return s;
    n = max - 3;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;   /* not inside a UTF-8 sequence */
    return arena_printf(a, "%.*s...", (int)n, s);
}

/* Rules with external anchors (CIS, STIG, DevSec, ...) are security rules:
 * code scanning ranks them by security-severity (8.0 high, 5.0 medium, 2.0
 * low, from the rule's default severity). */
static int is_security(const rule_info *ri)
{
    return ri->references && *ri->references;
}

static void write_rule(json_writer *w, arena *a, const rule_info *ri)
{
    const char *summary = sentence(a, ri->summary);
    jw_begin_object(w);
    jw_key_string(w, "id", ri->id);
    jw_key_string(w, "name", pascal_name(a, ri->id));
    jw_key_text(w, "shortDescription", at_most(a, summary, 1024));
    jw_key_text(w, "fullDescription",
                at_most(a, ri->rationale ? sentence(a, ri->rationale) : summary, 1024));

    strbuf text = {0}, md = {0};
    strbuf_printf(a, &text, "%s", summary);
    strbuf_printf(a, &md, "**%s** (%s, %s by default; fix: %s)\n\n%s", ri->id,
                  severity_name(ri->sev), ri->enabled ? "on" : "off", fix_class_name(ri->fix),
                  summary);
    if (ri->rationale) {
        strbuf_printf(a, &text, " Why: %s", ri->rationale);
        strbuf_printf(a, &md, "\n\n**Why.** %s", ri->rationale);
    }
    if (ri->how_to_fix) {
        strbuf_printf(a, &text, " How to fix: %s", ri->how_to_fix);
        strbuf_printf(a, &md, "\n\n**How to fix.** %s", ri->how_to_fix);
    }
    if (is_security(ri)) {
        strbuf_printf(a, &text, " References: %s.", ri->references);
        strbuf_printf(a, &md, "\n\n**References.** %s", ri->references);
    }
    strbuf_printf(a, &text, " (pgconflint rules %s)", ri->id);
    strbuf_printf(a, &md, "\n\n`pgconflint rules %s` and docs/rules.md have the rule's "
                          "reference.", ri->id);
    jw_key(w, "help");
    jw_begin_object(w);
    jw_key_string(w, "text", text.data);
    jw_key_string(w, "markdown", md.data);
    jw_end_object(w);

    jw_key(w, "defaultConfiguration");
    jw_begin_object(w);
    jw_key_string(w, "level", level_of(ri->sev));
    jw_key_bool(w, "enabled", ri->enabled);
    jw_end_object(w);
    jw_key(w, "properties");
    jw_begin_object(w);
    jw_key(w, "tags");
    jw_begin_array(w);
    jw_string(w, "postgresql");
    jw_string(w, strncmp(ri->id, "hba-", 4) == 0     ? "pg_hba.conf"
                 : strncmp(ri->id, "ident-", 6) == 0 ? "pg_ident.conf"
                                                     : "postgresql.conf");
    jw_string(w, is_security(ri) ? "security" : "correctness");
    jw_end_array(w);
    jw_key_string(w, "precision", "very-high");
    jw_key_string(w, "problem.severity",
                  ri->sev == SEV_INFO ? "recommendation" : severity_name(ri->sev));
    if (is_security(ri))
        jw_key_string(w, "security-severity",
                      ri->sev == SEV_ERROR ? "8.0" : ri->sev == SEV_WARNING ? "5.0" : "2.0");
    jw_end_object(w);
    jw_end_object(w);
}

static void sarif_begin(reporter *r)
{
    sarif_state *st = arena_alloc(r->a, sizeof *st);
    r->state = st;
    json_writer *w = &st->w;
    jw_init(w, r->out, 1);
    jw_begin_object(w);
    jw_key_string(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    jw_key_string(w, "version", "2.1.0");
    jw_key(w, "runs");
    jw_begin_array(w);
    jw_begin_object(w);
    jw_key(w, "tool");
    jw_begin_object(w);
    jw_key(w, "driver");
    jw_begin_object(w);
    jw_key_string(w, "name", PACKAGE_NAME);
    jw_key_string(w, "version", PACKAGE_VERSION);
    jw_key_string(w, "semanticVersion", PACKAGE_VERSION);
    if (PACKAGE_URL[0]) {   /* AC_INIT's URL, when the project has one */
        jw_key_string(w, "informationUri", PACKAGE_URL);
    }
    jw_key(w, "rules");
    jw_begin_array(w);
    int n;
    const rule_info *all = rule_all(&n);
    for (int i = 0; i < n; i++)
        write_rule(w, r->a, &all[i]);
    jw_end_array(w);
    jw_end_object(w);
    jw_end_object(w);
    jw_key_string(w, "columnKind", "unicodeCodePoints");
    char *cwd = getcwd(NULL, 0);
    if (cwd) {
        jw_key(w, "originalUriBaseIds");
        jw_begin_object(w);
        jw_key(w, "%SRCROOT%");
        jw_begin_object(w);
        jw_key(w, "uri");
        jw_string(w, arena_printf(r->a, "file://%s%s", uri_encode(r->a, cwd),
                                  strcmp(cwd, "/") == 0 ? "" : "/"));
        jw_end_object(w);
        jw_end_object(w);
        free(cwd);
    }
    jw_key(w, "results");
    jw_begin_array(w);
}

static void write_fixes(json_writer *w, arena *a, const report_finding *rf)
{
    jw_key(w, "fixes");
    jw_begin_array(w);
    jw_begin_object(w);
    jw_key_text(w, "description",
                sentence(a, arena_printf(a, "%s%s",
                                         rf->fix_description ? rf->fix_description : "fix",
                                         rf->fix == FIX_UNSAFE ? " (unsafe fix)" : "")));
    jw_key(w, "artifactChanges");
    jw_begin_array(w);
    /* one artifactChange per file, in the order the edits name them */
    for (int i = 0; i < rf->nedits; i++) {
        int seen = 0;
        for (int k = 0; k < i; k++)
            if (strcmp(rf->edits[k].path, rf->edits[i].path) == 0)
                seen = 1;
        if (seen)
            continue;
        jw_begin_object(w);
        jw_key(w, "artifactLocation");
        write_artifact(w, a, rf->edits[i].path);
        jw_key(w, "replacements");
        jw_begin_array(w);
        for (int k = i; k < rf->nedits; k++) {
            const report_edit *e = &rf->edits[k];
            if (strcmp(e->path, rf->edits[i].path) != 0)
                continue;
            jw_begin_object(w);
            jw_key(w, "deletedRegion");
            jw_begin_object(w);
            jw_key_int(w, "byteOffset", (long long)e->span.off);
            jw_key_int(w, "byteLength", (long long)e->span.len);
            jw_end_object(w);
            if (e->text && *e->text)
                jw_key_text(w, "insertedContent", e->text);
            jw_end_object(w);
        }
        jw_end_array(w);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_end_object(w);
    jw_end_array(w);
}

static void sarif_finding(reporter *r, const report_finding *rf)
{
    sarif_state *st = r->state;
    json_writer *w = &st->w;
    const finding *f = rf->f;
    arena *a = r->a;
    st->nresults++;
    jw_begin_object(w);
    jw_key_string(w, "ruleId", f->rule);
    if (rf->rule_index >= 0)
        jw_key_int(w, "ruleIndex", rf->rule_index);
    jw_key_string(w, "level", level_of(f->sev));
    const char *msg = f->where.message ? f->where.message : f->rule;
    jw_key_text(w, "message",
                f->where.detail ? arena_printf(a, "%s (%s)", msg, f->where.detail) : msg);
    jw_key(w, "locations");
    jw_begin_array(w);
    jw_begin_object(w);
    write_location(w, a, rf->path, f->where.src, &rf->span);
    jw_end_object(w);
    jw_end_array(w);
    if (f->related.n) {
        jw_key(w, "relatedLocations");
        jw_begin_array(w);
        for (size_t i = 0; i < f->related.n; i++) {
            const diag *d = f->related.items[i];
            report_span s = report_span_of(d);
            jw_begin_object(w);
            jw_key_int(w, "id", (long long)i + 1);
            write_location(w, a, d->path ? d->path : rf->path, d->src, &s);
            jw_key_text(w, "message", d->message ? d->message : "related location");
            jw_end_object(w);
        }
        jw_end_array(w);
    }
    jw_key(w, "partialFingerprints");
    jw_begin_object(w);
    jw_key_string(w, "pgconflintFingerprint/v1", rf->fingerprint);
    jw_end_object(w);
    if (rf->fix != FIX_NONE && rf->nedits > 0)
        write_fixes(w, a, rf);
    if (rf->fix != FIX_NONE) {
        jw_key(w, "properties");
        jw_begin_object(w);
        jw_key_string(w, "fix", rf->fix == FIX_SAFE ? "safe" : "unsafe");
        jw_end_object(w);
    }
    jw_end_object(w);
}

static void sarif_error(reporter *r, const diag *d)
{
    sarif_state *st = r->state;
    diag *copy = arena_alloc(r->a, sizeof *copy);
    copy->path = arena_strdup(r->a, d->path ? d->path : "-");
    copy->message = arena_strdup(r->a, d->message ? d->message : "");
    copy->code = arena_strdup(r->a, d->code ? d->code : "io-error");
    ptrvec_push(r->a, &st->errors, copy);
}

static void sarif_end(reporter *r, const report_summary *s)
{
    sarif_state *st = r->state;
    json_writer *w = &st->w;
    jw_end_array(w);   /* results */
    jw_key(w, "invocations");
    jw_begin_array(w);
    jw_begin_object(w);
    jw_key_bool(w, "executionSuccessful", s->unreadable == 0);
    jw_key_int(w, "exitCode", s->exit_code);
    if (st->errors.n) {
        jw_key(w, "toolExecutionNotifications");
        jw_begin_array(w);
        for (size_t i = 0; i < st->errors.n; i++) {
            const diag *d = st->errors.items[i];
            jw_begin_object(w);
            jw_key_string(w, "level", "error");
            size_t n = strlen(d->message);
            jw_key_text(w, "message", arena_printf(r->a, "%s: %s%s", d->path, d->message,
                                                   n && d->message[n - 1] == '.' ? "" : "."));
            jw_key(w, "descriptor");
            jw_begin_object(w);
            jw_key_string(w, "id", d->code);
            jw_end_object(w);
            if (strcmp(d->path, "-") != 0) {
                jw_key(w, "locations");
                jw_begin_array(w);
                jw_begin_object(w);
                jw_key(w, "physicalLocation");
                jw_begin_object(w);
                jw_key(w, "artifactLocation");
                write_artifact(w, r->a, d->path);
                jw_end_object(w);
                jw_end_object(w);
                jw_end_array(w);
            }
            jw_end_object(w);
        }
        jw_end_array(w);
    }
    jw_end_object(w);
    jw_end_array(w);   /* invocations */
    jw_end_object(w);  /* run */
    jw_end_array(w);   /* runs */
    jw_end_object(w);
    jw_finish(w);
    if (st->nresults > GITHUB_MAX_RESULTS)
        fprintf(stderr,
                "pgconflint: warning: %d results; GitHub code scanning keeps only %d per run\n",
                st->nresults, GITHUB_MAX_RESULTS);
}

void report_sarif_init(reporter *r)
{
    r->begin = sarif_begin;
    r->finding = sarif_finding;
    r->error = sarif_error;
    r->end = sarif_end;
}
