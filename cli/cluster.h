/*
 * cluster — where a postgresql.conf's postgresql.auto.conf lives: beside it
 * in a data directory, or in /var/lib/postgresql/N/NAME for Debian's
 * /etc/postgresql/N/NAME layout. Returned strings live in the arena.
 */
#ifndef PGCL_CLUSTER_H
#define PGCL_CLUSTER_H

#include "arena.h"

/* The auto.conf path to read after `conf_path`, or NULL if the file is not
 * named postgresql.conf or no candidate exists. */
const char *cluster_auto_conf_for(arena *a, const char *conf_path);

#endif
