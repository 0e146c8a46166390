import * as fs from "node:fs/promises"
import { type Executor, Run, RunObserver, RunStatus, RunStore } from "@pyexec/core"
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

/**
 * Keeps the Slack message of each run asked in Slack up to date: every transition this process commits is
 * queued and handled in order in the background (the pipeline never waits on Slack, and a Slack error only
 * gets logged). Each update renders the run as the store has it then, so a late update never shows an older
 * state; the transition into an end posts the results in the message's thread.
 */
export const layer = (settings: SlackSettings, publicUrl: Effect.Effect<string>, executor: Executor.ExecutorKind) =>
  Layer.scoped(
    RunObserver.RunObserver,
    Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      // the approval rules, when configured (for the expiry on the card)
      const services = yield* Effect.context<never>()
      const redact = redactor(secretsOf(settings))
      const client = makeClient(settings, redactingLogger(redact, writeWith(yield* Effect.runtime<never>())))
      const queue = yield* Queue.unbounded<Run.Run>()

      const update = (committed: Run.Run, origin: Origin) =>
        Effect.gen(function* () {
          const latest = yield* store.get(committed.id)
          const { message, links } = yield* cardOf(latest, { publicUrl, executor }, true).pipe(Effect.provide(services))
          yield* call("chat.update", () => client.chat.update({ channel: origin.channel, ts: origin.ts, text: message.text, blocks: [...message.blocks] }))
          if (RunStatus.isEnded(committed.status)) yield* postResults(client, latest, origin, links)
        }).pipe(
          Effect.catchAllCause((cause) =>
            Effect.logWarning(redact(`slack: updating the message of run ${committed.id} failed: ${Cause.pretty(cause).split("\n")[0]}`))
          )
        )

      yield* Queue.take(queue).pipe(
        Effect.flatMap((run) => (run.request.origin ? update(run, run.request.origin) : Effect.void)),
        Effect.forever,
        Effect.forkScoped
      )
      return RunObserver.RunObserver.of({
        onTransition: (run) => (run.request.origin?.kind === "slack" ? Queue.offer(queue, run).pipe(Effect.asVoid) : Effect.void)
      })
    })
  )
