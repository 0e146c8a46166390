import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { type ExecutionRequest, Executor, Parameters, Pipeline } from "@pyexec/core"
import { Effect, Layer } from "effect"
import * as AppLayer from "../AppLayer.js"
import * as RemoteRuns from "../http/RemoteRuns.js"
import { CliError } from "../internal/CliError.js"
import { answer, decodeRequest, type PreApproval, runRequest, whoAmI } from "../internal/drive.js"
import { submitAndFollow } from "../internal/follow.js"
import * as InputFileSources from "../internal/inputFiles.js"
import * as Progress from "../internal/Progress.js"

export const jsonOption = Options.boolean("json").pipe(Options.withDescription("print one JSON object on stdout"))

export const approveOption = Options.boolean("approve").pipe(
  Options.withDescription("approve, as the person at this terminal, the code if it needs approval")
)

/** Where the code runs: the configured executor (PYEXEC_EXECUTOR); naming another is refused, not silently ignored. */
export const executorOption = Options.choice("executor", Executor.ExecutorKind.literals).pipe(
  Options.optional,
  Options.withDescription("the executor the code must run on (default: the configured one, PYEXEC_EXECUTOR); another is refused")
)

/** `--param NAME=VALUE`, repeated: the request's parameters (core's Parameters.ts), checked as the API checks them. */
export const paramsOption = Options.text("param").pipe(
  Options.repeated,
  Options.withDescription("a value set before the code runs, NAME=VALUE (VALUE as JSON, or a plain string); repeat for more"),
  Options.mapEffect((given) => {
    const parameters: Record<string, unknown> = {}
    for (const argument of given) {
      const parsed = Parameters.fromArgument(argument)
      if (typeof parsed === "string") return Effect.fail(ValidationError.invalidValue(HelpDoc.p(parsed)))
      parameters[parsed[0]] = parsed[1]
    }
    return Effect.succeed(given.length === 0 ? {} : { parameters })
  })
)

/** `--file PATH` and `--data-file NAME`, repeated: the request's input files (core's InputFiles.ts). */
export const inputFileOptions = {
  files: Options.text("file").pipe(
    Options.repeated,
    Options.withDescription("a file put in the run's folder before the code runs, under its own name; repeat for more")
  ),
  dataFiles: Options.text("data-file").pipe(
    Options.repeated,
    Options.withDescription("a file of the data folder (PYEXEC_DATA_FOLDER, of the server when there is one) put in the run's folder; repeat for more")
  )
}

export interface InputFileArguments {
  readonly files: ReadonlyArray<string>
  readonly dataFiles: ReadonlyArray<string>
}

const asCliError = (message: string) => new CliError({ message })

/** The pipeline's layers, with stage lines on stderr unless the output is JSON. */
export const withRunLayers =
  (json: boolean) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.provide(effect, json ? AppLayer.pipeline : Pipeline.layer.pipe(Layer.provide(Progress.layer), Layer.provideMerge(AppLayer.services)))

/**
 * `exec` and `ask`: the request, checked as the API checks it before anything is stored, then submitted to the
 * server (PYEXEC_SERVER, or the one serving this home) and followed, or run here when there is none. Either
 * way the answer is the run as it settled, and the exit status says how.
 */
export const submit = (
  fields: Omit<ExecutionRequest.ExecutionRequest, "requester">,
  options: { readonly json: boolean; readonly preApprove: PreApproval | undefined },
  inputs: InputFileArguments = { files: [], dataFiles: [] }
) =>
  Effect.gen(function* () {
    const request = yield* decodeRequest({ ...fields, requester: yield* whoAmI })
    const given = yield* Effect.forEach(inputs.files, InputFileSources.fromPath).pipe(Effect.mapError(asCliError))
    const here = Effect.gen(function* () {
      const data = yield* Effect.forEach(inputs.dataFiles, InputFileSources.fromDataFolder).pipe(Effect.mapError(asCliError))
      const named = yield* InputFileSources.store([...given, ...data]).pipe(Effect.mapError((e) => (typeof e === "string" ? asCliError(e) : e)))
      return yield* runRequest({ ...request, ...named }, options.preApprove)
    }).pipe(withRunLayers(options.json))
    const run = yield* RemoteRuns.choose({
      here,
      // the server reads the data folder it is configured with
      there: (server) =>
        submitAndFollow(
          server,
          {
            ...fields,
            ...(given.length > 0 ? { files: given.map(({ name, bytes }) => ({ name, content: bytes })) } : {}),
            ...(inputs.dataFiles.length > 0 ? { dataFiles: inputs.dataFiles } : {})
          },
          options
        )
    })
    yield* answer(run, options.json)
  })

/** The store alone: for commands that only read runs. */
export const withStore = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, AppLayer.store)
