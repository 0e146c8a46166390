/**
 * The `pyexec` command's entry. `--version` answers before anything else is loaded; every other command runs
 * the CLI's bundle (src/bin.ts, bundled next to this file) from V8's code cache.
 */
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { runWithCodeCache } from "./internal/codeCache.js"
import { version } from "./internal/version.js"

/** The CLI bundle's file name, which holds its content's hash; set by scripts/build-cli.mjs. */
declare const PYEXEC_CLI_BUNDLE: string

const args = process.argv.slice(2)
if (args.length === 1 && args[0] === "--version") console.log(version)
else runWithCodeCache(path.join(path.dirname(fileURLToPath(import.meta.url)), PYEXEC_CLI_BUNDLE))
