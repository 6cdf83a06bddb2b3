/* policy.c — creating policies (the builtin layer, then a profile or a file),
 * and the questions the linter asks a loaded policy. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policy_internal.h"
#include "rule_registry.h"

static policy *policy_index_rules(policy *p);

void policy_error_at(policy *p, const char *path, int line, int col, const char *fmt, ...)
{
    policy_error *e = arena_alloc(p->a, sizeof *e);
    e->path = path;
    e->line = line;
    e->col = col;
    va_list ap;
    va_start(ap, fmt);
    e->message = arena_vprintf(p->a, fmt, ap);
    va_end(ap);
    ptrvec_push(p->a, &p->errors, e);
}

rule_cfg *policy_rule_cfg(policy *p, const char *id, int create)
{
    for (size_t i = 0; i < p->rule_cfgs.n; i++) {
        rule_cfg *c = p->rule_cfgs.items[i];
        if (strcmp(c->id, id) == 0)
            return c;
    }
    if (!create)
        return NULL;
    rule_cfg *c = arena_alloc(p->a, sizeof *c);
    c->id = arena_strdup(p->a, id);
    c->enabled = -1;
    c->sev = -1;
    ptrvec_push(p->a, &p->rule_cfgs, c);
    return c;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, sizeof prev);
    }
    return prev[lb];
}

const char *policy_closest(const char *word, const char *const *candidates, size_t n)
{
    size_t best = (size_t)-1;
    const char *out = NULL;
    size_t wl = strlen(word);
    size_t limit = wl <= 4 ? 1 : wl <= 10 ? 2 : 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best) {
            best = d;
            out = candidates[i];
        }
    }
    return best <= limit ? out : NULL;
}

static policy *policy_new(const char *name)
{
    arena *a = arena_new();
    policy *p = arena_alloc(a, sizeof *p);
    p->a = a;
    p->name = arena_strdup(a, name);
    p->all_enabled = -1;
    p->supp_allowed = 1;
    /* The builtin layer defines the built-in checks under their ids; every
     * policy starts from it. */
    const policy_profile_info *b = policy_profile_find("builtin");
    p->in_builtin = 1;
    policy_apply_text(p, "<profile builtin>", NULL, NULL, b->text, strlen(b->text), 0);
    p->in_builtin = 0;
    return p;
}

int policy_apply_profile(policy *p, const char *name, const policy_loc *from, int depth)
{
    (void)from;
    if (strcmp(name, "builtin") == 0)
        return 1;   /* always the bottom layer already */
    const policy_profile_info *pr = policy_profile_find(name);
    if (!pr)
        return 0;
    policy_apply_text(p, arena_printf(p->a, "<profile %s>", pr->name), NULL, NULL, pr->text,
                      strlen(pr->text), depth);
    return 1;
}

typedef struct indexed_error {
    const policy_error *e;
    size_t i;
} indexed_error;

