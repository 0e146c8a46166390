import { Context, type Effect, Schema } from "effect"
import { AttemptErrorKind } from "./Attempt.js"
import type { GenerationFailed } from "./Errors.js"
import type { ExecutionRequest } from "./ExecutionRequest.js"
import type { PromptStyle } from "./PipelineConfig.js"
import type { RunEnvironment } from "./RunEnvironment.js"

/** What an earlier attempt did wrong, for the next prompt. */
export const AttemptFeedback = Schema.Struct({
  attempt: Schema.Int,
  kind: AttemptErrorKind,
  message: Schema.String,
  code: Schema.String,
  traceback: Schema.optional(Schema.String)
})
export type AttemptFeedback = typeof AttemptFeedback.Type

export interface GenerationInput {
  readonly request: ExecutionRequest
  readonly attempt: number
  readonly feedback: ReadonlyArray<AttemptFeedback>
  /** The prompt to write (PipelineConfig.prompt; the control room's when not said). */
  readonly prompt?: PromptStyle
  /** The site's facts for the model (PipelineConfig.siteNotes). */
  readonly siteNotes?: string
  /** What the run's Python has, when the executor said (RunEnvironment.ts). */
  readonly environment?: RunEnvironment
  /** Told each piece of the reply as the model writes it, for generators that stream. */
  readonly onToken?: (text: string) => void
}

export interface GeneratedCode {
  readonly code: string
  readonly model: string
  /** The reply held no code (a refusal, a question): `code` is its text, which goes back to the model as such. */
  readonly prose?: boolean
}

export class CodeGenerator extends Context.Tag("@pyexec/core/CodeGenerator")<
  CodeGenerator,
  {
    readonly generate: (input: GenerationInput) => Effect.Effect<GeneratedCode, GenerationFailed>
  }
>() {}
