// Parses source with tree-sitter and writes the kept nodes of the tree into one Int32Array in a single call:
// reading a tree node by node through the JavaScript binding costs a crossing into native code per property.
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

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

// Walks the tree in document order, keeping what `policy` (by symbol id) keeps. A record's NEXT is the index of
// the first record after its subtree. Offsets are UTF-16 code units, as JavaScript string indexes.
static int flatten(TSTree *tree, const uint8_t *policy, uint32_t policy_length, Records *records) {
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  // the records whose subtree is being read (the cursor is never deeper than the last of them)
  uint32_t *open = NULL;
  size_t depth = 0, open_capacity = 0;
  int ok = 1;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    TSSymbol symbol = ts_node_symbol(node);
    uint8_t action = symbol < policy_length ? policy[symbol] : SKIP;
    if (depth == 0) action = KEEP;  // the root
    if (action != SKIP) {
      if (records->length + FIELDS > records->capacity && !grow(records)) { ok = 0; break; }
      int32_t *record = records->data + records->length;
      record[TYPE] = symbol;
      record[START] = (int32_t)(ts_node_start_byte(node) / 2);
      record[END] = (int32_t)(ts_node_end_byte(node) / 2);
      record[NEXT] = 0;
      uint32_t index = (uint32_t)(records->length / FIELDS);
      records->length += FIELDS;
      if (action == KEEP && ts_tree_cursor_goto_first_child(&cursor)) {
        if (depth == open_capacity) {
          open_capacity = open_capacity ? open_capacity * 2 : 64;
          uint32_t *grown = realloc(open, open_capacity * sizeof(uint32_t));
          if (!grown) { ok = 0; break; }
          open = grown;
        }
        open[depth++] = index;
        continue;
      }
      record[NEXT] = (int32_t)(index + 1);
      if (depth == 0) break;  // a root without children
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      uint32_t closed = open[--depth];
      records->data[closed * FIELDS + NEXT] = (int32_t)(records->length / FIELDS);
      if (depth == 0 || !ts_tree_cursor_goto_parent(&cursor)) {
        while (depth > 0) {
          closed = open[--depth];
          records->data[closed * FIELDS + NEXT] = (int32_t)(records->length / FIELDS);
        }
        goto done;
      }
    }
  }
done:
  free(open);
  ts_tree_cursor_delete(&cursor);
  return ok;
}

// One parser per Node environment (the main thread and each worker thread), freed with it.
static void delete_parser(napi_env env, void *parser, void *hint) {
  (void)env;
  (void)hint;
  ts_parser_delete(parser);
}

// parse(language, source, policy: Uint8Array) -> { records: Int32Array, hasError: boolean }
static napi_value parse(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], result = NULL;
  char16_t *text = NULL;
  TSTree *tree = NULL;
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

  TSParser *parser = NULL;
  CHECK(napi_get_instance_data(env, (void **)&parser));
  if (!parser) {
    parser = ts_parser_new();
    if (!parser) goto oom;
    if (napi_set_instance_data(env, parser, delete_parser, NULL) != napi_ok) {
      ts_parser_delete(parser);
      napi_throw_error(env, NULL, "python-tree: napi_set_instance_data failed");
      goto fail;
    }
  }
  if (ts_parser_language(parser) != language && !ts_parser_set_language(parser, language)) {
    napi_throw_error(env, NULL, "python-tree: the grammar's ABI version is not supported by this tree-sitter");
    goto fail;
  }
  tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)text, (uint32_t)(length * sizeof(char16_t)), TSInputEncodingUTF16LE);
  if (!tree) goto oom;
  if (!flatten(tree, policy, (uint32_t)policy_length, &records)) goto oom;

  napi_value buffer, array, has_error;
  void *bytes = NULL;
  CHECK(napi_create_arraybuffer(env, records.length * sizeof(int32_t), &bytes, &buffer));
  memcpy(bytes, records.data, records.length * sizeof(int32_t));
  CHECK(napi_create_typedarray(env, napi_int32_array, records.length, buffer, 0, &array));
  CHECK(napi_get_boolean(env, ts_node_has_error(ts_tree_root_node(tree)), &has_error));
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
  if (tree) ts_tree_delete(tree);
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
      {"parse", NULL, parse, NULL, NULL, NULL, napi_default, NULL},
      {"symbols", NULL, symbols, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, 2, properties) != napi_ok) return NULL;
  return exports;
}
