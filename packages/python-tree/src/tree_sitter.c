// tree-sitter's runtime (its lib.c, which includes every part of it), with reference counts that are not
// atomic. tree-sitter counts references atomically so that a tree may be shared between threads (ts_tree_copy);
// here a tree lives within one parse call on one thread and is dropped with its arena, and the atomic
// increments and decrements of the counts were about a tenth of a parse. Defining atomic.h's guard first
// leaves its definitions out.
#include <stddef.h>
#include <stdint.h>

#define TREE_SITTER_ATOMIC_H_

static inline size_t atomic_load(const volatile size_t *p) { return *p; }
static inline uint32_t atomic_inc(volatile uint32_t *p) { return ++*p; }
static inline uint32_t atomic_dec(volatile uint32_t *p) { return --*p; }

#include "lib.c"
