import { Schema } from "effect"
import type { ChatMessage } from "../Prompt.js"
import type { GenerationSettings } from "../GenerationSettings.js"

/**
 * The model host's protocol: one JSON object a line, pyexec to the host on its stdin, the host to pyexec on its
 * stdout (stderr is the host's log). The host's one argument is its `HostOptions` as JSON.
 */
export interface HostOptions {
  readonly modelPath: string
  readonly threads: number
  readonly contextSize: number
}

/** pyexec to the host: generate a reply (one at a time, in order), or stop one. */
export type Request =
  | { readonly type: "generate"; readonly id: number; readonly messages: ReadonlyArray<ChatMessage>; readonly settings: GenerationSettings }
  | { readonly type: "cancel"; readonly id: number }

/** The host to pyexec: loaded (or not), then each reply's pieces as they come and its end. */
export const Reply = Schema.Union(
  Schema.Struct({
    type: Schema.Literal("ready"),
    loadMs: Schema.Number,
    /** Whether the host could open a TCP connection: "none" in its sandbox. */
    network: Schema.Literal("none", "reachable"),
    uid: Schema.Number
  }),
  Schema.Struct({ type: Schema.Literal("failed"), message: Schema.String }),
  Schema.Struct({ type: Schema.Literal("token"), id: Schema.Number, text: Schema.String }),
  Schema.Struct({ type: Schema.Literal("done"), id: Schema.Number, text: Schema.String, tokens: Schema.Number, stopReason: Schema.String }),
  Schema.Struct({ type: Schema.Literal("error"), id: Schema.Number, message: Schema.String })
)
export type Reply = typeof Reply.Type
export type Ready = Extract<Reply, { type: "ready" }>

export const decodeReply = Schema.decodeUnknownEither(Schema.parseJson(Reply))
