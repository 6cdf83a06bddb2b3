/* policy_load.c — one YAML layer of a policy: parse it with libyaml (every
 * node keeps its line and column), read its keys (policy_yaml.c,
 * policy_settings.c, policy_hba.c), then merge it onto the layers below:
 * `extends` first, rule definitions replacing lower ones by id, rule states,
 * files, suppressions. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy_frozen.h"
#include "policy_parse.h"
#include "rule_registry.h"

/* ---------- the layer ---------- */

static int defined_in(const ptrvec *ids, const char *id)
{
    for (size_t i = 0; i < ids->n; i++)
        if (strcmp(ids->items[i], id) == 0)
            return 1;
    return 0;
}

/* The ids a layer defines, as a hash set: the builtin layer defines about a
 * hundred, and comparing each with all the others was a visible part of
 * every start. */
typedef struct idset {
    const char **slot;
    size_t mask;
} idset;

static void idset_init(arena *a, idset *s, size_t n)
{
    size_t size = 16;
    while (size < 2 * n)
        size *= 2;
    s->slot = arena_alloc(a, size * sizeof *s->slot);
    s->mask = size - 1;
}

/* Where `id` is, or the empty slot where it would go. */
static const char **idset_at(const idset *s, const char *id)
{
    size_t i = policy_id_hash(id) & s->mask;
    while (s->slot[i] && strcmp(s->slot[i], id) != 0)
        i = (i + 1) & s->mask;
    return &s->slot[i];
}

