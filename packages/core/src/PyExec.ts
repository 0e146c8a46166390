import { Context, Layer } from "effect"
import * as Pipeline from "./Pipeline.js"

/** The library entry: `run(request)` and `resume(runId, decision)`, as the original service offers them. */
export class PyExec extends Context.Tag("@pyexec/core/PyExec")<PyExec, Pipeline.Pipeline>() {}

export const layer = Layer.effect(PyExec, Pipeline.make)
