/* conf_syntax.c — PostgreSQL's postgresql.conf line grammar over the lexer,
 * kept lossless.
 *
 * No token crosses a newline (a STRING cannot span lines, a comment stops
 * before '\n'), so each physical line is parsed on its own. After a syntax
 * error PostgreSQL discards the tokens up to the end of the line; we do not
 * lex them at all, which keeps hostile lines (a megabyte of quotes) linear.
 */
#include "conf_syntax.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static int ascii_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }

/* guc_name_compare: ASCII letters fold, every other byte must match. */
static int name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
            return 0;
    return *a == *b;
}

conf_include_kind conf_include_kind_of(const char *name)
{
    if (ascii_lower((unsigned char)name[0]) != 'i')
        return CINC_NONE;
    if (name_eq(name, "include"))
        return CINC_FILE;
    if (name_eq(name, "include_if_exists"))
        return CINC_IF_EXISTS;
    if (name_eq(name, "include_dir"))
        return CINC_DIR;
    return CINC_NONE;
}

/*
 * PostgreSQL de-escapes the token as a C string: the token ends at its first
 * NUL byte, and whatever came last before that is dropped as "the closing
 * quote". Bytes past that end read as NUL, like the terminator would.
 */
char *conf_deescape(arena *a, const unsigned char *tok, size_t len)
{
    const unsigned char *nul = memchr(tok, 0, len);
    size_t eff = nul ? (size_t)(nul - tok) : len;
    const unsigned char *s = tok + 1;
    size_t slen = eff > 0 ? eff - 1 : 0;
#define S(i) ((size_t)(i) < slen ? s[(i)] : 0u)
    char *out = arena_alloc(a, slen + 2);
    size_t j = 0;
    for (size_t i = 0; i < slen; i++) {
        unsigned c = S(i);
        if (c == '\\') {
            i++;
            unsigned e = S(i);
            switch (e) {
            case 'b': out[j] = '\b'; break;
            case 'f': out[j] = '\f'; break;
            case 'n': out[j] = '\n'; break;
            case 'r': out[j] = '\r'; break;
            case 't': out[j] = '\t'; break;
            case '0': case '1': case '2': case '3':
            case '4': case '5': case '6': case '7': {
                unsigned v = 0;
                size_t k = 0;
                while (k < 3 && S(i + k) >= '0' && S(i + k) <= '7') {
                    v = (v << 3) + (S(i + k) - '0');
                    k++;
                }
                i += k - 1;
                out[j] = (char)(unsigned char)v;
                break;
            }
            default:
                out[j] = (char)e;
                break;
            }
        } else if (c == '\'' && S(i + 1) == '\'') {
            i++;
            out[j] = '\'';
        } else {
            out[j] = (char)c;
        }
        j++;
    }
#undef S
    if (j > 0)
        j--;
    out[j] = '\0';
    return out;
}

/* The next token that is neither whitespace nor comment; the comment, if one
 * was passed, is stored in *comment. `le` is the line's end (its '\n' or the
 * end of the file): a comment runs to it, which the lexer would look for
 * again, on every commented-out line of a sample file. */
static conf_token next_sig(const source *src, size_t pos, size_t le, conf_token *comment)
{
    for (;;) {
        if (pos < le && src->data[pos] == '#') {
            conf_token c = {CTOK_COMMENT, pos, le - pos};
            if (comment)
                *comment = c;
            pos = le;
            continue;
        }
        conf_token t = conf_lex_at(src->data, src->len, pos);
        if (t.kind == CTOK_WS) {
            pos = t.off + t.len;
            continue;
        }
        if (t.kind == CTOK_COMMENT) {
            if (comment)
                *comment = t;
            pos = t.off + t.len;
            continue;
        }
        return t;
    }
}

static conf_span span_of(size_t from, size_t to)
{
    conf_span s = {from, to - from};
    return s;
}

static size_t token_text_len(const source *src, conf_token t)
{
    const unsigned char *nul = memchr(src->data + t.off, 0, t.len);
    return nul ? (size_t)(nul - (src->data + t.off)) : t.len;
}

static void make_error(arena *a, const source *src, const char *pg_path, conf_node *nd,
                       conf_token t, size_t rest_from, size_t line_end, int has_newline)
{
    conf_error *e = arena_alloc(a, sizeof *e);
    nd->kind = CN_ERROR;
    nd->error = e;
    e->rest = span_of(rest_from, line_end);
    e->token.off = t.off;
    if (t.kind == CTOK_EOL || t.kind == CTOK_EOF) {
        e->at_eol = 1;
        /* PostgreSQL numbers the line one too low when the file ends without
         * a newline; its message says so, our `line` field does not. */
        int pg_line = has_newline ? nd->line : nd->line - 1;
        e->diag = diag_at(a, src, t.off, 0, "syntax error in file \"%s\" line %d, near end of line",
                          pg_path, pg_line);
    } else {
        e->token.len = t.len;
        e->token_text = arena_strndup(a, (const char *)src->data + t.off, token_text_len(src, t));
        e->diag = diag_at(a, src, t.off, t.len,
                          "syntax error in file \"%s\" line %d, near token \"%s\"", pg_path,
                          nd->line, e->token_text);
    }
    e->diag->line = nd->line;
    e->diag->code = "conf-syntax-error";
}

