import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The tests run the `pyexec` command users run: the bundle, built from the sources under test first. */
export default function setup() {
  execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-cli.mjs", import.meta.url))], { stdio: "inherit" })
}
