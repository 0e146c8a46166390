// Parses source with tree-sitter and writes the kept nodes of the tree into one Int32Array in a single call:
// reading a tree node by node through the JavaScript binding costs a crossing into native code per property.
#include <node_api.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "arena.h"

// tree-sitter's own headers (lib/src): the walk reads subtrees directly
#include "language.h"
#include "subtree.h"
#include "tree.h"

// The tag tree-sitter's grammar bindings put on their `language` external ("tree-sitter", "language" in BLAKE2).
static const napi_type_tag LANGUAGE_TAG = {0x8AF2E5212AD58ABF, 0xD5006CAD83ABBA16};

// What to do with a node of a kind: leave it and its subtree out, keep it and its kept descendants, or keep it alone.
enum { SKIP = 0, KEEP = 1, KEEP_ALONE = 2 };

// One record per kept node, in document order.
enum { TYPE, START, END, NEXT, FIELDS };

typedef struct {
  int32_t *data;
  size_t length;
  size_t capacity;
} Records;

static int grow(Records *records) {
  size_t capacity = records->capacity ? records->capacity * 2 : 4096 * FIELDS;
  int32_t *data = realloc(records->data, capacity * sizeof(int32_t));
  if (!data) return 0;
  records->data = data;
  records->capacity = capacity;
  return 1;
}

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "python-tree: " #call " failed");   \
      goto fail;                                                      \
    }                                                                 \
  } while (0)

static const TSLanguage *language_of(napi_env env, napi_value value) {
  bool tagged = false;
  void *language = NULL;
  if (napi_check_object_type_tag(env, value, &LANGUAGE_TAG, &tagged) != napi_ok || !tagged ||
      napi_get_value_external(env, value, &language) != napi_ok) {
    napi_throw_type_error(env, NULL, "python-tree: expected a tree-sitter grammar's `language`");
    return NULL;
  }
  return language;
}

// symbols(language) -> [[name, named], ...] by symbol id
static napi_value symbols(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  const TSLanguage *language = language_of(env, argv[0]);
  if (!language) return NULL;
  uint32_t count = ts_language_symbol_count(language);
  CHECK(napi_create_array_with_length(env, count, &result));
  for (uint32_t symbol = 0; symbol < count; symbol++) {
    const char *name = ts_language_symbol_name(language, (TSSymbol)symbol);
    napi_value pair, text, named;
    CHECK(napi_create_array_with_length(env, 2, &pair));
    CHECK(napi_create_string_utf8(env, name ? name : "", NAPI_AUTO_LENGTH, &text));
    CHECK(napi_get_boolean(env, ts_language_symbol_type(language, (TSSymbol)symbol) == TSSymbolTypeRegular, &named));
    CHECK(napi_set_element(env, pair, 0, text));
    CHECK(napi_set_element(env, pair, 1, named));
    CHECK(napi_set_element(env, result, symbol, pair));
  }
  return result;
fail:
  return NULL;
}

// The children of a subtree being read: the walk keeps one frame per open subtree, on the heap, so a deeply
// nested tree cannot overflow the C stack.
typedef struct {
  Subtree parent;
  const TSSymbol *aliases;  // the parent's production's aliases, by structural child index (NULL: none)
  uint32_t index;           // the next child
  uint32_t structural;      // the next child's index among the children that are not extras
  uint32_t offset;          // the byte where the next child's padding begins
  int32_t record;           // the parent's record, closed when its children are read; -1 for a hidden node
} Frame;

typedef struct {
  Frame *data;
  size_t length;
  size_t capacity;
} Frames;

static int push(Frames *frames, Subtree parent, const TSLanguage *language, uint32_t offset, int32_t record) {
  if (frames->length == frames->capacity) {
    size_t capacity = frames->capacity ? frames->capacity * 2 : 64;
    Frame *data = realloc(frames->data, capacity * sizeof(Frame));
    if (!data) return 0;
    frames->data = data;
    frames->capacity = capacity;
  }
  frames->data[frames->length++] = (Frame){parent, ts_language_alias_sequence(language, parent.ptr->production_id), 0, 0, offset, record};
  return 1;
}

