/* fix_loop.c — rounds of plan, apply, re-read, verify for one root. */
#include "fix_loop.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf_remedy.h"
#include "edit.h"
#include "finding.h"
#include "fix_item.h"
#include "hba_remedy.h"
#include "startup_check.h"
#include "strset.h"

/* A file as this root's rounds have left it, before the run keeps it. */
typedef struct staged {
    fix_file *file;           /* the run's file, or a new one (is_new) */
    int is_new;
    const unsigned char *data;
    size_t len;
    ptrvec names;             /* const char*: names this root reached it by */
} staged;

typedef struct root_state {
    fix_run *run;
    const fix_driver *drv;
    const fix_options *o;
    int version;
    arena *s;                 /* scratch for this root */
    ptrvec stage;             /* staged* */
    strset blocked;           /* finding keys already noted */
    strset deferred;          /* keys refused for now (fix_item.retry), noted once */
    ptrvec keys;              /* source*, key, source*, key, ...: key_of_src's cache */
    fix_result *out;
} root_state;

void fix_run_init(fix_run *run)
{
    memset(run, 0, sizeof *run);
    run->a = arena_new();
}

void fix_run_free(fix_run *run)
{
    arena_free(run->a);
    run->a = NULL;
}

int fix_file_changed(const fix_file *f)
{
    return f->len != f->orig_len || memcmp(f->data, f->orig, f->len) != 0;
}

/* ---- files and the overlay --------------------------------------------- */

/* The file's identity: two paths (a symlink, a second include spelling)
 * that reach one file must be changed as one. Cached per source. */
static const char *key_of_src(root_state *st, const source *src)
{
    for (size_t i = 0; i + 1 < st->keys.n; i += 2)
        if (st->keys.items[i] == src)
            return st->keys.items[i + 1];
    const char *k = "-";
    if (src->abspath) {
        char *real = realpath(src->abspath, NULL);
        k = real ? arena_strdup(st->s, real) : src->abspath;
        free(real);
    }
    ptrvec_push(st->s, &st->keys, (void *)src);
    ptrvec_push(st->s, &st->keys, (void *)k);
    return k;
}

static const char *name_of_src(const source *src)
{
    return src->abspath ? src->abspath : "-";
}

static int has_name(const ptrvec *v, const char *name)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->items[i], name) == 0)
            return 1;
    return 0;
}

static staged *find_staged(const ptrvec *stage, const char *key)
{
    for (size_t i = 0; i < stage->n; i++) {
        staged *g = stage->items[i];
        if (strcmp(g->file->key, key) == 0)
            return g;
    }
    return NULL;
}

/* The staged state of the file `src` was read from, created on first use. */
static staged *stage_for(root_state *st, ptrvec *stage, const source *src)
{
    const char *key = key_of_src(st, src);
    staged *g = find_staged(stage, key);
    if (!g) {
        g = arena_alloc(st->s, sizeof *g);
        for (size_t i = 0; i < st->run->files.n && !g->file; i++) {
            fix_file *f = st->run->files.items[i];
            if (strcmp(f->key, key) == 0)
                g->file = f;
        }
        if (!g->file) {
            /* copies: the pass that read the file is released before the
             * root is done */
            fix_file *f = arena_alloc(st->s, sizeof *f);
            f->key = key;
            f->path = arena_strdup(st->s, src->path);
            unsigned char *o = arena_alloc(st->s, src->len + 1);
            memcpy(o, src->data, src->len);
            f->orig = o;   /* not in the overlay yet: these are the disk's bytes */
            f->orig_len = src->len;
            f->data = o;
            f->len = src->len;
            g->file = f;
            g->is_new = 1;
        }
        /* what this pass read (src->data dies with the pass) */
        g->data = g->file->data;
        g->len = g->file->len;
        ptrvec_push(st->s, stage, g);
    }
    if (!has_name(&g->names, name_of_src(src)) && !has_name(&g->file->names, name_of_src(src)))
        ptrvec_push(st->s, &g->names, arena_strdup(st->s, name_of_src(src)));
    return g;
}