static int cmp_error(const void *x, const void *y)
{
    const indexed_error *a = x, *b = y;
    int c = strcmp(a->e->path ? a->e->path : "", b->e->path ? b->e->path : "");
    if (c)
        return c;
    if (a->e->line != b->e->line)
        return a->e->line < b->e->line ? -1 : 1;
    if (a->e->col != b->e->col)
        return a->e->col < b->e->col ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Errors are found key by key; report them in file order. */
static policy *sorted_errors(policy *p)
{
    size_t n = p->errors.n;
    if (n < 2)
        return p;
    indexed_error *v = arena_alloc(p->a, n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (indexed_error){p->errors.items[i], i};
    qsort(v, n, sizeof *v, cmp_error);
    for (size_t i = 0; i < n; i++)
        p->errors.items[i] = (void *)v[i].e;
    return p;
}

policy *policy_load_profile(const char *name)
{
    policy *p = policy_new(name);
    const policy_profile_info *pr = policy_profile_find(name);
    if (pr) {
        p->source = pr->text;
        p->source_len = strlen(pr->text);
        p->description = pr->description;
    }
    if (!policy_apply_profile(p, name, NULL, 0))
        policy_error_at(p, name, 0, 0, "unknown profile \"%s\" (see pgconflint policy list)", name);
    return policy_index_rules(sorted_errors(p));
}

policy *policy_load_text(const char *display_path, const char *base_dir, const char *text,
                         size_t len)
{
    policy *p = policy_new(display_path);
    char *cwd = NULL;
    if (!base_dir)
        base_dir = cwd = getcwd(NULL, 0);
    p->base_dir = arena_strdup(p->a, base_dir ? base_dir : ".");
    p->source = arena_strndup(p->a, text, len);
    p->source_len = len;
    policy_apply_text(p, p->name, NULL, p->base_dir, p->source, len, 0);
    free(cwd);
    return policy_index_rules(sorted_errors(p));
}

policy *policy_load_file(const char *path)
{
    /* source_read_file refuses FIFOs, devices (/dev/zero) and huge files */
    arena *tmp = arena_new();
    source *s = NULL;
    const char *why = NULL;
    if (source_read_file(tmp, path, &s, &why) != 0) {
        policy *p = policy_new(path);
        policy_error_at(p, path, 0, 0, "cannot read policy: %s", why);
        arena_free(tmp);
        return p;
    }
    char *cwd = getcwd(NULL, 0);
    char *abs = path_make_absolute(tmp, path_dirname(tmp, path), cwd ? cwd : "/");
    free(cwd);
    policy *p = policy_load_text(path, abs, (const char *)s->data, s->len);
    arena_free(tmp);
    return p;
}

void policy_free(policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->regexes.n; i++)
        policy_regex_free(p->regexes.items[i]);
    arena_free(p->a);
}

const ptrvec *policy_errors(const policy *p)
{
    return &p->errors;
}

char *policy_discover(const char *start_dir)
{
    static const char *const names[] = {".pgconflint.yaml", ".pgconflint.yml"};
    char *cwd = NULL;
    if (!start_dir)
        start_dir = cwd = getcwd(NULL, 0);
    if (!start_dir)
        return NULL;
    size_t n = strlen(start_dir);
    char *dir = malloc(n + 2);
    if (!dir)
        abort();
    memcpy(dir, start_dir, n + 1);
    free(cwd);
    char *found = NULL;
    for (;;) {
        for (int i = 0; i < 2 && !found; i++) {
            size_t dl = strlen(dir);
            char *cand = malloc(dl + strlen(names[i]) + 2);
            if (!cand)
                abort();
            sprintf(cand, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
            struct stat st;
            if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
                found = cand;
            else
                free(cand);
        }
        if (found)
            break;
        char *slash = strrchr(dir, '/');
        if (!slash || (slash == dir && dir[1] == '\0'))
            break;
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(dir);
    return found;
}

const char *policy_name(const policy *p)
{
    return p->name;
}

const char *policy_source(const policy *p, size_t *len)
{
    if (len)
        *len = p->source_len;
    return p->source;
}

int policy_pg_version(const policy *p)
{
    return p->pg_version;
}

static int is_user_rule(const policy *p, const char *id)
{
    for (size_t i = 0; i < p->user_ids.n; i++)
        if (strcmp(p->user_ids.items[i], id) == 0)
            return 1;
    return 0;
}

int policy_knows_rule(const policy *p, const char *id)
{
    return rule_find(id) != NULL || is_user_rule(p, id);
}

const ptrvec *policy_user_rule_ids(const policy *p)
{
    return &p->user_ids;
}

typedef struct rule_verdict {
    const char *id;
    int enabled;
    int sev;                    /* -1: the policy does not set it */
} rule_verdict;

static int scan_rule_enabled(const policy *p, const char *rule_id);
static int scan_rule_severity(const policy *p, const char *rule_id, severity *out);

/* FNV-1a: rule ids are short, and any spread will do for a table of a few
 * hundred. */
size_t policy_id_hash(const char *s)
{
    size_t h = (size_t)14695981039346656037ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
    return h;
}

static size_t ptr_hash(const char *s)
{
    unsigned long long h = (unsigned long long)(uintptr_t)s * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29));
}

static const rule_verdict *find_verdict(const policy *p, const char *rule_id)
{
    if (!p->verdicts)
        return NULL;
    if (p->pkeys) {
        for (size_t i = ptr_hash(rule_id) & p->pmask; p->pkeys[i]; i = (i + 1) & p->pmask)
            if (p->pkeys[i] == rule_id)
                return &p->verdicts[p->pvals[i]];
    }
    for (size_t i = policy_id_hash(rule_id) & p->vmask;; i = (i + 1) & p->vmask) {
        unsigned k = p->vslots[i];
        if (!k)
            return NULL;
        if (strcmp(p->verdicts[k - 1].id, rule_id) == 0)
            return &p->verdicts[k - 1];
    }
}

/* Put `id` (the verdict `vi`'s id, at this address) in the address table. */
static void put_address(policy *p, const char *id, size_t vi)
{
    size_t i = ptr_hash(id) & p->pmask;
    for (; p->pkeys[i]; i = (i + 1) & p->pmask)
        if (p->pkeys[i] == id)
            return;
    p->pkeys[i] = id;
    p->pvals[i] = (unsigned)vi;
}

/* The verdict of `id` by its text, or where it would go in vslots. */
static unsigned *verdict_slot(const policy *p, const rule_verdict *v, const char *id)
{
    size_t i = policy_id_hash(id) & p->vmask;
    while (p->vslots[i] && strcmp(v[p->vslots[i] - 1].id, id) != 0)
        i = (i + 1) & p->vmask;
    return &p->vslots[i];
}

/* Every lint asks, for every check and every finding, whether its rule is
 * enabled and how severe it is: answer from a table built once, when the
 * (then read-only) policy is complete, each id listed once, hashed by its
 * text and by the address of every id string the lint passes in (the
 * registry's, those of the policy's rule settings and of its own rules; an
 * id at another address, a copy, still finds its verdict by its text).
 * What the table says of an id is what scan_rule_enabled and
 * scan_rule_severity say, worked out from the registry entry and the rule
 * setting each id was listed with instead of looked up again. */
static policy *policy_index_rules(policy *p)
{
    int n;
    const rule_info *all = rule_all(&n);
    size_t cap = (size_t)n + p->rule_cfgs.n;
    rule_verdict *v = arena_alloc(p->a, (cap ? cap : 1) * sizeof *v);
    /* pointer arrays, sized as void * (what ptrvec holds too) */
    const rule_info **ri = arena_alloc(p->a, (cap ? cap : 1) * sizeof(void *));
    const rule_cfg **cfg = arena_alloc(p->a, (cap ? cap : 1) * sizeof(void *));
    size_t slots = 16;
    while (slots < 2 * cap)
        slots *= 2;
    p->vslots = arena_alloc(p->a, slots * sizeof *p->vslots);
    p->vmask = slots - 1;
    size_t want = cap + p->settings.n + p->hba.n;
    size_t pslots = 16;
    while (pslots < 2 * want)
        pslots *= 2;
    p->pkeys = arena_alloc(p->a, pslots * sizeof *p->pkeys);
    p->pvals = arena_alloc(p->a, pslots * sizeof *p->pvals);
    p->pmask = pslots - 1;
    size_t m = 0;
    for (int i = 0; i < n; i++) {
        unsigned *at = verdict_slot(p, v, all[i].id);
        if (!*at) {
            v[m].id = all[i].id;
            ri[m] = &all[i];
            cfg[m] = NULL;
            *at = (unsigned)++m;
        }
        put_address(p, all[i].id, *at - 1);
    }
    /* rule settings are one per id (policy_rule_cfg) */
    for (size_t i = 0; i < p->rule_cfgs.n; i++) {
        const rule_cfg *c = p->rule_cfgs.items[i];
        unsigned *at = verdict_slot(p, v, c->id);
        if (!*at) {
            v[m].id = c->id;
            ri[m] = NULL;   /* every registry id is listed above */
            cfg[m] = NULL;
            *at = (unsigned)++m;
        }
        if (!cfg[*at - 1])
            cfg[*at - 1] = c;
        put_address(p, c->id, *at - 1);
    }
    for (size_t i = 0; i < m; i++) {
        const rule_cfg *c = cfg[i];
        if (rule_is_parse_error(v[i].id))
            v[i].enabled = 1;
        else if (c && c->enabled >= 0)
            v[i].enabled = c->enabled;
        else if (p->all_enabled >= 0)
            v[i].enabled = p->all_enabled;
        else
            v[i].enabled = ri[i] ? ri[i]->enabled : 1;
        v[i].sev = c && c->sev >= 0 ? c->sev : -1;
    }
    p->verdicts = v;
    p->nverdicts = m;
    for (size_t i = 0; i < p->settings.n + p->hba.n; i++) {
        const char *id = i < p->settings.n
                             ? ((const setting_rule *)p->settings.items[i])->id
                             : ((const hba_check_rule *)p->hba.items[i - p->settings.n])->id;
        unsigned k = *verdict_slot(p, v, id);
        if (k)
            put_address(p, id, k - 1);
    }
    return p;
}

int policy_rule_enabled(const policy *p, const char *rule_id)
{
    const rule_verdict *v = find_verdict(p, rule_id);
    return v ? v->enabled : scan_rule_enabled(p, rule_id);
}

int policy_rule_severity_set(const policy *p, const char *rule_id, severity *out)
{
    const rule_verdict *v = find_verdict(p, rule_id);
    if (!v)
        return scan_rule_severity(p, rule_id, out);
    if (v->sev < 0)
        return 0;
    *out = (severity)v->sev;
    return 1;
}

static int scan_rule_enabled(const policy *p, const char *rule_id)
{
    if (rule_is_parse_error(rule_id))
        return 1;
    for (size_t i = 0; i < p->rule_cfgs.n; i++) {
        const rule_cfg *c = p->rule_cfgs.items[i];
        if (c->enabled >= 0 && c->id[0] == rule_id[0] && strcmp(c->id, rule_id) == 0)
            return c->enabled;
    }
    if (p->all_enabled >= 0)
        return p->all_enabled;
    const rule_info *ri = rule_find(rule_id);
    return ri ? ri->enabled : 1;
}

static int scan_rule_severity(const policy *p, const char *rule_id, severity *out)
{
    for (size_t i = 0; i < p->rule_cfgs.n; i++) {
        const rule_cfg *c = p->rule_cfgs.items[i];
        if (c->sev >= 0 && c->id[0] == rule_id[0] && strcmp(c->id, rule_id) == 0) {
            *out = (severity)c->sev;
            return 1;
        }
    }
    return 0;
}

severity policy_rule_severity(const policy *p, const char *rule_id, severity fallback)
{
    severity s;
    return policy_rule_severity_set(p, rule_id, &s) ? s : fallback;
}

const ptrvec *policy_setting_rules(const policy *p)
{
    return &p->settings;
}

const ptrvec *policy_hba_rules(const policy *p)
{
    return &p->hba;
}

int policy_suppressions_allowed(const policy *p)
{
    return p->supp_allowed;
}

int policy_suppression_needs_reason(const policy *p)
{
    return p->supp_reason;
}

int policy_rule_suppressible(const policy *p, const char *rule_id)
{
    if (!p->supp_allowed)
        return 0;
    for (size_t i = 0; i < p->supp_forbid.n; i++)
        if (strcmp(p->supp_forbid.items[i], "all") == 0 ||
            strcmp(p->supp_forbid.items[i], rule_id) == 0)
            return 0;
    return 1;
}

const char *policy_base_dir(const policy *p)
{
    return p->base_dir;
}

const ptrvec *policy_file_globs(const policy *p, file_kind kind)
{
    return &p->files[(int)kind & 3];
}

const ptrvec *policy_exclude_globs(const policy *p)
{
    return &p->exclude;
}
