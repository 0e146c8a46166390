import { Options } from "@effect/cli"
import { Executor, Pipeline } from "@pyexec/core"
import { Effect, Layer } from "effect"
import * as AppLayer from "../AppLayer.js"
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

/** The pipeline's layers, with stage lines on stderr unless the output is JSON. */
export const withRunLayers =
  (json: boolean) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.provide(effect, json ? AppLayer.pipeline : Pipeline.layer.pipe(Layer.provide(Progress.layer), Layer.provideMerge(AppLayer.services)))

/** The store alone: for commands that only read runs. */
export const withStore = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, AppLayer.store)