static void parse_line(arena *a, const source *src, const char *pg_path, conf_node *nd,
                       size_t ls, size_t le, int has_newline)
{
    nd->newline = span_of(le, has_newline ? le + 1 : le);

    conf_token comment = {CTOK_EOF, 0, 0};
    conf_token t = next_sig(src, ls, le, &comment);
    size_t first = comment.len ? comment.off : t.off;
    nd->lead = span_of(ls, first);
    if (t.kind == CTOK_EOL || t.kind == CTOK_EOF) {
        nd->kind = comment.len ? CN_COMMENT : CN_BLANK;
        if (comment.len) {
            nd->comment = span_of(comment.off, le);
        } else {
            nd->lead = span_of(ls, le);
            nd->comment = span_of(le, le);
        }
        return;
    }
    size_t rest_from = t.off;
    /* Parts not reached yet sit at the end of the line. */
    nd->sep = nd->eq = nd->value = nd->trail = nd->comment = span_of(le, le);
    nd->name = span_of(rest_from, rest_from);
    if (!conf_tok_is_name(t.kind)) {
        make_error(a, src, pg_path, nd, t, rest_from, le, has_newline);
        return;
    }
    nd->name = span_of(t.off, t.off + t.len);
    t = next_sig(src, t.off + t.len, le, NULL);
    if (t.kind == CTOK_EQUALS) {
        nd->eq = span_of(t.off, t.off + 1);
        t = next_sig(src, t.off + t.len, le, NULL);
    }
    if (!conf_tok_is_value(t.kind)) {
        make_error(a, src, pg_path, nd, t, rest_from, le, has_newline);
        return;
    }
    nd->sep = span_of(nd->name.off + nd->name.len, t.off);
    nd->value = span_of(t.off, t.off + t.len);
    nd->value_kind = t.kind;
    comment.len = 0;
    conf_token after = next_sig(src, t.off + t.len, le, &comment);
    if (after.kind != CTOK_EOL && after.kind != CTOK_EOF) {
        make_error(a, src, pg_path, nd, after, rest_from, le, has_newline);
        return;
    }
    size_t value_end = t.off + t.len;
    size_t trail_end = comment.len ? comment.off : le;
    nd->trail = span_of(value_end, trail_end);
    nd->comment = comment.len ? span_of(comment.off, le) : span_of(le, le);
    nd->name_text = arena_strndup(a, (const char *)src->data + nd->name.off, nd->name.len);
    if (t.kind == CTOK_STRING)
        nd->value_text = conf_deescape(a, src->data + t.off, t.len);
    else
        nd->value_text = arena_strndup(a, (const char *)src->data + t.off, t.len);
    nd->include = conf_include_kind_of(nd->name_text);
    nd->kind = nd->include ? CN_INCLUDE : CN_SETTING;
}

/* The end of the run of blanks (space, TAB, CR: the lexer's whitespace)
 * at data[p..le). Sample files indent their continued comments by some
 * thirty spaces, a quarter of their lines: sixteen bytes are tested at a
 * time where the machine can. */
static inline size_t skip_blanks(const unsigned char *data, size_t p, size_t le)
{
#ifdef __SSE2__
    const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r');
    while (le - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(data + p));
        __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, tab)),
                                  _mm_cmpeq_epi8(v, cr));
        unsigned other = (unsigned)_mm_movemask_epi8(ws) ^ 0xffffu;
        if (other)
            return p + (size_t)__builtin_ctz(other);
        p += 16;
    }
#endif
    while (p < le && (data[p] == ' ' || data[p] == '\t' || data[p] == '\r'))
        p++;
    return p;
}

/* A blank or comment line: every field written once, no clearing first.
 * (Clearing a node and then filling it cost a third of a sample file's
 * parse; a compound literal is cleared with `rep stos`, slower still.) */
