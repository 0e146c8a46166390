import { Args, Command, Options } from "@effect/cli"
import { Ids, RunStatus, RunStore } from "@pyexec/core"
import { Console, Effect, Option } from "effect"
import * as RemoteRuns from "../http/RemoteRuns.js"
import { toDetail } from "../internal/report.js"
import { jsonOption, withStore } from "./options.js"

const age = (iso: string) => {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000))
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.round(s / 60)}m` : s < 86_400 ? `${Math.round(s / 3600)}h` : `${Math.round(s / 86_400)}d`
}

/** A run's id, as `pyexec runs` lists it, or its start (the 8 characters of the progress lines), if only one run's id starts so. */
export const runIdArg = Args.text({ name: "RUN_ID" }).pipe(
  Args.withDescription("the run's id, as `pyexec runs` lists it, or the start of it"),
  Args.withSchema(Ids.RunId)
)

const wholeId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The command on the run a typed id means: a whole id as it is, the start of one looked up (here, or on the server). */
export const withRunId = <A, E, R>(typed: Ids.RunId, use: (runId: Ids.RunId) => Effect.Effect<A, E, R>) =>
  wholeId.test(typed)
    ? use(typed)
    : RemoteRuns.choose({
        here: Effect.flatMap(RunStore.RunStore, (store) => RunStore.find(store, typed)).pipe(withStore),
        there: (server) => server.view(typed)
      }).pipe(Effect.flatMap((run) => use(run.id)))

export const runs = Command.make(
  "runs",
  {
    status: Options.choice("status", RunStatus.RunStatus.literals).pipe(Options.optional, Options.withDescription("only runs in this status")),
    limit: Options.integer("limit").pipe(Options.withDefault(20)),
    json: jsonOption
  },
  ({ status, limit, json }) =>
    Effect.gen(function* () {
      const filter = { limit, ...Option.match(status, { onNone: () => ({}), onSome: (s) => ({ status: s }) }) }
      const list = yield* RemoteRuns.choose({
        here: Effect.flatMap(RunStore.RunStore, (store) => store.list(filter)).pipe(withStore),
        there: (server) => server.list(filter)
      })
      if (json) return yield* Console.log(JSON.stringify(list))
      if (list.length === 0) return yield* Console.log("no runs yet: start one with `pyexec exec FILE` or `pyexec ask \"...\"`")
      for (const r of list) {
        yield* Console.log(`${r.id}  ${r.status.padEnd(17)} ${String(r.attempts).padStart(2)}  ${age(r.createdAt).padStart(4)}  ${r.requester}  ${r.title}`)
      }
    })
).pipe(Command.withDescription("List recent runs, newest first"))

export const show = Command.make(
  "show",
  { runId: runIdArg, json: jsonOption },
  ({ runId: typed, json }) =>
    RemoteRuns.choose({
      here: Effect.flatMap(RunStore.RunStore, (store) => RunStore.find(store, typed)).pipe(
        Effect.flatMap((run) => Console.log(json ? JSON.stringify(run) : toDetail(run))),
        withStore
      ),
      // with --json, the server's view of the run (history and audit log included)
      there: (server) =>
        Effect.flatMap(server.view(typed), (view) =>
          Console.log(
            json
              ? JSON.stringify(view)
              : `${toDetail(RemoteRuns.runOf(view, server.server))}${view.jupyter ? `\nopen in JupyterLab: ${server.server}${view.jupyter}` : ""}`
          )
        )
    })
).pipe(Command.withDescription("Show a run: code with findings at their lines, attempts, decision, notebook"))
