/* cluster.c — finding postgresql.auto.conf for a postgresql.conf. */
#include "cluster.h"

#include <string.h>
#include <unistd.h>

#include "source.h"

const char *cluster_auto_conf_for(arena *a, const char *conf_path)
{
    const char *base = strrchr(conf_path, '/');
    base = base ? base + 1 : conf_path;
    if (strcmp(base, "postgresql.conf") != 0)
        return NULL;
    char *dir = path_dirname(a, conf_path);
    char *beside = arena_printf(a, "%s/postgresql.auto.conf", dir);
    if (access(beside, F_OK) == 0)
        return beside;
    /* Debian: /etc/postgresql/15/main -> /var/lib/postgresql/15/main. The
     * prefix before etc/ is kept so a copied tree (tests, repositories) works. */
    const char *etc = strstr(dir, "etc/postgresql/");
    if (etc) {
        char *data = arena_printf(a, "%.*svar/lib/postgresql/%s/postgresql.auto.conf",
                                  (int)(etc - dir), dir, etc + strlen("etc/postgresql/"));
        if (access(data, F_OK) == 0)
            return data;
    }
    return NULL;
}
