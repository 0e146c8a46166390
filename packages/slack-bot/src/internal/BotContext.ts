import type { ApprovalRules, Executor, Pipeline, RunStore } from "@pyexec/core"
import type { Effect, Exit } from "effect"
import type { SlackSettings } from "../SlackConfig.js"

/** The services the listeners reach through the bot. */
export type BotServices = Pipeline.Pipeline | RunStore.RunStore | ApprovalRules.ApprovalRules

/** What every listener gets: the settings, a way into the server's services, the public address, a logger. */
export interface BotContext {
  readonly settings: SlackSettings
  /** Runs an effect on the server's services (the listeners are Bolt's promise-based functions). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, BotServices>) => Promise<Exit.Exit<A, E>>
  /** The base of links to the review page and notebooks, once the server listens. */
  readonly publicUrl: Effect.Effect<string>
  /** Where the server runs code (a request may name another). */
  readonly executor: Executor.ExecutorKind
  /** Logs a problem with the secrets redacted. */
  readonly warn: (message: string, error?: unknown) => void
}
