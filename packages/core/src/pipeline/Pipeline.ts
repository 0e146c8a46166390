import { randomUUID } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import type { Decision } from "../Approval.js"
import { type ApprovalRefused, type CancelRefused, ExecutorNotServed, type PipelineError, type RunNotFound, type StoreError } from "../Errors.js"
import type { ExecutionRequest } from "../ExecutionRequest.js"
import { RunId } from "../Ids.js"
import type { Identity } from "../Identity.js"
import type { Run } from "../Run.js"
import type { Claim } from "../RunStore.js"
import * as RunStatus from "../RunStatus.js"
import * as Analyze from "./Analyze.js"
import * as Attempts from "./Attempts.js"
import * as Cancel from "./Cancel.js"
import { driveHeld, whileHeld } from "./Claims.js"
import * as Decisions from "./Decisions.js"
import * as Execute from "./Execute.js"
import * as Generate from "./Generate.js"
import * as Kernel from "./Kernel.js"
import * as Recovery from "./Recovery.js"
import * as Stage from "./Stage.js"
import * as Transitions from "./Transitions.js"

/**
 * The story of a run: a request becomes code (given or generated), the code is analyzed, a person approves what
 * may change the machine, the code runs, and every step is stored. Each method returns the run as stored when it
 * ends or waits for a person: how it ended is data on the run (`status`, `outcome`), which every front end shows
 * (`Outcomes.orFail` turns it into a typed error for callers who want one). The error channel holds only what
 * stopped pyexec itself, a run that does not exist, and a decision that was refused.
 */
export interface Service {
  /** Creates a run for the request and drives it in this process until it ends or waits for approval. */
  readonly run: (request: ExecutionRequest) => Effect.Effect<Run, ExecutorNotServed | RunNotFound | PipelineError>
  /** Stores a queued run for a worker to drive (the HTTP API, Slack). */
  readonly submit: (request: ExecutionRequest) => Effect.Effect<Run, ExecutorNotServed | StoreError>
  /** Applies a person's decision; an approved run then waits for a worker. */
  readonly decide: (runId: RunId, decision: Decision, decider: Identity) => Effect.Effect<Run, ApprovalRefused | RunNotFound | PipelineError>
  /** Applies a decision and drives an approved run in this process (the CLI). */
  readonly resume: (runId: RunId, decision: Decision, decider: Identity) => Effect.Effect<Run, ApprovalRefused | RunNotFound | PipelineError>
  /** Drives a stored run that is not waiting for a person; the caller holds its claim (the work loop). */
  readonly continue: (run: Run) => Effect.Effect<Run, PipelineError>
  /** Ends a run a dead process left `executing` (or runs a read-only one once more, when so configured). */
  readonly abandoned: (run: Run) => Effect.Effect<Run, PipelineError>
  /** Ends a run that waited for approval too long. */
  readonly expire: (run: Run) => Effect.Effect<Run, PipelineError>
  /** Cancels a run that has not ended (see Decisions.cancel). */
  readonly cancel: (runId: RunId, by: Identity) => Effect.Effect<Run, CancelRefused | RunNotFound | PipelineError>
}

export { LogTransitions } from "./Transitions.js"

export class Pipeline extends Context.Tag("@pyexec/core/Pipeline")<Pipeline, Service>() {}

export const make = Effect.gen(function* () {
  const kernel = yield* Kernel.make
  const transitions = Transitions.make(kernel)
  const afterCodeError = Attempts.make(kernel, transitions)
  const generate = Generate.make(kernel, transitions, afterCodeError)
  const analyze = Analyze.make(kernel, transitions, afterCodeError)
  const execute = Execute.make(kernel, transitions, afterCodeError)
  const { decide, expire, cancel } = yield* Decisions.Decisions
  const cancelling = Cancel.make(kernel, transitions)
  const abandoned = Recovery.make(kernel, transitions)
  const { store, claim, notify, executor } = kernel
  const { commit } = transitions

  /** Moves a run forward until it ends or waits for a person. */
  const drive = (run: Run): Effect.Effect<Run, PipelineError> =>
    Effect.suspend(() => {
      switch (run.status) {
        case "queued":
        case "generating":
          return Effect.flatMap(Stage.traced("generate", run, generate(run)), drive)
        case "analyzing":
          return Stage.traced("analyze", run, analyze(run)).pipe(
            Effect.flatMap((next) => (next.status === "executing" ? Stage.traced("execute", next, execute(next)) : Effect.succeed(next))),
            Effect.flatMap(drive)
          )
        case "approved":
          return Stage.traced(
            "execute",
            run,
            commit(run, { status: "executing" }, `attempt ${run.attempts.length}: executing approved code`).pipe(Effect.flatMap(execute))
          ).pipe(Effect.flatMap(drive))
        default:
          return Effect.succeed(run)
      }
    })

  const create = (request: ExecutionRequest, heldBy?: Claim): Effect.Effect<Run, ExecutorNotServed | StoreError> => {
    if (request.executor !== undefined && request.executor !== executor.kind) {
      return Effect.fail(new ExecutorNotServed({ requested: request.executor, served: executor.kind }))
    }
    const at = Kernel.now()
    return store.create({ id: RunId.make(randomUUID()), status: "queued", request, attempts: [], createdAt: at, updatedAt: at, version: 0 }, heldBy)
  }
  /** Drives a run and stops when someone asks to cancel it. */
  const watched = (run: Run) => Stage.run(run, cancelling.watched(drive)(run))
  const held = (run: Run) => driveHeld(store, claim, run, watched)

  return Pipeline.of({
    // created already held: a server polling the same store never takes the run this process is about to drive
    run: (request) => Effect.flatMap(create(request, claim), (run) => whileHeld(store, claim, run, watched)),
    submit: (request) => Effect.tap(create(request), () => notify),
    decide: (runId, decision, decider) => Stage.decision(runId, decision.verdict, decide(runId, decision, decider)),
    // approved, or sent back to the generator: drive it on from here
    resume: (runId, decision, decider) => Effect.flatMap(Stage.decision(runId, decision.verdict, decide(runId, decision, decider)), (next) => (RunStatus.isMoving(next.status) ? held(next) : Effect.succeed(next))),
    cancel,
    continue: watched,
    abandoned,
    expire
  })
})

/** The pipeline, with the decisions it applies (Decisions.ts) on the same services. */
export const layer = Layer.effect(Pipeline, make).pipe(Layer.provideMerge(Decisions.layer))
