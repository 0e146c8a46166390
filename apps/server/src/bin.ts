import { ValidationError } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Cause, ConfigError, Console, Effect, Exit, Layer, Ref } from "effect"
import * as Cli from "./Cli.js"
import * as ExitCode from "./internal/ExitCode.js"

const json = process.argv.includes("--json")

/** One line that says what was wrong and what to do; with --json, also a JSON object on stdout. */
const fail = (message: string, tag: string) =>
  Effect.gen(function* () {
    yield* Console.error(`pyexec: ${message}`)
    if (json) yield* Console.log(JSON.stringify({ error: { type: tag, message } }))
    yield* ExitCode.set(ExitCode.codes.error)
  })

const program = Cli.run(process.argv).pipe(
  Effect.catchAll((error) => {
    if (ValidationError.isValidationError(error)) return ExitCode.set(ExitCode.codes.error) // @effect/cli printed it
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
  // Exit as soon as the command is done: finalizers have run, nothing is left to wait for.
  teardown: (exit, onExit) => {
    const code = Exit.isSuccess(exit) ? (exit.value as number) : Exit.isInterrupted(exit) ? 130 : 70
    onExit(code)
    process.exit(code)
  }
})
