import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Layer } from "effect"
import * as ApprovalRules from "../ApprovalRules.js"
import * as Pipeline from "../pipeline/Pipeline.js"
import * as PipelineConfig from "../PipelineConfig.js"
import * as Policy from "../Policy.js"
import { RunStore } from "../RunStore.js"
import * as WorkerConfig from "../WorkerConfig.js"
import * as WorkSignal from "../WorkSignal.js"
import * as FakeAnalyzer from "./FakeAnalyzer.js"
import * as FakeExecutor from "./FakeExecutor.js"
import * as FakeGenerator from "./FakeGenerator.js"
import * as FakeNotebookWriter from "./FakeNotebookWriter.js"
import * as FakeRunStore from "./FakeRunStore.js"

export interface FakeKernelOptions {
  /** Default: a fresh FakeRunStore. Give several layers one instance and they share it, as processes share a database. */
  readonly store?: RunStore["Type"]
  /** The generator's script; default: none, for runs that carry their own code. */
  readonly generator?: ReadonlyArray<FakeGenerator.Reply>
  readonly analyzer?: ReadonlyArray<FakeAnalyzer.Rule>
  readonly executor?: FakeExecutor.FakeExecutorOptions
  /** Default: PipelineConfig's defaults, with 10 ms between the executor's retries. */
  readonly config?: Partial<Omit<PipelineConfig.PipelineSettings, "runsDir">>
  readonly rules?: ApprovalRules.ApprovalSettings
  /** This process's claims and work loop (RunWorker.layer runs on top of this layer). */
  readonly worker?: Partial<WorkerConfig.WorkerSettings>
}

/** A temporary runs folder for as long as the layer lasts. */
const runsFolder = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-kernel-"))),
  (folder) => Effect.sync(() => fs.rmSync(folder, { recursive: true, force: true }))
)

/**
 * One process's pipeline on fakes, and the fakes themselves (FakeExecutor, FakeGenerator, FakeAnalyzer,
 * FakeNotebookWriter) for the test to ask what they were given. Fresh fakes per build, but for a store given.
 */
export const layer = (options: FakeKernelOptions = {}) =>
  Layer.unwrapScoped(
    Effect.map(runsFolder, (runsDir) =>
      Pipeline.layer.pipe(
        Layer.provideMerge(
          Layer.mergeAll(
            options.store ? Layer.succeed(RunStore, options.store) : FakeRunStore.layer(),
            FakeGenerator.layer(options.generator ?? []),
            FakeAnalyzer.layer(options.analyzer),
            FakeExecutor.layer(options.executor),
            FakeNotebookWriter.layer(runsDir),
            Policy.layer,
            PipelineConfig.layer({ runsDir, infraRetryDelayMs: 10, ...options.config }),
            ApprovalRules.layer(options.rules),
            WorkerConfig.layer(options.worker),
            WorkSignal.layer
          )
        )
      )
    )
  )