static void overlay_add(arena *a, ptrvec *v, const char *name, const unsigned char *data,
                        size_t len)
{
    source_overlay_file *e = arena_alloc(a, sizeof *e);
    e->abspath = name;
    e->data = data;
    e->len = len;
    ptrvec_push(a, v, e);
}

static source_overlay *overlay_of(arena *a, const fix_run *run, const ptrvec *stage)
{
    ptrvec v = {0};
    for (size_t i = 0; i < stage->n; i++) {
        const staged *g = stage->items[i];
        for (size_t k = 0; k < g->names.n; k++)
            overlay_add(a, &v, g->names.items[k], g->data, g->len);
        for (size_t k = 0; k < g->file->names.n; k++)
            overlay_add(a, &v, g->file->names.items[k], g->data, g->len);
    }
    for (size_t i = 0; i < run->files.n; i++) {
        const fix_file *f = run->files.items[i];
        if (find_staged(stage, f->key))
            continue;
        for (size_t k = 0; k < f->names.n; k++)
            overlay_add(a, &v, f->names.items[k], f->data, f->len);
    }
    source_overlay *ov = arena_alloc(a, sizeof *ov);
    source_overlay_file *files = arena_alloc(a, (v.n + 1) * sizeof *files);
    for (size_t i = 0; i < v.n; i++)
        files[i] = *(source_overlay_file *)v.items[i];
    ov->files = files;
    ov->n = v.n;
    return ov;
}

static void rebuild_run_overlay(fix_run *run)
{
    ptrvec none = {0};
    run->ov = *overlay_of(run->a, run, &none);
}

/* ---- notes -------------------------------------------------------------- */

static const char *finding_key(arena *a, const finding *f)
{
    return arena_printf(a, "%s\x1f%s\x1f%d\x1f%d\x1f%s", f->rule,
                        f->where.path ? f->where.path : "", f->where.line, f->where.col,
                        f->where.message ? f->where.message : "");
}

static int is_blocked(const root_state *st, const char *key)
{
    return strset_has_str(&st->blocked, key);
}

static const char *describe(arena *a, const remedy *r)
{
    if (r->description)
        return r->description;
    switch (r->kind) {
    case REMEDY_SET_PARAM:
        return arena_printf(a, "set %s = %s", r->param ? r->param : "?", r->value ? r->value : "?");
    case REMEDY_REMOVE_SETTING:
        return "comment out the assignment";
    case REMEDY_RENAME_PARAM:
        return arena_printf(a, "rename the parameter to %s", r->param ? r->param : "?");
    case REMEDY_HBA_SET_METHOD:
        return arena_printf(a, "change the method to %s", r->text ? r->text : "?");
    case REMEDY_HBA_SET_TYPE:
        return arena_printf(a, "change the connection type to %s", r->text ? r->text : "?");
    case REMEDY_HBA_SET_ADDRESS:
        return arena_printf(a, "change the address to %s", r->text ? r->text : "?");
    case REMEDY_HBA_COMMENT_OUT:
        return "comment out the line";
    default:
        return "";
    }
}

static fix_note *note(root_state *st, const finding *f, fix_status status, const char *why)
{
    arena *a = st->run->a;
    fix_note *n = arena_alloc(a, sizeof *n);
    n->status = status;
    n->rule = arena_strdup(a, f->rule);
    n->path = arena_strdup(a, f->where.path ? f->where.path : "");
    n->line = f->where.line;
    n->col = f->where.col;
    n->message = arena_strdup(a, f->where.message ? f->where.message : "");
    n->description = arena_strdup(a, describe(a, &f->fix));
    n->unsafe = f->fix.unsafe;
    n->why = why ? arena_strdup(a, why) : NULL;
    ptrvec_push(a, &st->out->notes, n);
    if (status == FIX_APPLIED)
        st->out->applied++;
    else if (status == FIX_UNSAFE_SKIPPED)
        st->out->unsafe_skipped++;
    else
        st->out->refused++;
    return n;
}

static void refuse(root_state *st, const finding *f, const char *why)
{
    strset_add_str(st->s, &st->blocked, finding_key(st->s, f));
    note(st, f, FIX_REFUSED, why);
}