static inline void plain_node(conf_node *nd, conf_node_kind kind, int line, size_t ls,
                              size_t first, size_t le, int has_nl)
{
    const conf_span none = {0, 0};
    nd->kind = kind;
    nd->line = line;
    nd->lead.off = ls;
    nd->lead.len = (kind == CN_BLANK ? le : first) - ls;
    nd->name = none;
    nd->sep = none;
    nd->eq = none;
    nd->value = none;
    nd->trail = none;
    nd->comment.off = kind == CN_BLANK ? le : first;
    nd->comment.len = kind == CN_BLANK ? 0 : le - first;
    nd->newline.off = le;
    nd->newline.len = (size_t)has_nl;
    nd->value_kind = CTOK_EOF;
    nd->include = CINC_NONE;
    nd->name_text = NULL;
    nd->value_text = NULL;
    nd->error = NULL;
}

conf_tree *conf_syntax_parse(arena *a, const source *src, const char *pg_path)
{
    conf_tree *t = arena_alloc(a, sizeof *t);
    t->src = src;
    t->pg_path = pg_path;
    size_t cap = src->nlines ? src->nlines : 1;
    /* not cleared here: each node is written whole as its line is reached */
    conf_node *nodes = arena_alloc_raw(a, cap * sizeof *nodes);
    size_t *sig = arena_alloc_raw(a, cap * sizeof *sig);
    t->nodes = nodes;
    t->sig = sig;
    /* Locals, not the tree's fields: node stores could alias those. */
    const unsigned char *data = src->data;
    const size_t *line_start = src->line_start;
    size_t len = src->len, n = 0, nsig = 0, pos = 0;
    while (pos < len) {
        /* The source's line index already knows where line n+1 ends: one
         * byte before the next line starts, if that byte is its '\n'. */
        size_t next = line_start[n + 1];   /* > pos: a line has a byte */
        int has_nl = data[next - 1] == '\n';
        size_t le = has_nl ? next - 1 : next;
        conf_node *nd = &nodes[n++];
        /* Most lines of a sample file are comments or blank: settle those
         * here, as parse_line would (blanks and a comment are all it sees). */
        size_t p = pos;
        if (p < le && data[p] != '#')
            p = skip_blanks(data, p, le);
        if (p == le) {
            plain_node(nd, CN_BLANK, (int)n, pos, p, le, has_nl);
        } else if (data[p] == '#') {
            plain_node(nd, CN_COMMENT, (int)n, pos, p, le, has_nl);
        } else {
            memset(nd, 0, sizeof *nd);
            nd->line = (int)n;
            parse_line(a, src, pg_path, nd, pos, le, has_nl);
            if (nd->kind == CN_ERROR)
                t->nerrors++;
            sig[nsig++] = n - 1;
        }
        pos = has_nl ? le + 1 : le;
    }
    t->n = n;
    t->nsig = nsig;
    return t;
}

size_t conf_node_parts(const conf_node *n, conf_span *parts, const char **names, size_t max)
{
    size_t k = 0;
#define PART(field)                 \
    do {                            \
        if (k < max) {              \
            parts[k] = n->field;    \
            if (names)              \
                names[k] = #field;  \
        }                           \
        k++;                        \
    } while (0)
    switch (n->kind) {
    case CN_BLANK:
    case CN_COMMENT:
        PART(lead); PART(comment); PART(newline);
        break;
    case CN_ERROR:
        PART(lead);
        if (k < max) {
            parts[k] = n->error->rest;
            if (names)
                names[k] = "rest";
        }
        k++;
        PART(newline);
        break;
    case CN_SETTING:
    case CN_INCLUDE:
        PART(lead); PART(name); PART(sep); PART(value); PART(trail); PART(comment);
        PART(newline);
        break;
    }
#undef PART
    return k;
}

conf_span conf_node_whole(const conf_node *n)
{
    return span_of(n->lead.off, n->newline.off + n->newline.len);
}

void conf_tree_print(const conf_tree *t, FILE *out)
{
    /* Adjacent parts are written in one go; parts that do not join up
     * (a bug) would still each be written, and show in a round trip. */
    size_t run_off = 0, run_len = 0;
    for (size_t i = 0; i < t->n; i++) {
        conf_span parts[8];
        size_t k = conf_node_parts(&t->nodes[i], parts, NULL, 8);
        for (size_t j = 0; j < k; j++) {
            if (!parts[j].len)
                continue;
            if (run_len && parts[j].off == run_off + run_len) {
                run_len += parts[j].len;
                continue;
            }
            if (run_len)
                fwrite(t->src->data + run_off, 1, run_len, out);
            run_off = parts[j].off;
            run_len = parts[j].len;
        }
    }
    if (run_len)
        fwrite(t->src->data + run_off, 1, run_len, out);
}

const char *conf_node_kind_name(conf_node_kind k)
{
    switch (k) {
    case CN_BLANK: return "blank";
    case CN_COMMENT: return "comment";
    case CN_SETTING: return "setting";
    case CN_INCLUDE: return "include";
    case CN_ERROR: return "error";
    }
    return "?";
}
