{
  "targets": [
    {
      "target_name": "python_tree",
      "sources": ["src/flatten.c", "src/arena.c", "src/tree_sitter.c"],
      "include_dirs": ["node_modules/tree-sitter/vendor/tree-sitter/lib/include", "node_modules/tree-sitter/vendor/tree-sitter/lib/src"],
      "defines": ["NAPI_VERSION=8", "_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE"],
      "cflags_c": ["-std=c11", "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "cflags!": ["-fno-omit-frame-pointer"]
    }
  ]
}
