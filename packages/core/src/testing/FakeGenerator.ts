import { Context, Effect, Layer } from "effect"
import { CodeGenerator, type GenerationInput } from "../CodeGenerator.js"
import { GenerationFailed } from "../Errors.js"

/**
 * How a reply streams, as a generator that streams tells it (GenerationInput.onToken): these pieces, one every
 * `everyMillis`, before the answer (or the failure) comes.
 */
export interface Streamed {
  readonly pieces: ReadonlyArray<string>
  readonly everyMillis: number
}

/** One answer of the script: code, or the failure a real generator gives; either may stream first. */
export type Reply = (
  | { readonly code: string; readonly model?: string; readonly prose?: boolean }
  | { readonly fail: GenerationFailed["reason"]; readonly message?: string }
) & { readonly stream?: Streamed }

/** The fake as a test sees it: a CodeGenerator that remembers what it was asked, feedback included. */
export class FakeGenerator extends Context.Tag("@pyexec/core/testing/FakeGenerator")<
  FakeGenerator,
  CodeGenerator["Type"] & { readonly inputs: () => ReadonlyArray<GenerationInput> }
>() {}

/** Answers the n-th call with the n-th reply of the script. */
export const make = (script: ReadonlyArray<Reply>): FakeGenerator["Type"] => {
  const inputs: Array<GenerationInput> = []
  return FakeGenerator.of({
    inputs: () => [...inputs],
    generate: (input) =>
      Effect.gen(function* () {
        // (without its callback, which does not clone)
        const { onToken: _, ...asked } = input
        inputs.push(structuredClone(asked))
        const reply = script[inputs.length - 1]
        if (!reply) {
          return yield* new GenerationFailed({
            reason: "empty-reply",
            message: `the fake generator's script has ${script.length} replies and this is call ${inputs.length} (attempt ${input.attempt}): the script ran out`
          })
        }
        for (const piece of reply.stream?.pieces ?? []) {
          yield* Effect.sleep(reply.stream!.everyMillis)
          input.onToken?.(piece)
        }
        if ("fail" in reply) return yield* new GenerationFailed({ reason: reply.fail, message: reply.message ?? `the fake generator failed: ${reply.fail}` })
        return { code: reply.code, model: reply.model ?? "fake", ...(reply.prose ? { prose: true } : {}) }
      })
  })
}

/** Provides the fake both as the CodeGenerator and as FakeGenerator (for `inputs()`); a fresh one per build. */
export const layer = (script: ReadonlyArray<Reply>): Layer.Layer<CodeGenerator | FakeGenerator> =>
  Layer.effectContext(
    Effect.sync(() => {
      const fake = make(script)
      return Context.make(CodeGenerator, fake).pipe(Context.add(FakeGenerator, fake))
    })
  )
