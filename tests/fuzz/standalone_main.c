/*
 * standalone_main — a main() for the fuzz targets without libFuzzer: AFL++
 * (input file as the last argument, or standard input) and the regression
 * run of `make check`, which passes files and directories and gets one TAP
 * line per input. A target that finds a problem aborts, so a crashing input
 * shows as a missing plan and the name of the last "# running" line.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_util.h"

static int count;

static unsigned char *slurp(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0;
    unsigned char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            unsigned char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    *len = n;
    return buf;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) {
            printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
            return;
        }
        char **names = NULL;
        size_t n = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            char **nn = realloc(names, (n + 1) * sizeof *names);
            if (!nn)
                abort();
            names = nn;
            size_t l = strlen(path) + strlen(e->d_name) + 2;
            names[n] = malloc(l);
            if (!names[n])
                abort();
            snprintf(names[n++], l, "%s/%s", path, e->d_name);
        }
        closedir(d);
        if (n)
            qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            run_path(names[i]);
            free(names[i]);
        }
        free(names);
        return;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
        return;
    }
    size_t len;
    unsigned char *buf = slurp(f, &len);
    fclose(f);
    if (!buf)
        abort();
    printf("# running %s\n", path);
    fflush(stdout);
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    printf("ok %d - %s\n", ++count, path);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        size_t len;
        unsigned char *buf = slurp(stdin, &len);
        if (!buf)
            abort();
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
        return 0;
    }
    for (int i = 1; i < argc; i++)
        run_path(argv[i]);
    printf("1..%d\n", count);
    return 0;
}
