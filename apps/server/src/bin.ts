import { ValidationError } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, ConfigError, Console, Effect, Exit, Layer, Ref } from "effect"
import * as Cli from "./Cli.js"
import * as Configuration from "./config/Configuration.js"
import * as ExitCode from "./internal/ExitCode.js"
import * as Logging from "./internal/Logging.js"
import * as Tracing from "./internal/Tracing.js"

const json = process.argv.includes("--json")

/**
 * The exit status when a command cannot do its job (bad input, setup). `pyexec analyze` exits as linters do
 * (0 clean, 1 findings that hold a file back, 2 bad input), so its errors, also those @effect/cli reports
 * (a bad --format, no PATH), exit 2; every other command keeps 3. The subcommand is the first word that is
 * not an option (nor the file of --config).
 */
const args = process.argv.slice(2)
const command = args.find((arg, i) => !arg.startsWith("-") && args[i - 1] !== "--config")
const errorExit = command === "analyze" ? ExitCode.analyzeCodes.usage : ExitCode.codes.error

/** One line that says what was wrong and what to do; with --json, also a JSON object on stdout. */
const fail = (message: string, tag: string) =>
  Effect.gen(function* () {
    yield* Console.error(`pyexec: ${message}`)
    if (json) yield* Console.log(JSON.stringify({ error: { type: tag, message } }))
    yield* ExitCode.set(errorExit)
  })

const program = Cli.run(process.argv).pipe(
  Effect.provide(Layer.merge(Logging.layer(command), Tracing.layer)),
  Effect.provide(Configuration.layer(args)),
  Effect.catchAll((error) => {
    if (ValidationError.isValidationError(error)) return ExitCode.set(errorExit) // @effect/cli printed it
    if (ConfigError.isConfigError(error)) return fail(`configuration: ${error.toString().replace(/^\((.*)\)$/s, "$1")}`, "ConfigError")
    const tagged = error as { _tag?: string; message?: string }
    return fail(tagged.message ?? String(error), tagged._tag ?? "Error")
  }),
  Effect.catchAllDefect((defect) => fail(`internal error: ${Cause.pretty(Cause.die(defect))}`, "Defect")),
  Effect.zipRight(Effect.flatMap(ExitCode.ExitCode, Ref.get)),
  Effect.provide(Layer.mergeAll(NodeContext.layer, Layer.effect(ExitCode.ExitCode, Ref.make<number>(ExitCode.codes.ok))))
)

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  disablePrettyLogger: true, // internal/Logging.ts's is used
  // Exit as soon as the command is done: finalizers have run, nothing is left to wait for but the output. A write
  // to a pipe that is full is queued, and process.exit drops the queue; an empty write's callback runs after it.
  // (The runtime's own onExit calls process.exit at once for a non-zero code: it is not called.)
  teardown: (exit) => {
    const code = Exit.isSuccess(exit) ? (exit.value as number) : Exit.isInterrupted(exit) ? 130 : 70
    const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.write("", () => resolve())))
    void Promise.all([flushed(process.stdout), flushed(process.stderr)]).finally(() => process.exit(code))
  }
})