/* Replace the lower layers' definitions of every id this layer defines. */
static void merge_rules(policy *p, ptrvec *settings, ptrvec *hba)
{
    ptrvec ids = {0};   /* in order of definition, once each */
    idset set;
    idset_init(p->a, &set, settings->n + hba->n);
    for (size_t i = 0; i < settings->n + hba->n; i++) {
        const char *id = i < settings->n ? ((setting_rule *)settings->items[i])->id
                                         : ((hba_check_rule *)hba->items[i - settings->n])->id;
        const char **at = idset_at(&set, id);
        if (!*at) {
            *at = id;
            ptrvec_push(p->a, &ids, (void *)id);
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < p->settings.n; i++)
        if (!*idset_at(&set, ((setting_rule *)p->settings.items[i])->id))
            p->settings.items[k++] = p->settings.items[i];
    p->settings.n = k;
    k = 0;
    for (size_t i = 0; i < p->hba.n; i++)
        if (!*idset_at(&set, ((hba_check_rule *)p->hba.items[i])->id))
            p->hba.items[k++] = p->hba.items[i];
    p->hba.n = k;
    for (size_t i = 0; i < settings->n; i++)
        ptrvec_push(p->a, &p->settings, settings->items[i]);
    for (size_t i = 0; i < hba->n; i++)
        ptrvec_push(p->a, &p->hba, hba->items[i]);
    /* `ids` holds each once: only ids of an earlier builtin layer (there is
     * none but the one) could repeat */
    int builtin_fresh = p->builtin_ids.n == 0;
    for (size_t i = 0; i < ids.n; i++) {
        if (p->in_builtin) {
            if (builtin_fresh || !defined_in(&p->builtin_ids, ids.items[i]))
                ptrvec_push(p->a, &p->builtin_ids, ids.items[i]);
            continue;
        }
        if (!rule_find(ids.items[i]) && !defined_in(&p->user_ids, ids.items[i]))
            ptrvec_push(p->a, &p->user_ids, ids.items[i]);
        /* Writing a rule asks for it: it runs even where a lower layer said
         * `all: {enabled: false}` (this layer's `rules:` may still turn it off). */
        policy_rule_cfg(p, ids.items[i], 1)->enabled = 1;
    }
}

static const char **known_rule_ids(policy *p, size_t *n)
{
    int nr;
    const rule_info *all = rule_all(&nr);
    const char **v = arena_alloc(p->a, ((size_t)nr + p->user_ids.n + 1) * sizeof *v);
    size_t k = 0;
    for (int i = 0; i < nr; i++)
        v[k++] = all[i].id;
    for (size_t i = 0; i < p->user_ids.n; i++)
        v[k++] = p->user_ids.items[i];
    *n = k;
    return v;
}

static int check_rule_id(yctx *y, const yaml_node_t *n, const char *id)
{
    if (policy_knows_rule(y->p, id))
        return 1;
    size_t nk;
    const char **ids = known_rule_ids(y->p, &nk);
    const char *sug = policy_closest(id, ids, nk);
    if (sug)
        py_err(y, n, "unknown rule \"%s\"; did you mean \"%s\"?", id, sug);
    else
        py_err(y, n, "unknown rule \"%s\" (see pgconflint rules)", id);
    return 0;
}

static void parse_rules_map(yctx *y, const yaml_node_t *m)
{
    if (!py_want_mapping(y, m, "\"rules\""))
        return;
    static const char *const cfg_keys[] = {"severity", "enabled", NULL};
    for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
        yaml_node_t *k = py_node(y, pr->key);
        for (yaml_node_pair_t *q = m->data.mapping.pairs.start; q < pr && k->type == YAML_SCALAR_NODE;
             q++) {
            yaml_node_t *k2 = py_node(y, q->key);
            if (k2->type == YAML_SCALAR_NODE && strcmp(py_sval(k2), py_sval(k)) == 0) {
                py_err(y, k, "rule \"%s\" appears twice in \"rules\" (first at line %d)", py_sval(k),
                    (int)k2->start_mark.line + 1);
                break;
            }
        }
    }
    /* `all` first: it resets what lower layers enabled, then the ids named
     * beside it apply on top, wherever they are written. */
    for (int pass = 0; pass < 2; pass++) {
        for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top;
             pr++) {
            yaml_node_t *k = py_node(y, pr->key), *v = py_node(y, pr->value);
            if (k->type != YAML_SCALAR_NODE)
                continue;
            int is_all = strcmp(py_sval(k), "all") == 0;
            if (is_all != (pass == 0))
                continue;
            if (!is_all && !check_rule_id(y, k, py_sval(k)))
                continue;
            if (py_is_null(v))
                continue;
            if (!py_want_mapping(y, v, arena_printf(y->p->a, "the entry of rule \"%s\"", py_sval(k))))
                continue;
            if (!py_check_keys(y, v, cfg_keys, arena_printf(y->p->a, "rule \"%s\"", py_sval(k))))
                continue;
            yaml_node_t *sn = py_get(y, v, "severity"), *en = py_get(y, v, "enabled");
            int sev = -1, enabled = -1, b;
            if (sn && !py_parse_severity(y, sn, &sev))
                continue;
            if (en) {
                if (!py_want_bool(y, en, "enabled", &b))
                    continue;
                enabled = b;
            }
            if (is_all) {
                if (sn) {
                    py_err(y, sn, "\"all\" takes only \"enabled\"");
                    continue;
                }
                if (enabled < 0)
                    continue;
                y->p->all_enabled = enabled;
                for (size_t i = 0; i < y->p->rule_cfgs.n; i++)
                    ((rule_cfg *)y->p->rule_cfgs.items[i])->enabled = -1;
                continue;
            }
            if (enabled == 0 && rule_is_parse_error(py_sval(k))) {
                py_err(y, en, "rule \"%s\" reports what PostgreSQL refuses to read and cannot be "
                           "disabled", py_sval(k));
                continue;
            }
            rule_cfg *c = policy_rule_cfg(y->p, py_sval(k), 1);
            c->loc = py_loc(y, k);
            /* Giving a severity asks for the rule: it enables it too. */
            c->enabled = enabled >= 0 ? enabled : 1;
            if (sev >= 0)
                c->sev = sev;
        }
    }
}

/* A list of globs under `key`; 0 when an item is no string or can never
 * match (each reported where it is written). */
