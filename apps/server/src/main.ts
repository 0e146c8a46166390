/**
 * The `pyexec` command's entry. `--version` answers before anything else is loaded; every other command loads
 * the CLI, which loads the modules of the command it runs.
 */
import { version } from "./internal/version.js"

const args = process.argv.slice(2)
if (args.length === 1 && args[0] === "--version") console.log(version)
else await import("./bin.js")
