import { Effect, Option } from "effect"
import { Analyzer } from "../Analyzer.js"
import * as ApprovalRules from "../ApprovalRules.js"
import { CodeGenerator } from "../CodeGenerator.js"
import { Executor } from "../Executor.js"
import { NotebookWriter } from "../NotebookWriter.js"
import { PipelineConfig } from "../PipelineConfig.js"
import { Policy } from "../Policy.js"
import { RunObserver } from "../RunObserver.js"
import { type Claim, RunStore } from "../RunStore.js"
import * as WorkerConfig from "../WorkerConfig.js"
import { WorkSignal } from "../WorkSignal.js"

/** What storing transitions and deciding need: the store, the notebooks, the rules, and who to tell. */
export const records = Effect.gen(function* () {
  const signal = yield* Effect.serviceOption(WorkSignal)
  return {
    store: yield* RunStore,
    notebooks: yield* NotebookWriter,
    observer: yield* Effect.serviceOption(RunObserver),
    rules: Option.getOrElse(yield* Effect.serviceOption(ApprovalRules.ApprovalRules), () => ApprovalRules.make({ approvers: [], fourEyes: false })),
    /** Wakes this process's workers: a run may be ready. */
    notify: Option.match(signal, { onNone: () => Effect.void, onSome: (s) => s.notify })
  }
})

export type Records = Effect.Effect.Success<typeof records>

/** How this process holds the runs it drives: its worker's name and lease. */
export const claim = Effect.map(
  Effect.serviceOption(WorkerConfig.WorkerConfig),
  (settings): Claim =>
    Option.match(settings, {
      onNone: () => ({ worker: WorkerConfig.workerName(), leaseMs: WorkerConfig.defaults.leaseMs }),
      onSome: (s) => ({ worker: s.worker, leaseMs: s.leaseMs })
    })
)

/** The services and settings every stage of the pipeline works with, gathered once. */
export const make = Effect.gen(function* () {
  const workerSettings = yield* Effect.serviceOption(WorkerConfig.WorkerConfig)
  return {
    ...(yield* records),
    generator: yield* CodeGenerator,
    analyzer: yield* Analyzer,
    policy: yield* Policy,
    executor: yield* Executor,
    config: yield* PipelineConfig,
    /** How this process holds the runs it drives. */
    claim: yield* claim,
    retryInterruptedReadOnly: Option.exists(workerSettings, (s) => s.retryInterruptedReadOnly)
  }
})

export type Kernel = Effect.Effect.Success<typeof make>

export const now = () => new Date().toISOString()
