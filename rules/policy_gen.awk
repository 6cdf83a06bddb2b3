# policy_gen.awk — compile rules/policies/*.yaml into C: one string per file
# and a table {name, description, text}. The name is the file name without
# .yaml; the description is the top-level `description:` line. Run with
# LC_ALL=C; output goes to the build directory (rules/policy_data.inc).
BEGIN { n = 0 }
function cstr(s,    r, i, c) {
    r = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\") r = r "\\\\"
        else if (c == "\"") r = r "\\\""
        else if (c == "\t") r = r "\\t"
        else if (c == "?") r = r "\\?"
        else r = r c
    }
    return r
}
function ident_of(s,    r) {
    r = s
    gsub(/[^A-Za-z0-9]/, "_", r)
    return r
}
function finish() {
    if (cur == "") return
    printf "};\n"
    names[n] = cur; descs[n] = desc; n++
    cur = ""
}
FNR == 1 {
    finish()
    cur = FILENAME
    sub(/.*\//, "", cur)
    sub(/\.yaml$/, "", cur)
    desc = ""
    printf "static const char policy_text_%s[] = {\n", ident_of(cur)
}
{
    line = $0
    if (desc == "" && line ~ /^description:/) {
        d = line
        sub(/^description:[ \t]*/, "", d)
        if (d ~ /^".*"$/ || d ~ /^'.*'$/) d = substr(d, 2, length(d) - 2)
        desc = d
    }
    printf "    \"%s\\n\"\n", cstr(line)
}
END {
    finish()
    printf "static const policy_profile_info profile_table[] = {\n"
    for (i = 0; i < n; i++)
        printf "    {\"%s\", \"%s\", policy_text_%s},\n", names[i], cstr(descs[i]), ident_of(names[i])
}
END { printf "};\n" }
