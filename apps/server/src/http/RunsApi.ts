import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { type Approval, ApprovalRules, Executor, type Ids, Identity, Pipeline, Restore, Run, RunStatus, RunStore } from "@pyexec/core"
import { Effect, Option } from "effect"
import { Api, Caller } from "./Api.js"
import * as InputFileSources from "../internal/inputFiles.js"
import { BadRequest, Forbidden, NotFound, RunNotFound } from "./ApiErrors.js"
import { fromCore } from "./CoreErrors.js"
import { cursorOf, events } from "./Events.js"
import { figure, notebook, notebookFile } from "./Files.js"
import * as Jupyter from "./Jupyter.js"
import { toRunView, urls } from "./RunView.js"
import * as SignedLinks from "./SignedLinks.js"

const defaultLimit = 50

/** A 202 for a new run, with `Location` naming where to follow it. */
const accepted = (run: Run.Run) =>
  HttpApp.appendPreResponseHandler((_request, response) => Effect.succeed(HttpServerResponse.setHeader(response, "location", urls.run(run.id)))).pipe(
    Effect.as({ runId: run.id, status: run.status })
  )

/** The caller, if their token grants the role; 403 otherwise, before anything is read or written. */
const withRole = (role: Identity.Role) =>
  Effect.flatMap(Caller, (caller) =>
    Identity.hasRole(caller, role)
      ? Effect.succeed(caller)
      : Effect.fail(new Forbidden({ message: `${caller.name} has no ${role} role: ask for a token with it` }))
  )

export const layer = HttpApiBuilder.group(Api, "runs", (handlers) =>
  Effect.gen(function* () {
    const pipeline = yield* Pipeline.Pipeline
    const store = yield* RunStore.RunStore
    const rules = yield* ApprovalRules.ApprovalRules
    const configuredExecutor = (yield* Executor.Executor).kind
    const jupyter = yield* Jupyter.settings

    const decide = (runId: Ids.RunId, decision: Approval.Decision) =>
      Effect.gen(function* () {
        const caller = yield* withRole("approver")
        const decided = yield* pipeline.decide(runId, decision, caller).pipe(Effect.mapError(fromCore))
        return { runId: decided.id, status: decided.status }
      })

    return handlers
      .handle("submit", ({ payload }) =>
        Effect.gen(function* () {
          const caller = yield* withRole("requester")
          const { files = [], dataFiles = [], ...fields } = payload
          const data = yield* Effect.forEach(dataFiles, InputFileSources.fromDataFolder).pipe(Effect.mapError((message) => new BadRequest({ message, field: "dataFiles" })))
          const named = yield* InputFileSources.store([...files.map(({ name, content }) => ({ name, bytes: content })), ...data]).pipe(
            Effect.mapError((e) => (typeof e === "string" ? new BadRequest({ message: e, field: "files" }) : fromCore(e)))
          )
          const run = yield* pipeline.submit({ ...fields, ...named, requester: caller.name }).pipe(Effect.mapError(fromCore))
          return yield* accepted(run)
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
          // the start of an id will do, as on the command line: the CLI looks runs up here
          const run = yield* RunStore.find(store, path.id).pipe(
            Effect.mapError((e) => (e._tag === "AmbiguousRunId" ? new RunNotFound({ message: e.message }) : fromCore(e)))
          )
          const [history, audit] = yield* Effect.all([store.checkpoints(run.id), store.auditLog(run.id)], { concurrency: 2 }).pipe(
            Effect.mapError(fromCore)
          )
          return toRunView({
            run,
            history,
            audit,
            // where the code ran, else where it will: this server's executor (a request may not name another)
            executor: Run.currentAttempt(run)?.executor ?? configuredExecutor,
            youMayDecide: rules.mayDecide(run, caller),
            expiresAt: rules.expiresAt(run.updatedAt),
            link: yield* SignedLinks.forRequest,
            jupyter: Option.isSome(jupyter)
          })
        })
      )
      .handle("approve", ({ path, payload }) =>
        decide(path.id, { verdict: "approved", codeSha256: payload.codeSha256, ...(payload.comment ? { comment: payload.comment } : {}) })
      )
      // a rejection names no code: it applies to the code that waits now
      .handle("reject", ({ path, payload }) => decide(path.id, { verdict: "rejected", comment: payload.reason, ...(payload.revise ? { revise: true } : {}) }))
      // the requester or an approver; answers once the run has ended (the process that drives it stops it)
      .handle("cancel", ({ path }) =>
        Effect.gen(function* () {
          const run = yield* pipeline.cancel(path.id, yield* Caller).pipe(Effect.mapError(fromCore))
          return { runId: run.id, status: run.status }
        })
      )
      .handle("restore", ({ path }) =>
        Effect.gen(function* () {
          const caller = yield* withRole("requester")
          const original = yield* store.get(path.id).pipe(Effect.mapError(fromCore))
          const request = yield* Restore.requestFor(original, caller.name).pipe(Effect.mapError((e) => new NotFound({ message: e.message })))
          const run = yield* pipeline.submit(request).pipe(Effect.mapError(fromCore))
          return yield* accepted(run)
        })
      )
      .handle("events", ({ path, headers }) => events(path.id, cursorOf(headers["last-event-id"])))
      .handle("notebook", ({ path, urlParams }) => notebook(path.id, urlParams.attempt))
      .handle("figure", ({ path }) => figure(path.id, path.n, path.i))
      .handle("jupyter", ({ path }) =>
        Effect.gen(function* () {
          if (Option.isNone(jupyter)) {
            return yield* new NotFound({ message: "no JupyterLab is configured: set PYEXEC_JUPYTER_URL, and PYEXEC_JUPYTER_FOLDER or PYEXEC_JUPYTER_TOKEN" })
          }
          const { run, file } = yield* notebookFile(path.id, undefined)
          yield* Jupyter.publish(jupyter.value, run.id, file)
          return HttpServerResponse.redirect(Jupyter.labUrl(jupyter.value, run.id), { status: 303 })
        })
      )
      .handle("me", () => Effect.map(Caller, (caller) => ({ name: caller.name, roles: caller.roles })))
      .handle("statuses", () => Effect.succeed({ statuses: RunStatus.RunStatus.literals, groups: RunStatus.groups }))
  })
)
