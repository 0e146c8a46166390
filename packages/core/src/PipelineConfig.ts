import { Config, Context, Effect, Layer, Option } from "effect"
import type { PolicyMode } from "./ExecutionRequest.js"
import * as SiteNotes from "./SiteNotes.js"

export interface PipelineSettings {
  /** Attempts of generate -> analyze -> execute before a run fails on code errors. */
  readonly maxAttempts: number
  readonly policyMode: PolicyMode
  readonly timeoutMs: number
  /** Extra tries of the executor when it fails before the code could have started. */
  readonly infraRetries: number
  readonly infraRetryDelayMs: number
  /** Absolute folder holding one folder per run: code, figures, notebooks. */
  readonly runsDir: string
  /** How long a write run's preview may take: past it, the preview says so and a person reads the code. */
  readonly previewTimeoutMs: number
  /** The model's prompt (the generators' Prompt.ts): the control room's, or the rules alone. */
  readonly prompt: PromptStyle
  /** The site's facts for the model (SiteNotes.ts), in every prompt. */
  readonly siteNotes?: string
}

export const promptStyles = ["controlroom", "plain"] as const
export type PromptStyle = (typeof promptStyles)[number]

export class PipelineConfig extends Context.Tag("@pyexec/core/PipelineConfig")<PipelineConfig, PipelineSettings>() {}

export const defaults: Omit<PipelineSettings, "runsDir"> = {
  maxAttempts: 3,
  policyMode: "epics_writes",
  timeoutMs: 120_000,
  infraRetries: 2,
  infraRetryDelayMs: 500,
  previewTimeoutMs: 30_000,
  prompt: "controlroom"
}

/** Reads PYEXEC_MAX_ATTEMPTS, PYEXEC_POLICY_MODE, PYEXEC_TIMEOUT_SECONDS, PYEXEC_INFRA_RETRIES and PYEXEC_PROMPT. */
export const config = (runsDir: string) =>
  Config.all({
    maxAttempts: Config.integer("PYEXEC_MAX_ATTEMPTS").pipe(
      Config.validate({ message: "must be between 1 and 10", validation: (n) => n >= 1 && n <= 10 }),
      Config.withDefault(defaults.maxAttempts)
    ),
    policyMode: Config.literal("disabled", "epics_writes", "all_code")("PYEXEC_POLICY_MODE").pipe(
      Config.withDefault(defaults.policyMode)
    ),
    timeoutSeconds: Config.number("PYEXEC_TIMEOUT_SECONDS").pipe(
      Config.validate({ message: "must be a positive number of seconds", validation: (n) => n > 0 }),
      Config.withDefault(defaults.timeoutMs / 1000)
    ),
    infraRetries: Config.integer("PYEXEC_INFRA_RETRIES").pipe(Config.withDefault(defaults.infraRetries)),
    prompt: Config.literal(...promptStyles)("PYEXEC_PROMPT").pipe(Config.withDefault(defaults.prompt))
  }).pipe(
    Config.map(
      ({ timeoutSeconds, ...rest }): PipelineSettings => ({
        ...defaults,
        ...rest,
        timeoutMs: Math.round(timeoutSeconds * 1000),
        runsDir
      })
    )
  )

export const layerConfig = (runsDir: string) =>
  Layer.effect(
    PipelineConfig,
    Effect.map(Effect.all([config(runsDir), SiteNotes.fromEnvironment]), ([settings, notes]) =>
      PipelineConfig.of(Option.match(notes, { onNone: () => settings, onSome: (siteNotes) => ({ ...settings, siteNotes }) }))
    )
  )

export const layer = (settings: Partial<PipelineSettings> & { readonly runsDir: string }) =>
  Layer.succeed(PipelineConfig, PipelineConfig.of({ ...defaults, ...settings }))
