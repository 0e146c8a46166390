import { Command } from "@effect/cli"
import { analyze } from "./commands/analyze.js"
import { config } from "./commands/config.js"
import { ask } from "./commands/ask.js"
import { approve, cancel, reject } from "./commands/decide.js"
import { exec } from "./commands/exec.js"
import { open } from "./commands/open.js"
import { restore } from "./commands/restore.js"
import { runs, show } from "./commands/runs.js"
import { serve } from "./commands/serve.js"
import * as Configuration from "./config/Configuration.js"
import { version } from "./internal/version.js"

export const pyexec = Command.make("pyexec", Configuration.options).pipe(
  Command.withDescription("Python for the control room: generated or given code, analyzed, approved where it writes, run, and written down"),
  Command.withSubcommands([exec, ask, runs, show, open, approve, reject, cancel, restore, analyze, serve, config]),
  Configuration.locateErrors
)

export const run = Command.run(pyexec, { name: "pyexec", version })
