import * as fs from "node:fs/promises"
import { type Executor, Run, RunObserver, RunOutput, RunStatus, RunStore } from "@pyexec/core"
import type { webApi } from "@slack/bolt"
import { Cause, Effect, Layer, Queue } from "effect"
import type { RunLinks } from "./blocks/links.js"
import { resultsMessage } from "./blocks/results.js"
import { cardOf } from "./internal/card.js"
import { makeClient } from "./internal/client.js"
import { redactingLogger, writeWith } from "./internal/logger.js"
import { redactor } from "./internal/redact.js"
import { type SlackSettings, secretsOf } from "./SlackConfig.js"


type Origin = NonNullable<Run.Run["request"]["origin"]>

const call = <A>(what: string, f: () => Promise<A>) => Effect.tryPromise({ try: f, catch: (e) => new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`) })

/** The results in the thread of the run's message, then each figure as an image (the files.uploadV2 flow). */
const postResults = (client: webApi.WebClient, run: Run.Run, origin: Origin, links: RunLinks) =>
  Effect.gen(function* () {
    const message = resultsMessage(run, links)
    yield* call("chat.postMessage", () =>
      client.chat.postMessage({ channel: origin.channel, thread_ts: origin.ts, text: message.text, blocks: [...message.blocks] })
    )
    const figures = Run.currentAttempt(run)?.result?.figures ?? []
    if (figures.length === 0) return
    const files = yield* call("reading the figures", () => Promise.all(figures.map((f) => fs.readFile(f))))
    yield* call("files.uploadV2", () =>
      client.filesUploadV2({
        channel_id: origin.channel,
        thread_ts: origin.ts,
        file_uploads: files.map((file, i) => ({
          file,
          filename: `run-${run.id.slice(0, 8)}-figure-${i + 1}.png`,
          title: `Figure ${i + 1} of run ${run.id.slice(0, 8)}`,
          alt_text: `Figure ${i + 1} the code of run ${run.id.slice(0, 8)} drew`
        }))
      })
    )
  })

/** At most one live-output update of a run's message this often (chat.update is Tier 3: about 50 a minute). */
export const liveUpdateMillis = 2_500
/** The end of the output (or of the model's reply) a card may show, kept per run that executes (or generates). */
const liveTailChars = 4_000

type Job = { readonly _tag: "transition"; readonly run: Run.Run } | { readonly _tag: "live"; readonly runId: Run.Run["id"]; readonly origin: Origin }

/**
 * Keeps the Slack message of each run asked in Slack up to date: every transition this process commits is
 * queued and handled in order in the background (the pipeline never waits on Slack, and a Slack error only
 * gets logged). Each update renders the run as the store has it then, so a late update never shows an older
 * state; the transition into an end posts the results in the message's thread. While the model writes the code,
 * the card shows the end of its reply, and while the code runs, the end of its output, updated at most every 2.5 s;
 * an update due after the run left generating (executing) is dropped, so the card of its next step stays.
 */
export const layer = (settings: SlackSettings, publicUrl: Effect.Effect<string>, executor: Executor.ExecutorKind) =>
  Layer.scoped(
    RunObserver.RunObserver,
    Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      // the approval rules, when configured (for the expiry on the card)
      const services = yield* Effect.context<never>()
      const scope = yield* Effect.scope
      const redact = redactor(secretsOf(settings))
      const client = makeClient(settings, redactingLogger(redact, writeWith(yield* Effect.runtime<never>())))
      const queue = yield* Queue.unbounded<Job>()
      /** Per running run: its attempt and phase, the end of its output, whether an update is due, when the last one went. */
      const live = new Map<Run.Run["id"], { attempt: number; phase: RunOutput.Phase; tail: string; due: boolean; lastAt: number }>()
      /** The live output to show on the run's card as it is now: only while the model or code that wrote it still writes. */
      const liveOf = (run: Run.Run) => {
        const entry = live.get(run.id)
        return entry && RunOutput.isWriting(entry.phase, entry.attempt, run.status, Run.currentAttempt(run)?.number ?? 0)
          ? { phase: entry.phase, text: entry.tail }
          : undefined
      }

      const failed = (runId: string) => (cause: Cause.Cause<unknown>) =>
        Effect.logWarning(redact(`slack: updating the message of run ${runId} failed: ${Cause.pretty(cause).split("\n")[0]}`))

      const update = (committed: Run.Run, origin: Origin) =>
        Effect.gen(function* () {
          const latest = yield* store.get(committed.id)
          const { message, links } = yield* cardOf(latest, { publicUrl, executor }, true, liveOf(latest)).pipe(Effect.provide(services))
          yield* call("chat.update", () => client.chat.update({ channel: origin.channel, ts: origin.ts, text: message.text, blocks: [...message.blocks] }))
          if (RunStatus.isEnded(committed.status)) yield* postResults(client, latest, origin, links)
        }).pipe(Effect.catchAllCause(failed(committed.id)))

      const liveUpdate = (runId: Run.Run["id"], origin: Origin) =>
        Effect.gen(function* () {
          const entry = live.get(runId)
          if (!entry) return
          entry.due = false
          entry.lastAt = Date.now()
          const latest = yield* store.get(runId)
          // the run moved on: its transition's update shows it as it is now
          const output = liveOf(latest)
          if (!output) return
          const { message } = yield* cardOf(latest, { publicUrl, executor }, true, output).pipe(Effect.provide(services))
          yield* call("chat.update", () => client.chat.update({ channel: origin.channel, ts: origin.ts, text: message.text, blocks: [...message.blocks] }))
        }).pipe(Effect.catchAllCause(failed(runId)))

      yield* Queue.take(queue).pipe(
        Effect.flatMap((job) =>
          job._tag === "live" ? liveUpdate(job.runId, job.origin) : job.run.request.origin ? update(job.run, job.run.request.origin) : Effect.void
        ),
        Effect.forever,
        Effect.forkScoped
      )
      return RunObserver.RunObserver.of({
        onTransition: (run) =>
          Effect.suspend(() => {
            if (run.request.origin?.kind !== "slack") return Effect.void
            if (!RunOutput.phases.some((phase) => RunOutput.statusFor[phase] === run.status)) live.delete(run.id)
            return Queue.offer(queue, { _tag: "transition", run }).pipe(Effect.asVoid)
          }),
        onOutput: (run, attempt, chunk, phase) =>
          Effect.suspend(() => {
            const origin = run.request.origin
            if (origin?.kind !== "slack") return Effect.void
            let entry = live.get(run.id)
            if (!entry || entry.attempt !== attempt || entry.phase !== phase) {
              entry = { attempt, phase, tail: "", due: false, lastAt: 0 }
              live.set(run.id, entry)
            }
            entry.tail = (entry.tail + chunk.text).slice(-liveTailChars)
            if (entry.due) return Effect.void
            entry.due = true
            const wait = Math.max(0, entry.lastAt + liveUpdateMillis - Date.now())
            return Effect.sleep(wait).pipe(Effect.zipRight(Queue.offer(queue, { _tag: "live", runId: run.id, origin })), Effect.forkIn(scope), Effect.asVoid)
          })
      })
    })
  )
