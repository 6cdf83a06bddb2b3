/* cluster_version.c — reading PG_VERSION and Debian paths. */
#include "cluster_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_opts.h"

static int valid(long v)
{
    return v >= PG_VERSION_MIN && v <= PG_VERSION_MAX ? (int)v : 0;
}

/* PG_VERSION holds the major version and a newline ("16\n"; "9.6" for old
 * servers, which we do not check). */
static int read_pg_version(const char *dir, size_t dirlen)
{
    char path[4096];
    if (dirlen + sizeof "/PG_VERSION" > sizeof path)
        return 0;
    snprintf(path, sizeof path, "%.*s/PG_VERSION", (int)dirlen, dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char buf[32] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *end;
    long v = strtol(buf, &end, 10);
    if (end == buf || (*end && *end != '\n' && *end != '\r'))
        return 0;
    return valid(v);
}

int cluster_pg_version_listed(const char *file_path, int no_pg_version)
{
    if (!file_path || strcmp(file_path, "-") == 0)
        return 0;
    const char *slash = strrchr(file_path, '/');
    const char *dir = slash ? file_path : ".";
    size_t dirlen = slash ? (size_t)(slash - file_path) : 1;
    if (slash == file_path)
        dirlen = 1;   /* "/postgresql.conf" */
    int v = no_pg_version ? 0 : read_pg_version(dir, dirlen);
    if (v)
        return v;
    /* Debian: <prefix>etc/postgresql/N/NAME/<file> */
    const char *etc = NULL;
    for (const char *p = file_path; (p = strstr(p, "etc/postgresql/")) != NULL; p++)
        if (p == file_path || p[-1] == '/')
            etc = p;
    if (!etc)
        return 0;
    const char *num = etc + strlen("etc/postgresql/");
    char *end;
    long n = strtol(num, &end, 10);
    if (end == num || *end != '/' || !valid(n))
        return 0;
    const char *name_end = strchr(end + 1, '/');
    if (name_end) {
        char data[4096];
        int k = snprintf(data, sizeof data, "%.*svar/lib/postgresql/%.*s",
                         (int)(etc - file_path), file_path, (int)(name_end - num), num);
        if (k > 0 && (size_t)k < sizeof data && (v = read_pg_version(data, (size_t)k)))
            return v;
    }
    return (int)n;
}
