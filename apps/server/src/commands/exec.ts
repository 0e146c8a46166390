import * as fs from "node:fs/promises"
import { Args, Command } from "@effect/cli"
import { ExecutionRequest, Parameters, sha256 } from "@pyexec/core"
import { Effect, Either, Option } from "effect"
import { CliError } from "../internal/CliError.js"
import { approveOption, executorOption, inputFileOptions, jsonOption, paramsOption, submit } from "./options.js"

/** The file's code, checked as every request's code is (ExecutionRequest.decodeCode) before anything is stored. */
const readCode = (file: string) =>
  Effect.tryPromise({
    try: async () => {
      const handle = await fs.open(file)
      try {
        // a file over the limit is refused without reading it
        const { size } = await handle.stat()
        return { size, bytes: size > ExecutionRequest.maxCodeBytes ? new Uint8Array() : await handle.readFile() }
      } finally {
        await handle.close()
      }
    },
    catch: (e) => {
      const code = (e as NodeJS.ErrnoException).code
      const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : String(e)
      return new CliError({ message: `cannot read ${file}: ${why}. Pass the path of a Python file` })
    }
  }).pipe(
    Effect.flatMap(({ size, bytes }) => Either.mapLeft(ExecutionRequest.decodeCode(bytes, size), (problem) => new CliError({ message: `${file} ${problem}` }))),
    Effect.filterOrFail(
      (code) => code.trim().length > 0,
      () => new CliError({ message: `${file} is empty: there is no code to run` })
    )
  )

export const exec = Command.make(
  "exec",
  {
    file: Args.text({ name: "FILE" }).pipe(Args.withDescription("a Python file to run")),
    executor: executorOption,
    params: paramsOption,
    ...inputFileOptions,
    approve: approveOption,
    json: jsonOption
  },
  ({ file, executor, params, files, dataFiles, approve, json }) =>
    Effect.gen(function* () {
      const code = yield* readCode(file)
      const fields = { code, ...params, ...Option.match(executor, { onNone: () => ({}), onSome: (e) => ({ executor: e }) }) }
      // what is approved is the code as it runs: with the parameters' assignments above it
      yield* submit(fields, { json, preApprove: approve ? { codeSha256: sha256(Parameters.withParameters(params.parameters, code)) } : undefined }, { files, dataFiles })
    })
).pipe(Command.withDescription("Run a Python file through analysis, approval and execution"))
