// An allocator for tree-sitter that serves one parse from a few large chunks: a block is taken from a free list
// of its size or bumped off a chunk, freed onto its list, and the whole tree is dropped at once when the parse is
// done instead of being freed node by node. malloc's bookkeeping and the tree's deletion were a tenth of a parse.
#ifndef PYTHON_TREE_ARENA_H
#define PYTHON_TREE_ARENA_H

#include <stddef.h>

typedef struct Arena Arena;

// Routes tree-sitter's allocations (of this module's copy of tree-sitter) through the arenas. Outside
// arena_begin/arena_end they go to malloc, so the library works as before.
void arena_install(void);

Arena *arena_new(void);
void arena_delete(Arena *arena);

// Between these two calls, tree-sitter's allocations on this thread come from `arena`. Whatever tree-sitter
// allocated in between must be unreachable after arena_end: its memory is reused by the next parse.
void arena_begin(Arena *arena);
void arena_end(Arena *arena);

#endif
