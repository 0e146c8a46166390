/** A tree-sitter grammar's `language` external, e.g. `require("tree-sitter-python").language`. */
export type Language = unknown

/** What to keep of a node, by symbol id: 0 leaves it and its subtree out, 1 keeps it and its kept descendants, 2 keeps it alone. */
export type Policy = Uint8Array

export declare const ERROR_SYMBOL: 65535
/** Each kept node is FIELDS numbers in `records`, in document order. */
export declare const FIELDS: 4
/** The node's symbol id. */
export declare const TYPE: 0
/** Where the node starts and ends, as JavaScript string indexes (UTF-16 code units). */
export declare const START: 1
export declare const END: 2
/** The index (in nodes, not numbers) of the first node after this node's subtree. */
export declare const NEXT: 3

/** The grammar's symbols by id: each one's name and whether it is a named node kind. */
export declare const symbols: (language: Language) => Array<[name: string, named: boolean]>

export declare const parse: (language: Language, source: string, policy: Policy) => { readonly records: Int32Array; readonly hasError: boolean }
