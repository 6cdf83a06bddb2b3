/*
 * cluster_version — the PostgreSQL major version a configuration file
 * belongs to, read from the server's layout: a PG_VERSION file beside it (a
 * data directory), or for Debian's /etc/postgresql/N/NAME the data
 * directory's /var/lib/postgresql/N/NAME/PG_VERSION, else the N of that path.
 * Allocates nothing.
 */
#ifndef PGCL_CLUSTER_VERSION_H
#define PGCL_CLUSTER_VERSION_H

/* The major version (12..19), or 0 when the layout does not say.
 * no_pg_version nonzero (cluster_files' no_pg_version): a listing of
 * file_path's directory showed it holds no PG_VERSION, so the open() that
 * would fail is not tried. */
int cluster_pg_version_listed(const char *file_path, int no_pg_version);

#endif
