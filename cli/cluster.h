/*
 * cluster — which files PostgreSQL reads together for one server, so that
 * cross-file rules see all of them: postgresql.conf, its
 * postgresql.auto.conf, pg_hba.conf and pg_ident.conf of one directory. The
 * auto.conf lives beside postgresql.conf in a data directory, or in
 * /var/lib/postgresql/N/NAME for Debian's /etc/postgresql/N/NAME layout
 * (the prefix before etc/ is kept, so a copied tree in a repository works).
 *
 * Memory: returned strings live in the arena.
 */
#ifndef PGCL_CLUSTER_H
#define PGCL_CLUSTER_H

#include "arena.h"
#include "source.h"
#include "walk.h"

typedef enum cluster_member {
    MEMBER_CONF = 0,
    MEMBER_HBA,
    MEMBER_IDENT,
    MEMBER_AUTO,       /* postgresql.auto.conf, read after MEMBER_CONF */
    MEMBER_COUNT
} cluster_member;

typedef struct cluster_files {
    const char *path[MEMBER_COUNT];  /* NULL: the cluster has no such file */
    unsigned context;   /* bit (1u << member): read only as context for the
                           others' cross-file rules, not linted (0: lint all) */
    int no_pg_version;  /* 1: a listing of the directory showed no PG_VERSION
                           beside the members (cluster_version.h need not try
                           to open one); 0: not known */
} cluster_files;

/* The auto.conf path to read after `conf_path`, or NULL if the file is not
 * named postgresql.conf or no candidate exists. */
const char *cluster_auto_conf_for(arena *a, const char *conf_path);

/* The postgresql.conf whose auto.conf `auto_path` is (beside it, or the
 * Debian /etc counterpart), or NULL if none exists on disk. */
const char *cluster_conf_for_auto(arena *a, const char *auto_path);

/* The member a file name stands for in a cluster, or -1 for any other name. */
int cluster_member_of(const char *path);

/* The cluster of the server whose configuration directory is `dir`: the
 * standard file names that exist there, and the auto.conf. */
void cluster_in_dir(arena *a, const char *dir, cluster_files *out);

/* cluster_in_dir, told by `listing` (the walk's reading of `dir`; NULL: none)
 * which names exist there rather than asking the file system for each; a
 * name the listing cannot vouch for (a symbolic link) is still looked at. */
void cluster_in_listed_dir(arena *a, const char *dir, const walk_listing *listing,
                           cluster_files *out);

#endif
