#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

// Every block starts with a header: how much it holds, and whether it came from an arena or from malloc.
typedef struct {
  size_t capacity;
  size_t in_arena;
} Header;

enum {
  ALIGN = 16,
  SMALL = 4096,                  // blocks up to this size are reused through free lists
  CLASSES = SMALL / ALIGN + 1,   // one free list per multiple of ALIGN
  CHUNK = 1 << 20,               // the least a chunk holds
  KEPT = 8 << 20,                // what an arena keeps of its chunks between parses
};

typedef struct Chunk {
  struct Chunk *next;
  size_t size;
  size_t used;
  _Alignas(ALIGN) unsigned char data[];
} Chunk;

struct Arena {
  Chunk *chunks;  // in use; blocks are bumped off the first
  Chunk *spare;   // kept from earlier parses, empty
  void *free_lists[CLASSES];
};

// The arena of the parse running on this thread, if any.
static _Thread_local Arena *current;

static void out_of_memory(size_t size) {
  // tree-sitter does not check for NULL: its own allocator aborts too
  fprintf(stderr, "python-tree: failed to allocate %zu bytes\n", size);
  abort();
}

static size_t round_up(size_t size) { return (size + ALIGN - 1) & ~(size_t)(ALIGN - 1); }

static Header *bump(Arena *arena, size_t capacity) {
  size_t need = sizeof(Header) + capacity;
  Chunk *chunk = arena->chunks;
  if (!chunk || chunk->size - chunk->used < need) {
    Chunk **link = &arena->spare;
    while (*link && (*link)->size < need) link = &(*link)->next;
    Chunk *fresh = *link;
    if (fresh) {
      *link = fresh->next;
    } else {
      size_t size = need > CHUNK ? need : CHUNK;
      fresh = malloc(sizeof(Chunk) + size);
      if (!fresh) out_of_memory(size);
      fresh->size = size;
    }
    fresh->used = 0;
    fresh->next = chunk;
    arena->chunks = fresh;
    chunk = fresh;
  }
  Header *header = (Header *)(chunk->data + chunk->used);
  chunk->used += need;
  return header;
}

static void *take(Arena *arena, size_t size) {
  size_t capacity = round_up(size ? size : 1);
  Header *header;
  void **list = capacity <= SMALL ? &arena->free_lists[capacity / ALIGN] : NULL;
  if (list && *list) {
    header = (Header *)*list - 1;
    *list = *(void **)*list;
  } else {
    header = bump(arena, capacity);
    header->capacity = capacity;
    header->in_arena = 1;
  }
  return header + 1;
}

static void *arena_malloc(size_t size) {
  if (current) return take(current, size);
  Header *header = malloc(sizeof(Header) + size);
  if (!header) out_of_memory(size);
  header->capacity = size;
  header->in_arena = 0;
  return header + 1;
}

static void arena_free(void *block) {
  if (!block) return;
  Header *header = (Header *)block - 1;
  if (!header->in_arena) {
    free(header);
    return;
  }
  // a large block's memory comes back when the parse is done
  if (current && header->capacity <= SMALL) {
    void **list = &current->free_lists[header->capacity / ALIGN];
    *(void **)block = *list;
    *list = block;
  }
}

static void *arena_calloc(size_t count, size_t size) {
  size_t total = count * size;
  if (size && total / size != count) out_of_memory(SIZE_MAX);
  void *block = arena_malloc(total);
  memset(block, 0, total);
  return block;
}

static void *arena_realloc(void *block, size_t size) {
  if (!block) return arena_malloc(size);
  Header *header = (Header *)block - 1;
  if (!header->in_arena) {
    Header *grown = realloc(header, sizeof(Header) + size);
    if (!grown) out_of_memory(size);
    grown->capacity = size;
    return grown + 1;
  }
  if (header->capacity >= size) return block;
  void *moved = arena_malloc(size);
  memcpy(moved, block, header->capacity);
  arena_free(block);
  return moved;
}

void arena_install(void) { ts_set_allocator(arena_malloc, arena_calloc, arena_realloc, arena_free); }

Arena *arena_new(void) { return calloc(1, sizeof(Arena)); }

static void free_chunks(Chunk *chunk) {
  for (Chunk *next; chunk; chunk = next) {
    next = chunk->next;
    free(chunk);
  }
}

void arena_delete(Arena *arena) {
  if (!arena) return;
  free_chunks(arena->chunks);
  free_chunks(arena->spare);
  free(arena);
}

void arena_begin(Arena *arena) { current = arena; }

void arena_end(Arena *arena) {
  current = NULL;
  memset(arena->free_lists, 0, sizeof arena->free_lists);
  // the chunks become spare for the next parse (no page faults for a small one), up to KEPT bytes of them
  size_t kept = 0;
  for (Chunk *chunk = arena->spare; chunk; chunk = chunk->next) kept += chunk->size;
  for (Chunk *chunk = arena->chunks, *next; chunk; chunk = next) {
    next = chunk->next;
    if (kept + chunk->size <= KEPT) {
      kept += chunk->size;
      chunk->next = arena->spare;
      arena->spare = chunk;
    } else {
      free(chunk);
    }
  }
  arena->chunks = NULL;
}
