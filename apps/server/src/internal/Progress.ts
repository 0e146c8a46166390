import { RunObserver, type RunOutput, type RunStatus } from "@pyexec/core"
import { Console, Effect, Layer } from "effect"

/** A line the code has not ended yet is shown after this long anyway (a prompt, a progress bar). */
const partialAfterMillis = 1_000
/** While the code runs and prints nothing, a line says it still runs this often. */
const quietMillis = 10_000

/** What a terminal would show of a line the code redrew with carriage returns: its last drawing. */
const shown = (line: string) => line.slice(line.lastIndexOf("\r", line.length - 2) + 1).replace(/\r$/, "")

/**
 * Stage lines on stderr while a run moves, so a long generation or execution is not silent; while the code runs,
 * its output as it comes, line by line (`|` stdout, `!` stderr; `preview |` while a write run's preview runs), with
 * the time since the command started, and a line every 10 s of silence. While the model writes, its reply line by
 * line as it comes (`generating |`, the output of phase `generation`), for generators that stream. Only on stderr:
 * stdout keeps the answer (and --json has no observer at all).
 */
export interface Printer {
  readonly stage: (runId: string, status: RunStatus.RunStatus, event: string) => Effect.Effect<void>
  readonly output: (chunk: RunOutput.Chunk, phase: RunOutput.Phase) => Effect.Effect<void>
}

/** The printer, for as long as its scope lives (its ticker runs in it). */
export const printer = Effect.gen(function* () {
    const started = performance.now()
    const clock = () => `[${((performance.now() - started) / 1000).toFixed(1)}s]`
    let executing: { readonly id: string; readonly since: number } | undefined
    let lastPrinted = performance.now()
    const partial: Record<RunOutput.Stream, { text: string; since: number }> = { stdout: { text: "", since: 0 }, stderr: { text: "", since: 0 } }
    const marks: Record<RunOutput.Stream, string> = { stdout: "|", stderr: "!" }
    let phase: Exclude<RunOutput.Phase, "generation"> = "run"
    const mark = (stream: RunOutput.Stream) => (phase === "preview" ? `preview ${marks[stream]}` : marks[stream])

    const print = (line: string) =>
      Console.error(line).pipe(
        Effect.tap(() => {
          lastPrinted = performance.now()
        })
      )
    const printLines = (stream: RunOutput.Stream, lines: ReadonlyArray<string>) =>
      lines.length === 0 ? Effect.void : print(lines.map((l) => `  ${clock()} ${mark(stream)} ${shown(l)}`).join("\n"))
    const flushPartial = (stream: RunOutput.Stream) =>
      Effect.suspend(() => {
        const held = partial[stream].text
        partial[stream].text = ""
        return held === "" ? Effect.void : printLines(stream, [held])
      })

    // the ticker: lines the code left unfinished, and a word when it has been quiet for a while
    yield* Effect.forkScoped(
      Effect.forever(
        Effect.gen(function* () {
          yield* Effect.sleep("250 millis")
          const now = performance.now()
          for (const stream of ["stdout", "stderr"] as const) {
            if (partial[stream].text !== "" && now - partial[stream].since >= partialAfterMillis) yield* flushPartial(stream)
          }
          if (executing && now - lastPrinted >= quietMillis) {
            yield* print(`pyexec: ${clock()} ${executing.id.slice(0, 8)} still executing (${Math.round((now - executing.since) / 1000)} s)`)
          }
        })
      )
    )

    let reply = ""
    const printReply = (lines: ReadonlyArray<string>) =>
      lines.length === 0 ? Effect.void : print(lines.map((l) => `  ${clock()} generating | ${l}`).join("\n"))

    const printer: Printer = {
      stage: (runId, status, event) =>
        Effect.gen(function* () {
          // what a run or its preview left unfinished is shown when it ends, and so is the reply's last line
          yield* flushPartial("stdout")
          yield* flushPartial("stderr")
          if (reply.trim() !== "") yield* printReply([reply])
          reply = ""
          executing = status === "executing" ? { id: runId, since: performance.now() } : undefined
          yield* print(`pyexec: ${clock()} ${runId.slice(0, 8)} ${event}`)
        }),
      output: (chunk, from) =>
        Effect.gen(function* () {
          // the model's reply: its lines as they end, its last at the next stage
          if (from === "generation") {
            const lines = (reply + chunk.text).split("\n")
            reply = lines.pop() ?? ""
            return yield* printReply(lines)
          }
          if (from !== phase) {
            yield* flushPartial("stdout")
            yield* flushPartial("stderr")
            phase = from
          }
          const held = partial[chunk.stream]
          const lines = (held.text + chunk.text).split("\n")
          const rest = lines.pop() ?? ""
          // an unfinished line is as old as its first piece
          if (lines.length > 0 || held.text === "") held.since = performance.now()
          held.text = rest
          yield* printLines(chunk.stream, lines)
        })
    }
    return printer
  })

/** The printer as the pipeline's observer, for runs this process drives. */
export const layer = Layer.scoped(
  RunObserver.RunObserver,
  Effect.map(printer, (p) =>
    RunObserver.RunObserver.of({
      onTransition: (run, event) => p.stage(run.id, run.status, event),
      onOutput: (_run, _attempt, chunk, phase) => p.output(chunk, phase)
    })
  )
)
