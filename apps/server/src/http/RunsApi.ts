import { HttpApiBuilder } from "@effect/platform"
import { type Approval, ApprovalRules, ExecutionRequest, Executor, Identity, PyExec, Run, RunStore } from "@pyexec/core"
import { Effect, Schema } from "effect"
import { Api, Caller } from "./Api.js"
import { Forbidden } from "./ApiErrors.js"
import { fromCore } from "./CoreErrors.js"
import { events } from "./Events.js"
import { figure, notebook } from "./Files.js"
import { toRunView } from "./RunView.js"

const defaultLimit = 50

/** The caller, if their token grants the role; 403 otherwise, before anything is read or written. */
const withRole = (role: Identity.Role) =>
  Effect.flatMap(Caller, (caller) =>
    Identity.hasRole(caller, role)
      ? Effect.succeed(caller)
      : Effect.fail(new Forbidden({ message: `${caller.name} has no ${role} role: ask for a token with it` }))
  )

const isExecutorKind = Schema.is(ExecutionRequest.ExecutorKind)

export const layer = HttpApiBuilder.group(Api, "runs", (handlers) =>
  Effect.gen(function* () {
    const pyexec = yield* PyExec.PyExec
    const store = yield* RunStore.RunStore
    const rules = yield* ApprovalRules.ApprovalRules
    const executor = yield* Executor.Executor
    const configuredExecutor = isExecutorKind(executor.kind) ? executor.kind : "local"

    const decide = (runId: string, decision: Omit<Approval.ApprovalDecision, "runId" | "decidedBy" | "decidedAt">) =>
      Effect.gen(function* () {
        const caller = yield* withRole("approver")
        const decided = yield* pyexec
          .decide(runId, { ...decision, runId, decidedBy: caller.name, decidedAt: new Date().toISOString() }, caller)
          .pipe(Effect.mapError(fromCore))
        return { runId: decided.id, status: decided.status }
      })

    return handlers
      .handle("submit", ({ payload }) =>
        Effect.gen(function* () {
          const caller = yield* withRole("requester")
          const run = yield* pyexec.submit({ ...payload, requester: caller.name }).pipe(Effect.mapError(fromCore))
          return { runId: run.id, status: run.status }
        })
      )
      .handle("list", ({ urlParams }) =>
        Effect.gen(function* () {
          const filter = { ...urlParams, limit: urlParams.limit ?? defaultLimit, offset: urlParams.offset ?? 0 }
          const [runs, total] = yield* Effect.all([store.list(filter), store.count(filter)], { concurrency: 2 }).pipe(
            Effect.mapError(fromCore)
          )
          return { runs, total, limit: filter.limit, offset: filter.offset }
        })
      )
      .handle("get", ({ path }) =>
        Effect.gen(function* () {
          const caller = yield* Caller
          const [run, history, audit] = yield* Effect.all([store.get(path.id), store.checkpoints(path.id), store.auditLog(path.id)], {
            concurrency: 3
          }).pipe(Effect.mapError(fromCore))
          return toRunView({
            run,
            history,
            audit,
            executor: run.request.executor ?? configuredExecutor,
            youMayDecide: rules.mayDecide(run, caller),
            expiresAt: rules.expiresAt(run.updatedAt)
          })
        })
      )
      .handle("approve", ({ path, payload }) =>
        decide(path.id, { verdict: "approved", codeSha256: payload.codeSha256, ...(payload.comment ? { comment: payload.comment } : {}) })
      )
      .handle("reject", ({ path, payload }) =>
        Effect.gen(function* () {
          yield* withRole("approver")
          const run = yield* store.get(path.id).pipe(Effect.mapError(fromCore))
          // a rejection names no code: it applies to the code that waits now
          const codeSha256 = Run.currentAttempt(run)?.codeSha256 ?? ""
          return yield* decide(path.id, { verdict: "rejected", codeSha256, comment: payload.reason })
        })
      )
      .handle("events", ({ path, headers }) => events(path.id, headers["last-event-id"] ?? -1))
      .handle("notebook", ({ path, urlParams }) => notebook(path.id, urlParams.attempt))
      .handle("figure", ({ path }) => figure(path.id, path.n, path.i))
      .handle("me", () => Effect.map(Caller, (caller) => ({ name: caller.name, roles: caller.roles })))
  })
)