static int want_globs(yctx *y, const yaml_node_t *n, const char *key, ptrvec *globs)
{
    ptrvec nodes = {0};
    if (!py_want_strings(y, n, key, 1, globs, &nodes))
        return 0;
    int ok = 1;
    for (size_t i = 0; i < globs->n; i++) {
        const char *why = policy_glob_never_matches(globs->items[i]);
        if (why) {
            py_err(y, nodes.items[i], "glob \"%s\" in \"%s\" %s and can never match: globs are "
                   "relative to the policy file's directory", (const char *)globs->items[i], key,
                   why);
            ok = 0;
        }
    }
    return ok;
}

static void parse_files(yctx *y, const yaml_node_t *m)
{
    static const char *const fk[] = {"conf", "hba", "ident", NULL};
    if (!py_want_mapping(y, m, "\"files\"") || !py_check_keys(y, m, fk, "\"files\""))
        return;
    static const file_kind kinds[] = {KIND_CONF, KIND_HBA, KIND_IDENT};
    for (int i = 0; i < 3; i++) {
        yaml_node_t *v = py_get(y, m, fk[i]);
        if (!v)
            continue;
        ptrvec globs = {0};
        if (want_globs(y, v, fk[i], &globs))
            y->p->files[kinds[i]] = globs;
    }
}

static void parse_suppressions(yctx *y, const yaml_node_t *m)
{
    static const char *const sk[] = {"allow", "require_reason", "forbid", NULL};
    if (!py_want_mapping(y, m, "\"suppressions\"") || !py_check_keys(y, m, sk, "\"suppressions\""))
        return;
    yaml_node_t *v;
    int b;
    if ((v = py_get(y, m, "allow")) && py_want_bool(y, v, "allow", &b))
        y->p->supp_allowed = b;
    if ((v = py_get(y, m, "require_reason")) && py_want_bool(y, v, "require_reason", &b))
        y->p->supp_reason = b;
    if ((v = py_get(y, m, "forbid"))) {
        ptrvec ids = {0}, nodes = {0};
        if (py_want_strings(y, v, "forbid", 1, &ids, &nodes)) {
            y->p->supp_forbid.n = 0;
            for (size_t i = 0; i < ids.n; i++)
                if (strcmp(ids.items[i], "all") == 0 || check_rule_id(y, nodes.items[i], ids.items[i]))
                    ptrvec_push(y->p->a, &y->p->supp_forbid, ids.items[i]);
        }
    }
}

static int looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

/* How errors name a file reached through `extends: name` from a file shown
 * as `parent`: beside the parent as the user named it, normalised lexically
 * ("base.yaml", "sub/base.yaml", "../x.yaml"), not the absolute path used to
 * read it (`abs`), which would drag the current directory and any "./" or
 * "sub/.." into every message. A parent that is no file ("<stdin>") gives
 * the user nothing to be relative to: the absolute path, tidied, is shown. */
static const char *extends_shown_path(policy *p, const char *parent, const char *name,
                                      const char *abs)
{
    if (name[0] == '/' || parent[0] == '<')
        return path_canonicalize(p->a, abs);
    return path_canonicalize(p->a, arena_printf(p->a, "%s/%s", path_dirname(p->a, parent), name));
}

