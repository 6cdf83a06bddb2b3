/*
 * cluster_version — the PostgreSQL major version a configuration file
 * belongs to, read from the server's layout: a PG_VERSION file beside it (a
 * data directory), or for Debian's /etc/postgresql/N/NAME the data
 * directory's /var/lib/postgresql/N/NAME/PG_VERSION, else the N of that path.
 * Allocates nothing.
 */
#ifndef PGCL_CLUSTER_VERSION_H
#define PGCL_CLUSTER_VERSION_H

/* The major version (12..19), or 0 when the layout does not say. */
int cluster_pg_version(const char *file_path);

#endif
