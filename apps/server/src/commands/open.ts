import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Command, Options } from "@effect/cli"
import { Config, Console, Effect, Option } from "effect"
import * as RemoteRuns from "../http/RemoteRuns.js"
import { urls } from "../http/RunView.js"
import { CliError } from "../internal/CliError.js"
import { runIdArg } from "./runs.js"

const printOption = Options.boolean("print").pipe(Options.withDescription("print the page's address (it signs in) instead of opening it"))

/** `$BROWSER` (its first entry, as xdg-open reads it), else the desktop's opener. */
const opener = Effect.map(Config.option(Config.string("BROWSER")), (browser) =>
  Option.getOrElse(
    Option.filter(Option.map(browser, (b) => b.split(":")[0]!.trim()), (b) => b !== ""),
    () => (process.platform === "darwin" ? "open" : "xdg-open")
  )
)

/**
 * The browser gets a file that forwards to the page, not the page's address: an address on a command line is
 * readable by every user of the machine (/proc/PID/cmdline), and this one holds the token. The file is readable
 * by its owner only and removed a minute later (Jupyter does the same).
 */
const forwardingFile = (url: string, runtimeFolder: string) => {
  const folder = fs.mkdtempSync(path.join(runtimeFolder, "pyexec-open-"))
  const file = path.join(folder, "open.html")
  const quoted = url.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;")
  fs.writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${quoted}"><title>pyexec</title><a href="${quoted}">Open the run in pyexec</a>\n`,
    { mode: 0o600 }
  )
  const removal = `setTimeout(() => require("node:fs").rmSync(process.argv[1], { recursive: true, force: true }), 60000)`
  spawn(process.execPath, ["-e", removal, folder], { detached: true, stdio: "ignore" }).unref()
  return file
}

const launch = (command: string, file: string) =>
  Effect.async<void, CliError>((resume) => {
    const child = spawn(command, [file], { stdio: "ignore", detached: true })
    child.once("error", (e) =>
      resume(Effect.fail(new CliError({ message: `cannot start ${command} (${(e as NodeJS.ErrnoException).code ?? e.message}): set BROWSER, or use --print` })))
    )
    child.once("spawn", () => {
      child.unref()
      resume(Effect.void)
    })
  })

/** Opens a run's review page, signed in: on PYEXEC_SERVER, else on the `pyexec serve` of this home. */
export const open = Command.make("open", { runId: runIdArg, print: printOption }, ({ runId: typed, print }) =>
  RemoteRuns.choose({
    here: Effect.fail(new CliError({ message: "no pyexec server serves this home's runs: start `pyexec serve`, or set PYEXEC_SERVER" })),
    there: (server) =>
      Effect.gen(function* () {
        const url = server.pageUrl(urls.page((yield* server.view(typed)).id))
        if (print) return yield* Console.log(url)
        const runtimeFolder = yield* Config.string("XDG_RUNTIME_DIR").pipe(Config.withDefault(os.tmpdir()))
        yield* launch(yield* opener, forwardingFile(url, runtimeFolder))
      })
  })
).pipe(Command.withDescription("Open a run's review page in the browser, signed in (--print: print its address)"))