static void apply_extends(yctx *y, const yaml_node_t *n, const char *name)
{
    policy *p = y->p;
    policy_loc from = n ? py_loc(y, n) : (policy_loc){y->path, 1, 1};
    if (!looks_like_path(name)) {
        if (!policy_apply_profile(p, name, &from, y->depth + 1)) {
            int np;
            const policy_profile_info *all = policy_profiles(&np);
            const char *names[32];
            size_t k = 0;
            for (int i = 0; i < np && k < 32; i++)
                names[k++] = all[i].name;
            const char *sug = policy_closest(name, names, k);
            policy_error_at(p, from.path, from.line, from.col,
                            "unknown profile \"%s\" in \"extends\"%s%s%s", name,
                            sug ? "; did you mean \"" : " (see pgconflint policy list)",
                            sug ? sug : "", sug ? "\"?" : "");
        }
        return;
    }
    const char *path = name[0] == '/' || !y->base_dir
                           ? name
                           : arena_printf(p->a, "%s/%s", y->base_dir, name);
    char *real = realpath(path, NULL);
    if (real) {
        int cycle = 0;
        for (size_t i = 0; i < p->loading.n; i++)
            cycle |= strcmp(p->loading.items[i], real) == 0;
        free(real);
        if (cycle) {
            policy_error_at(p, from.path, from.line, from.col,
                            "\"extends\" cycle: \"%s\" is already being loaded", name);
            return;
        }
    }
    /* source_read_file refuses FIFOs, devices (/dev/zero) and huge files */
    source *s = NULL;
    const char *why = NULL;
    if (source_read_file(p->a, path, &s, &why) != 0) {
        policy_error_at(p, from.path, from.line, from.col, "cannot read \"%s\" named in "
                        "\"extends\": %s", name, why);
        return;
    }
    char *dir = path_dirname(p->a, path);
    policy_apply_text(p, extends_shown_path(p, y->path, name, path), path, dir,
                      (const char *)s->data, s->len, y->depth + 1);
}

static const char *const top_keys[] = {"extends", "description", "pg_version", "rules",
                                       "settings", "hba", "files", "exclude", "suppressions",
                                       NULL};

static void apply_document(yctx *y, const yaml_node_t *root, int is_profile)
{
    policy *p = y->p;
    if (!root || py_is_null(root)) {
        if (!is_profile)
            apply_extends(y, NULL, "default");
        return;
    }
    if (root->type != YAML_MAPPING_NODE) {
        py_err(y, root, "a policy must be a mapping of keys (extends, rules, settings, ...), not %s",
            py_type_word(root));
        return;
    }
    py_check_keys(y, root, top_keys, "the policy");
    yaml_node_t *n = py_get(y, root, "extends");
    if (n) {
        const char *base = py_want_string(y, n, "extends");
        if (base)
            apply_extends(y, n, base);
    } else if (!is_profile) {
        apply_extends(y, NULL, "default");
    }
    if ((n = py_get(y, root, "description")))
        p->description = py_want_string(y, n, "description");
    if ((n = py_get(y, root, "pg_version"))) {
        long v;
        if (py_want_int(y, n, "pg_version", CATALOG_MIN_VERSION, CATALOG_MAX_VERSION, &v))
            p->pg_version = (int)v;
    }
    ptrvec settings = {0}, hba = {0};
    if ((n = py_get(y, root, "settings"))) {
        if (n->type != YAML_SEQUENCE_NODE) {
            py_err(y, n, "\"settings\" must be a list of rules, not %s", py_type_word(n));
        } else {
            for (yaml_node_item_t *it = n->data.sequence.items.start;
                 it < n->data.sequence.items.top; it++) {
                setting_rule *r = py_parse_setting_rule(y, py_node(y, *it));
                if (r)
                    ptrvec_push(p->a, &settings, r);
            }
        }
    }
    if ((n = py_get(y, root, "hba"))) {
        if (n->type != YAML_SEQUENCE_NODE) {
            py_err(y, n, "\"hba\" must be a list of rules, not %s", py_type_word(n));
        } else {
            for (yaml_node_item_t *it = n->data.sequence.items.start;
                 it < n->data.sequence.items.top; it++) {
                hba_check_rule *r = py_parse_hba_rule(y, py_node(y, *it));
                if (r)
                    ptrvec_push(p->a, &hba, r);
            }
        }
    }
    /* An id is one kind of rule. (A built-in profile was checked for this
     * when it was written.) */
    for (size_t i = 0; i < settings.n && !p->trusted; i++)
        for (size_t k = 0; k < hba.n; k++)
            if (strcmp(((setting_rule *)settings.items[i])->id,
                       ((hba_check_rule *)hba.items[k])->id) == 0) {
                const hba_check_rule *h = hba.items[k];
                policy_error_at(p, h->loc.path, h->loc.line, h->loc.col,
                                "rule id \"%s\" is already a settings rule", h->id);
            }
    merge_rules(p, &settings, &hba);
    if ((n = py_get(y, root, "rules")))
        parse_rules_map(y, n);
    if ((n = py_get(y, root, "files")))
        parse_files(y, n);
    if ((n = py_get(y, root, "exclude"))) {
        ptrvec globs = {0};
        if (want_globs(y, n, "exclude", &globs))
            p->exclude = globs;
    }
    if ((n = py_get(y, root, "suppressions")))
        parse_suppressions(y, n);
}