// Room for one more record; NULL when out of memory.
static int32_t *append(Records *records) {
  if (records->length + FIELDS > records->capacity && !grow(records)) return NULL;
  int32_t *record = records->data + records->length;
  records->length += FIELDS;
  return record;
}

// Walks the tree in document order, keeping what `policy` (by symbol id) keeps. A record's NEXT is the index of
// the first record after its subtree. Offsets are UTF-16 code units, as JavaScript string indexes. Reads the
// subtrees directly, as tree-sitter's cursor does (hidden nodes are transparent, aliases rename and show), without
// the cursor's bookkeeping: a third of the cost of the copy.
static int flatten(const TSTree *tree, const uint8_t *policy, uint32_t policy_length, Records *records) {
  const TSLanguage *language = tree->language;
  Subtree root = tree->root;
  uint32_t root_start = ts_subtree_padding(root).bytes;
  int32_t *record = append(records);
  if (!record) return 0;
  record[TYPE] = ts_language_public_symbol(language, ts_subtree_symbol(root));
  record[START] = (int32_t)(root_start / 2);
  record[END] = (int32_t)((root_start + ts_subtree_size(root).bytes) / 2);
  record[NEXT] = 1;
  if (ts_subtree_child_count(root) == 0) return 1;
  Frames frames = {0};
  int ok = push(&frames, root, language, 0, 0);
  while (ok && frames.length > 0) {
    Frame *frame = &frames.data[frames.length - 1];
    if (frame->index == frame->parent.ptr->child_count) {
      if (frame->record >= 0) records->data[frame->record * FIELDS + NEXT] = (int32_t)(records->length / FIELDS);
      frames.length--;
      continue;
    }
    Subtree child = ts_subtree_children(frame->parent)[frame->index++];
    uint32_t begin = frame->offset;
    uint32_t start = begin + ts_subtree_padding(child).bytes;
    uint32_t end = start + ts_subtree_size(child).bytes;
    frame->offset = end;
    TSSymbol alias = 0;
    if (!ts_subtree_extra(child)) {
      if (frame->aliases) alias = frame->aliases[frame->structural];
      frame->structural++;
    }
    bool has_children = ts_subtree_child_count(child) > 0;
    if (!alias && !ts_subtree_visible(child)) {
      if (has_children) ok = push(&frames, child, language, begin, -1);
      continue;
    }
    TSSymbol symbol = ts_language_public_symbol(language, alias ? alias : ts_subtree_symbol(child));
    uint8_t action = symbol < policy_length ? policy[symbol] : SKIP;
    if (action == SKIP) continue;
    int32_t index = (int32_t)(records->length / FIELDS);
    if (!(record = append(records))) { ok = 0; break; }
    record[TYPE] = symbol;
    record[START] = (int32_t)(start / 2);
    record[END] = (int32_t)(end / 2);
    record[NEXT] = index + 1;
    if (action == KEEP && has_children) ok = push(&frames, child, language, begin, index);
  }
  free(frames.data);
  return ok;
}

// One arena per Node environment (the main thread and each worker thread), freed with it.
static void delete_arena(napi_env env, void *arena, void *hint) {
  (void)env;
  (void)hint;
  arena_delete(arena);
}

typedef enum { PARSED, OUT_OF_MEMORY, UNSUPPORTED_LANGUAGE } Outcome;

