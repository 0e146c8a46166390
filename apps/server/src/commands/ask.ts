import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { checkGeneratorFirst } from "../AppLayer.js"
import { approveOption, executorOption, inputFileOptions, jsonOption, paramsOption, submit } from "./options.js"

export const ask = Command.make(
  "ask",
  {
    request: Args.text({ name: "REQUEST" }).pipe(Args.withDescription("what you want, in plain words")),
    model: Options.text("model").pipe(Options.optional, Options.withDescription("the model that writes the code")),
    objective: Options.text("objective").pipe(Options.optional, Options.withDescription("the task objective, if it adds to the request")),
    executor: executorOption,
    params: paramsOption,
    ...inputFileOptions,
    approve: approveOption,
    json: jsonOption
  },
  ({ request, model, objective, executor, params, files, dataFiles, approve, json }) =>
    Effect.gen(function* () {
      const fields = {
        query: request,
        ...params,
        ...Option.match(executor, { onNone: () => ({}), onSome: (e) => ({ executor: e }) }),
        ...Option.match(model, { onNone: () => ({}), onSome: (m) => ({ model: m }) }),
        ...Option.match(objective, { onNone: () => ({}), onSome: (o) => ({ taskObjective: o }) })
      }
      yield* submit(fields, { json, preApprove: approve ? {} : undefined }, { files, dataFiles }).pipe(Effect.locally(checkGeneratorFirst, true))
    })
).pipe(Command.withDescription("Have the model write code for a request, then analyze, approve and run it"))
