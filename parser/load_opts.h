/*
 * load_opts — how a document is loaded: which PostgreSQL major version's
 * rules apply, and where include targets may come from. Plain values; owns
 * nothing (`overlay`, `confine_cache` and `cwd` are the caller's).
 */
#ifndef PGCL_LOAD_OPTS_H
#define PGCL_LOAD_OPTS_H

#define PG_VERSION_MIN 12
#define PG_VERSION_MAX 19
#define PG_VERSION_DEFAULT 18

typedef struct load_opts {
    int pg_version;          /* 12..19: the server whose behaviour we reproduce */
    const char *root_dir;    /* absolute confinement root for includes, or NULL */
    int allow_outside;       /* nonzero: includes outside root_dir are read too */
    int follow_includes;     /* nonzero (default): read include targets */
    const struct source_overlay *overlay;  /* files to read from memory instead of
                                              disk (the fixer's patched bytes), or NULL */
    struct confine_cache *confine_cache;   /* the directories confinement has resolved
                                              so far in this run (confine.h), or NULL:
                                              resolve every path afresh. One per run,
                                              shared by its threads */
    const char *cwd;         /* the working directory, taken once for the run
                                (it does not change while it runs), that
                                relative paths are made absolute against; NULL:
                                ask getcwd() each time */
} load_opts;

#endif