/* A refusal whose reason another fix may remove (an error in another line
 * that a later round comments out): the finding is not blocked, so the next
 * round plans it again, and a second `fix` of the output has nothing left
 * to do. Noted once; the note goes when the finding does. */
static void refuse_for_now(root_state *st, const finding *f, const char *why)
{
    const char *key = finding_key(st->s, f);
    if (strset_has_str(&st->deferred, key))
        return;
    strset_add_str(st->s, &st->deferred, key);
    note(st, f, FIX_REFUSED, why);
}

static void refuse_item(root_state *st, const fix_item *it)
{
    if (it->retry)
        refuse_for_now(st, it->f, it->refused);
    else
        refuse(st, it->f, it->refused);
}

/* ---- planning ------------------------------------------------------------ */

/* Carry out one remedy on the document it belongs to. */
static void plan_item(arena *ra, const fix_pass *p, fix_item *it)
{
    switch (it->f->fix.kind) {
    case REMEDY_SET_PARAM:
    case REMEDY_REMOVE_SETTING:
    case REMEDY_RENAME_PARAM:
        if (!p->conf || !(p->targets & FIX_TARGET_CONF))
            it->refused = "the fix is in postgresql.conf, which this run does not change";
        else
            conf_remedy_plan(ra, p->conf, p->conf->opts.pg_version, it);
        break;
    case REMEDY_HBA_SET_METHOD:
    case REMEDY_HBA_SET_TYPE:
    case REMEDY_HBA_SET_ADDRESS:
    case REMEDY_HBA_COMMENT_OUT:
        if (!p->hba || !(p->targets & FIX_TARGET_HBA))
            it->refused = "the fix is in pg_hba.conf, which this run does not change";
        else
            hba_remedy_plan(ra, p->hba, it);
        break;
    default:
        it->refused = "unknown kind of remedy";
        break;
    }
}

/* --stdout shows one file: the root of the one target document. */
static const source *root_of(const fix_pass *p)
{
    if (p->conf && (p->targets & FIX_TARGET_CONF))
        return p->conf->root;
    if (p->hba && (p->targets & FIX_TARGET_HBA))
        return p->hba->root;
    return p->ident ? p->ident->root : NULL;
}

/* Drop edits that would write what is already there. */
static void drop_noops(fix_item *it)
{
    size_t k = 0;
    for (size_t i = 0; i < it->edits.n; i++) {
        const edit *e = it->edits.items[i];
        if (e->len == e->repl_len && memcmp(e->src->data + e->off, e->repl, e->len) == 0)
            continue;
        it->edits.items[k++] = (void *)e;
    }
    it->edits.n = k;
}