/* Parse one YAML document into `doc`; 0 (an error recorded) when it is not
 * YAML at all. A second document is an error too, but the first is read. */
static int parse_yaml(policy *p, const char *display_path, const char *text, size_t len,
                      yaml_document_t *doc)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        abort();
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, doc)) {
        policy_error_at(p, display_path, (int)parser.problem_mark.line + 1,
                        (int)parser.problem_mark.column + 1, "YAML syntax error: %s%s%s",
                        parser.problem ? parser.problem : "unreadable", parser.context ? " " : "",
                        parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        return 0;
    }
    yaml_document_t extra;
    if (yaml_parser_load(&parser, &extra)) {
        yaml_node_t *r2 = yaml_document_get_root_node(&extra);
        if (r2)
            policy_error_at(p, display_path, (int)r2->start_mark.line + 1,
                            (int)r2->start_mark.column + 1,
                            "a policy file holds one YAML document; this is a second one");
        yaml_document_delete(&extra);
    } else {
        policy_error_at(p, display_path, (int)parser.problem_mark.line + 1,
                        (int)parser.problem_mark.column + 1, "YAML syntax error: %s%s%s",
                        parser.problem ? parser.problem : "unreadable", parser.context ? " " : "",
                        parser.context ? parser.context : "");
    }
    yaml_parser_delete(&parser);
    return 1;
}

/* The frozen document of "<profile NAME>", if the build made one. */
static int profile_frozen_doc(const char *display_path, size_t len, yaml_document_t *doc)
{
    const char *name = display_path + 9;   /* after "<profile " */
    const char *end = strchr(name, '>');
    char buf[64];
    if (!end || (size_t)(end - name) >= sizeof buf)
        return 0;
    memcpy(buf, name, (size_t)(end - name));
    buf[end - name] = '\0';
    return policy_frozen_doc(buf, len, doc);
}

void policy_apply_text(policy *p, const char *display_path, const char *file_path,
                       const char *base_dir, const char *text, size_t len, int depth)
{
    if (depth > 16) {
        policy_error_at(p, display_path, 1, 1, "\"extends\" chain is deeper than 16 files");
        return;
    }
    int is_profile = strncmp(display_path, "<profile ", 9) == 0;
    /* A file is known by its real path, so "a.yaml" and "./a.yaml" meet. */
    const char *key = display_path;
    if (!is_profile) {
        char *real = realpath(file_path ? file_path : display_path, NULL);
        if (real) {
            key = arena_strdup(p->a, real);
            free(real);
        }
    }
    for (size_t i = 0; i < p->loading.n; i++)
        if (strcmp(p->loading.items[i], key) == 0) {
            policy_error_at(p, display_path, 1, 1, "\"extends\" cycle: %s extends itself",
                            display_path);
            return;
        }
    ptrvec_push(p->a, &p->loading, (void *)key);
    yctx y = {.p = p, .path = display_path, .base_dir = base_dir, .depth = depth};
    /* A built-in profile was parsed when pgconflint was built. */
    int frozen = is_profile && profile_frozen_doc(display_path, len, &y.doc);
    y.static_strings = frozen;
    if (!frozen && !parse_yaml(p, display_path, text, len, &y.doc)) {
        p->loading.n--;
        return;
    }
    int was_trusted = p->trusted;
    p->trusted = is_profile;
    apply_document(&y, yaml_document_get_root_node(&y.doc), is_profile);
    p->trusted = was_trusted;
    if (frozen)
        policy_frozen_release(&y.doc);
    else
        yaml_document_delete(&y.doc);
    ptrvec_push(p->a, &p->chain, (void *)display_path);
    p->loading.n--;
}
