/*
 * policy_frozen — the built-in profiles as already-parsed YAML documents
 * (libyaml's node structures, written at build time by policy_freeze.c), so
 * that loading a profile reads its nodes instead of tokenizing its text.
 * Private to rules/policy*.c (and tests/unit/test_policy_frozen.c, which
 * holds every frozen document against a fresh parse of its text).
 *
 * Memory: the strings, items and pairs are static and read-only; the node
 * array is malloc'd. A document filled in here is released with
 * policy_frozen_release(), never yaml_document_delete().
 */
#ifndef PGCL_POLICY_FROZEN_H
#define PGCL_POLICY_FROZEN_H

#include <stddef.h>
#include <yaml.h>

/* Fill `doc` with the frozen parse of profile `name`, whose YAML text is
 * `len` bytes long. Returns 0 (doc untouched) when there is none, or when it
 * was not made from a text of that length: then parse the text. */
int policy_frozen_doc(const char *name, size_t len, yaml_document_t *doc);
void policy_frozen_release(yaml_document_t *doc);

#endif