// Parses with a parser of its own in `arena`, copies the kept nodes into `records`, and drops the parser and the
// tree with the arena's memory (the parser is cheap to make; the tree is not freed node by node).
static Outcome parse_into(Arena *arena, const TSLanguage *language, const char16_t *text, size_t length, const uint8_t *policy,
                          uint32_t policy_length, Records *records, bool *has_error) {
  Outcome outcome = PARSED;
  arena_begin(arena);
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, language)) {
    outcome = UNSUPPORTED_LANGUAGE;
  } else {
    TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)text, (uint32_t)(length * sizeof(char16_t)), TSInputEncodingUTF16LE);
    if (!tree || !flatten(tree, policy, policy_length, records)) outcome = OUT_OF_MEMORY;
    else *has_error = ts_node_has_error(ts_tree_root_node(tree));
  }
  ts_parser_delete(parser);  // also the grammar's external scanner, which allocates on its own
  arena_end(arena);
  return outcome;
}

// parse(language, source, policy: Uint8Array) -> { records: Int32Array, hasError: boolean }
static napi_value parse(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], result = NULL;
  char16_t *text = NULL;
  Records records = {0};
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 3) {
    napi_throw_type_error(env, NULL, "python-tree: parse(language, source, policy)");
    return NULL;
  }
  const TSLanguage *language = language_of(env, argv[0]);
  if (!language) return NULL;

  size_t length = 0;
  if (napi_get_value_string_utf16(env, argv[1], NULL, 0, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "python-tree: the source must be a string");
    return NULL;
  }
  napi_typedarray_type policy_type;
  size_t policy_length = 0;
  void *policy = NULL;
  bool is_typedarray = false;
  CHECK(napi_is_typedarray(env, argv[2], &is_typedarray));
  if (is_typedarray) CHECK(napi_get_typedarray_info(env, argv[2], &policy_type, &policy_length, &policy, NULL, NULL));
  if (!is_typedarray || policy_type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "python-tree: the policy must be a Uint8Array indexed by symbol id");
    return NULL;
  }

  text = malloc((length + 1) * sizeof(char16_t));
  if (!text) goto oom;
  CHECK(napi_get_value_string_utf16(env, argv[1], text, length + 1, &length));

  Arena *arena = NULL;
  CHECK(napi_get_instance_data(env, (void **)&arena));
  if (!arena) {
    if (!(arena = arena_new())) goto oom;
    if (napi_set_instance_data(env, arena, delete_arena, NULL) != napi_ok) {
      arena_delete(arena);
      napi_throw_error(env, NULL, "python-tree: napi_set_instance_data failed");
      goto fail;
    }
  }
  bool parsed_with_errors = false;
  switch (parse_into(arena, language, text, length, policy, (uint32_t)policy_length, &records, &parsed_with_errors)) {
    case PARSED: break;
    case OUT_OF_MEMORY: goto oom;
    case UNSUPPORTED_LANGUAGE:
      napi_throw_error(env, NULL, "python-tree: the grammar's ABI version is not supported by this tree-sitter");
      goto fail;
  }

  napi_value buffer, array, has_error;
  void *bytes = NULL;
  CHECK(napi_create_arraybuffer(env, records.length * sizeof(int32_t), &bytes, &buffer));
  memcpy(bytes, records.data, records.length * sizeof(int32_t));
  CHECK(napi_create_typedarray(env, napi_int32_array, records.length, buffer, 0, &array));
  CHECK(napi_get_boolean(env, parsed_with_errors, &has_error));
  CHECK(napi_create_object(env, &result));
  CHECK(napi_set_named_property(env, result, "records", array));
  CHECK(napi_set_named_property(env, result, "hasError", has_error));
  goto cleanup;
oom:
  napi_throw_error(env, "ENOMEM", "python-tree: out of memory while parsing");
fail:
  result = NULL;
cleanup:
  free(text);
  free(records.data);
  return result;
}

static pthread_once_t allocator_installed = PTHREAD_ONCE_INIT;

NAPI_MODULE_INIT() {
  pthread_once(&allocator_installed, arena_install);
  napi_property_descriptor properties[] = {
      {"parse", NULL, parse, NULL, NULL, NULL, napi_default, NULL},
      {"symbols", NULL, symbols, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, 2, properties) != napi_ok) return NULL;
  return exports;
}