static void plan(root_state *st, arena *ra, const fix_pass *p, ptrvec *items)
{
    const source *root = root_of(p);
    for (size_t i = 0; i < p->findings->n; i++) {
        const finding *f = p->findings->items[i];
        if (f->fix.kind == REMEDY_NONE)
            continue;
        const char *key = finding_key(ra, f);
        if (is_blocked(st, key))
            continue;
        if (f->fix.unsafe && !st->o->unsafe_fixes) {
            strset_add_str(st->s, &st->blocked, key);
            note(st, f, FIX_UNSAFE_SKIPPED, NULL);
            continue;
        }
        fix_item *it = arena_alloc(ra, sizeof *it);
        it->f = f;
        it->unsafe = f->fix.unsafe;
        plan_item(ra, p, it);
        if (!it->refused && st->o->root_only) {
            int other = it->append_to && it->append_to != root;
            for (size_t k = 0; k < it->edits.n; k++)
                if (((const edit *)it->edits.items[k])->src != root)
                    other = 1;
            if (other)
                it->refused = "the fix edits another file, which --stdout cannot show";
        }
        if (!it->refused) {
            drop_noops(it);
            if (it->edits.n == 0 && !it->append_to)
                it->refused = "the file already reads as the fix would make it, yet the rule "
                              "still reports it";
        }
        if (it->refused) {
            refuse_item(st, it);
            continue;
        }
        ptrvec_push(ra, items, it);
    }
    /* two rules that want one parameter set to different values: fixing
     * either would make the other fire, so neither is applied */
    for (size_t i = 0; i < items->n; i++) {
        fix_item *x = items->items[i];
        if (x->f->fix.kind != REMEDY_SET_PARAM || x->refused)
            continue;
        for (size_t j = i + 1; j < items->n; j++) {
            fix_item *y = items->items[j];
            if (y->f->fix.kind != REMEDY_SET_PARAM || y->refused ||
                strcasecmp(x->f->fix.param, y->f->fix.param) != 0 ||
                strcmp(x->f->fix.value, y->f->fix.value) == 0)
                continue;
            const char *why = arena_printf(ra, "%s wants %s = %s and %s wants %s = %s; "
                                                "the policy must choose",
                                           x->f->rule, x->f->fix.param, x->f->fix.value,
                                           y->f->rule, y->f->fix.param, y->f->fix.value);
            x->refused = y->refused = why;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < items->n; i++) {
        fix_item *it = items->items[i];
        if (it->refused)
            refuse_item(st, it);
        else
            items->items[k++] = it;
    }
    items->n = k;
    /* fixes that change different fields of one pg_hba.conf record become
     * one replace-line edit, shared, so choose() makes it once this round
     * (the others ride along) instead of a token edit per round */
    if (p->hba && (p->targets & FIX_TARGET_HBA))
        hba_remedy_merge(ra, p->hba, items);
}

/* Two items that would make the same change (two rules, one remedy). */
static const char *signature(arena *a, root_state *st, const fix_item *it)
{
    strbuf b = {0};
    for (size_t i = 0; i < it->edits.n; i++) {
        const edit *e = it->edits.items[i];
        strbuf_printf(a, &b, "%s\x1f%zu\x1f%zu\x1f", key_of_src(st, e->src), e->off, e->len);
        strbuf_put(a, &b, e->repl, e->repl_len);
        strbuf_putc(a, &b, '\x1e');
    }
    if (it->append_to)
        strbuf_printf(a, &b, "append\x1f%s\x1f%s", key_of_src(st, it->append_to),
                      it->append_line);
    return b.data ? b.data : "";
}

typedef struct chosen {
    ptrvec items;     /* fix_item* that make changes */
    ptrvec riders;    /* fix_item* fixed by the same change as a chosen one */
} chosen;

/* The keys "file, line" of every line an item's edits claim. */
static void claimed_lines(root_state *st, arena *ra, const fix_item *it, ptrvec *out)
{
    for (size_t i = 0; i < it->edits.n; i++) {
        const edit *e = it->edits.items[i];
        int first, last, col;
        source_linecol(e->src, e->claim_off, &first, &col);
        source_linecol(e->src, e->claim_len ? e->claim_off + e->claim_len - 1 : e->claim_off,
                       &last, &col);
        const char *key = key_of_src(st, e->src);
        for (int l = first; l <= last; l++)
            ptrvec_push(ra, out, arena_printf(ra, "%s\x1f%d", key, l));
    }
}

/* Take items in finding order; one that touches a line an earlier one
 * claimed waits for the next round, when it is planned again from the new
 * text. An item making the very change an earlier one makes rides along
 * (so do the items plan() merged into one pg_hba.conf line replacement). */
static void choose(root_state *st, arena *ra, const ptrvec *items, chosen *c)
{
    strset sigs = {0}, lines = {0};
    for (size_t i = 0; i < items->n; i++) {
        fix_item *it = items->items[i];
        const char *sig = signature(ra, st, it);
        if (strset_has_str(&sigs, sig)) {
            ptrvec_push(ra, &c->riders, it);
            continue;
        }
        ptrvec mine = {0};
        claimed_lines(st, ra, it, &mine);
        int clash = 0;
        for (size_t k = 0; k < mine.n && !clash; k++)
            clash = strset_has_str(&lines, mine.items[k]);
        if (clash)
            continue;
        for (size_t k = 0; k < mine.n; k++)
            strset_add_str(ra, &lines, mine.items[k]);
        ptrvec_push(ra, &c->items, it);
        strset_add_str(ra, &sigs, sig);
    }
}

/* ---- applying ----------------------------------------------------------- */

typedef struct group {
    staged *g;
    const source *src;
    ptrvec edits;
    ptrvec append_lines;
} group;

static group *group_for(root_state *st, arena *ra, ptrvec *groups, ptrvec *stage,
                        const source *src)
{
    staged *g = stage_for(st, stage, src);
    for (size_t i = 0; i < groups->n; i++) {
        group *gr = groups->items[i];
        if (gr->g == g)
            return gr;
    }
    group *gr = arena_alloc(ra, sizeof *gr);
    gr->g = g;
    gr->src = src;
    ptrvec_push(ra, groups, gr);
    return gr;
}

/* A copy of the stage list whose entries can be replaced without touching
 * the original's. */
static void copy_stage(arena *a, const ptrvec *from, ptrvec *to)
{
    memset(to, 0, sizeof *to);
    for (size_t i = 0; i < from->n; i++) {
        staged *g = arena_alloc(a, sizeof *g);
        *g = *(const staged *)from->items[i];
        ptrvec names = {0};
        for (size_t k = 0; k < g->names.n; k++)
            ptrvec_push(a, &names, g->names.items[k]);
        g->names = names;
        ptrvec_push(a, to, g);
    }
}

/* Apply `items` to the texts of pass `p`, giving the new stage in *next.
 * Returns NULL, or why the edits could not be combined. */
static const char *apply_items(root_state *st, arena *ra, const fix_pass *p, const ptrvec *items,
                               ptrvec *next)
{
    copy_stage(st->s, &st->stage, next);
    ptrvec groups = {0};
    for (size_t i = 0; i < items->n; i++) {
        const fix_item *it = items->items[i];
        for (size_t k = 0; k < it->edits.n; k++) {
            const edit *e = it->edits.items[k];
            ptrvec_push(ra, &group_for(st, ra, &groups, next, e->src)->edits, (void *)e);
        }
        if (it->append_to) {
            group *gr = group_for(st, ra, &groups, next, it->append_to);
            if (!has_name(&gr->append_lines, it->append_line))
                ptrvec_push(ra, &gr->append_lines, (void *)it->append_line);
        }
    }
    for (size_t i = 0; i < groups.n; i++) {
        group *gr = groups.items[i];
        if (gr->append_lines.n) {
            const source *where = gr->src;
            ptrvec_push(ra, &gr->edits,
                        conf_append_block(ra, p->conf, where,
                                          (const char *const *)gr->append_lines.items,
                                          gr->append_lines.n));
        }
        const edit *x, *y;
        if (edits_normalize(&gr->edits, &x, &y) != 0)
            return arena_printf(ra, "two fixes change the same bytes of %s (offsets %zu and %zu)",
                                gr->src->path, x->off, y->off);
        size_t len;
        /* every source of one file in this pass holds the same bytes */
        unsigned char *data = edits_apply(st->s, gr->src->data, gr->src->len, &gr->edits, &len);
        gr->g->data = data;
        gr->g->len = len;
    }
    return NULL;
}

/* ---- verifying ---------------------------------------------------------- */

static void problems_of(arena *a, const fix_pass *p, int version, ptrvec *out)
{
    /* the version the documents were read for (a PG_VERSION file may say) */
    if (p->conf)
        version = p->conf->opts.pg_version;
    startup_problems(a, p->conf, p->hba, p->ident, version, out);
}

/* The first problem in `after` that `before` does not have (as multisets),
 * or NULL. */
static const char *new_problem(arena *a, const ptrvec *before, const ptrvec *after)
{
    strset have = {0};
    for (size_t i = 0; i < before->n; i++)
        strset_add_str(a, &have, before->items[i]);
    for (size_t i = 0; i < after->n; i++)
        if (!strset_take_str(&have, after->items[i]))
            return after->items[i];
    return NULL;
}

/* Lint with the stage `stage`; returns the pass, or NULL with *why set when
 * it brings a problem `base` did not have. */
static int lint_stage(root_state *st, arena *ra, const ptrvec *stage, fix_pass *out)
{
    memset(out, 0, sizeof *out);
    st->drv->lint(st->drv->ctx, overlay_of(ra, st->run, stage), out);
    return out->error == NULL;
}

static const char *breaks(root_state *st, arena *ra, const ptrvec *base, const ptrvec *stage,
                          fix_pass *out)
{
    if (!lint_stage(st, ra, stage, out))
        return arena_printf(ra, "the fixed file could not be read again: %s", out->error);
    ptrvec after = {0};
    problems_of(ra, out, st->version, &after);
    const char *np = new_problem(ra, base, &after);
    return np ? arena_printf(ra, "it would bring in a problem: %s", np) : NULL;
}

static void release(root_state *st, fix_pass *p)
{
    if (p->handle || p->findings || p->error)
        st->drv->release(st->drv->ctx, p);
    memset(p, 0, sizeof *p);
    /* a later pass may put other sources at the same addresses */
    st->keys.n = 0;
}

/* A round broke the files. Each fix of it is tried on its own, only to say
 * which one did it: those that break the files alone are noted as refused
 * (with the fixes riding on them). Returns how many; *first describes the
 * first of them. */
static size_t isolate(root_state *st, arena *ra, const fix_pass *pass, const ptrvec *base,
                      const chosen *c, const char **first)
{
    size_t refused = 0;
    *first = NULL;
    for (size_t i = 0; i < c->items.n; i++) {
        fix_item *it = c->items.items[i];
        ptrvec one = {0}, alone;
        ptrvec_push(ra, &one, it);
        fix_pass p1 = {0};
        const char *w = apply_items(st, ra, pass, &one, &alone);
        if (!w)
            w = breaks(st, ra, base, &alone, &p1);
        release(st, &p1);
        if (!w)
            continue;
        if (!refused++)
            *first = arena_printf(ra, "the fix for [%s] at %s:%d: %s", it->f->rule,
                                  it->f->where.path ? it->f->where.path : "",
                                  it->f->where.line, w);
        refuse(st, it->f, w);
        const char *sig = signature(ra, st, it);
        for (size_t r = 0; r < c->riders.n; r++)
            if (strcmp(signature(ra, st, c->riders.items[r]), sig) == 0)
                refuse(st, ((fix_item *)c->riders.items[r])->f, w);
    }
    return refused;
}

/* Why the root is given up after round `round` broke the files (`why`). */
static const char *broken_round(root_state *st, arena *ra, const fix_pass *pass,
                                const ptrvec *base, const chosen *c, int round, const char *why)
{
    const char *first;
    size_t n = isolate(st, ra, pass, base, c, &first);
    if (n == 0)
        return arena_printf(ra, "the fixes of round %d work one by one but not together (%s); "
                                "no fix of these files is kept",
                            round, why);
    if (n == 1)
        return arena_printf(ra, "%s; no fix of these files is kept", first);
    return arena_printf(ra, "%s (and %zu more fixes break it); no fix of these files is kept", first,
                        n - 1);
}

/* ---- the loop ----------------------------------------------------------- */

static void commit(root_state *st)
{
    arena *a = st->run->a;
    for (size_t i = 0; i < st->stage.n; i++) {
        staged *g = st->stage.items[i];
        fix_file *f = g->file;
        if (g->is_new) {
            fix_file *nf = arena_alloc(a, sizeof *nf);
            nf->key = arena_strdup(a, f->key);
            nf->path = arena_strdup(a, f->path);
            unsigned char *o = arena_alloc(a, f->orig_len + 1);
            memcpy(o, f->orig, f->orig_len);
            nf->orig = o;
            nf->orig_len = f->orig_len;
            f = nf;
            ptrvec_push(a, &st->run->files, f);
        }
        unsigned char *d = arena_alloc(a, g->len + 1);
        memcpy(d, g->data, g->len);
        f->data = d;
        f->len = g->len;
        for (size_t k = 0; k < g->names.n; k++)
            if (!has_name(&f->names, g->names.items[k]))
                ptrvec_push(a, &f->names, arena_strdup(a, g->names.items[k]));
    }
    rebuild_run_overlay(st->run);
}

static const char *still_reported(arena *a, const fix_pass *p, const strset *applied_keys)
{
    for (size_t i = 0; i < p->findings->n; i++) {
        const finding *f = p->findings->items[i];
        if (strset_has_str(applied_keys, finding_key(a, f)))
            return arena_printf(a, "the fix for [%s] at %s:%d did not remove the finding", f->rule,
                                f->where.path ? f->where.path : "", f->where.line);
    }
    return NULL;
}

/* Keep the notes that still mean something at the end: a fix that was
 * skipped or refused for a finding another fix made go away is no news, and
 * when the root is given up nothing was applied. */
static void settle_notes(root_state *st, const fix_pass *last, int given_up)
{
    strset live = {0};
    for (size_t i = 0; last->findings && i < last->findings->n; i++)
        strset_add_str(st->s, &live, finding_key(st->s, last->findings->items[i]));
    fix_result *out = st->out;
    out->applied = out->unsafe_skipped = out->refused = 0;
    size_t k = 0;
    for (size_t i = 0; i < out->notes.n; i++) {
        fix_note *n = out->notes.items[i];
        const char *key = arena_printf(st->s, "%s\x1f%s\x1f%d\x1f%d\x1f%s", n->rule, n->path,
                                       n->line, n->col, n->message);
        if (n->status == FIX_APPLIED ? given_up : !strset_has_str(&live, key))
            continue;
        if (n->status == FIX_APPLIED)
            out->applied++;
        else if (n->status == FIX_UNSAFE_SKIPPED)
            out->unsafe_skipped++;
        else
            out->refused++;
        out->notes.items[k++] = n;
    }
    out->notes.n = k;
}

void fix_root(fix_run *run, const fix_driver *drv, const fix_options *o, fix_result *out)
{
    memset(out, 0, sizeof *out);
    root_state st = {.run = run, .drv = drv, .o = o, .out = out};
    st.version = o->pg_version;
    st.s = arena_new();
    int max_rounds = o->max_rounds > 0 ? o->max_rounds : FIX_MAX_ROUNDS;
    fix_pass pass;
    if (!lint_stage(&st, st.s, &st.stage, &pass)) {
        out->error = arena_strdup(run->a, pass.error);
        release(&st, &pass);
        arena_free(st.s);
        return;
    }
    strset applied_keys = {0};
    const char *fatal = NULL;
    for (int round = 1;;) {
        arena *ra = st.s;
        ptrvec items = {0};
        plan(&st, ra, &pass, &items);
        chosen c = {0};
        choose(&st, ra, &items, &c);
        if (c.items.n == 0)
            break;
        if (round > max_rounds) {
            fatal = arena_printf(ra, "the fixes did not settle after %d rounds ([%s] still "
                                     "has a fix to make); no fix of these files is kept",
                                 max_rounds, ((fix_item *)c.items.items[0])->f->rule);
            break;
        }
        ptrvec base = {0};
        problems_of(ra, &pass, st.version, &base);
        ptrvec next;
        fix_pass np = {0};
        const char *why = apply_items(&st, ra, &pass, &c.items, &next);
        if (!why)
            why = breaks(&st, ra, &base, &next, &np);
        if (why) {
            /* issue #5: a round that breaks the files writes nothing of the
             * root, not even the fixes that would work without the culprit:
             * a fix that breaks parsing means the fixer misread the files,
             * so its other edits to them are not trusted either */
            release(&st, &np);
            fatal = broken_round(&st, ra, &pass, &base, &c, round, why);
            break;
        }
        for (size_t i = 0; i < c.items.n + c.riders.n; i++) {
            const fix_item *it = i < c.items.n ? c.items.items[i]
                                               : c.riders.items[i - c.items.n];
            note(&st, it->f, FIX_APPLIED, NULL);
            strset_add_str(ra, &applied_keys, finding_key(ra, it->f));
        }
        release(&st, &pass);
        pass = np;
        st.stage = next;
        out->rounds = round++;
    }
    if (!fatal)
        fatal = still_reported(st.s, &pass, &applied_keys);
    settle_notes(&st, &pass, fatal != NULL);
    release(&st, &pass);
    if (fatal)
        out->error = arena_strdup(run->a, fatal);
    else
        commit(&st);
    arena_free(st.s);
}
