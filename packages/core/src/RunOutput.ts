/**
 * What the code writes while it runs, as it comes, and the model's reply while it is written: the executor hands
 * each piece to the job's `onOutput` (the generator to the input's `onToken`), the pipeline stores it in batches
 * (RunStore `appendOutput`) and tells the observer, and readers in any process follow it with `outputAfter` (the
 * event stream, the review page, the Slack card). This live log is bounded and keeps the newest output; the
 * attempt keeps its own code and captured output, as before.
 */

export type Stream = "stdout" | "stderr"

/**
 * What wrote it: the model, whose reply for the attempt streams while it is generated (`generation`, on stdout,
 * before the attempt's code exists), or an execution of the attempt's code: the run itself, or its preview (a write
 * run's code run once before approval, on the read-only path, its writes recorded and not sent).
 */
export type Phase = "generation" | "run" | "preview"

export const phases = ["generation", "run", "preview"] as const satisfies ReadonlyArray<Phase>

/** The status a run has while that phase writes: its output is stored only then. */
export const statusFor = { generation: "generating", run: "executing", preview: "analyzing" } as const satisfies Record<Phase, string>

/**
 * Whether a run is writing this attempt's output of this phase now, given its status and the number of its newest
 * stored attempt (0: none): the reply of an attempt is written before the attempt is stored (it is the next one),
 * the output of its code while it is the newest. Only then do the stores keep what comes.
 */
export const isWriting = (phase: Phase, attempt: number, status: string, newestAttempt: number): boolean =>
  status === statusFor[phase] && attempt === (phase === "generation" ? newestAttempt + 1 : newestAttempt)

/** A piece of one stream, decoded as UTF-8 (a character cut between two reads is in the later piece). */
export interface Chunk {
  readonly stream: Stream
  readonly text: string
}

/** A chunk as the store keeps it: `seq` grows with each chunk of the run (over all its attempts), `at` is ISO 8601. */
export interface Entry extends Chunk {
  readonly seq: number
  readonly attempt: number
  readonly phase: Phase
  readonly at: string
}

export const defaults = {
  /** The store keeps at most this much of an attempt's live output: the newest, older chunks are dropped. */
  keepBytes: 256 * 1024,
  /** The pipeline writes what came at most this often (the first chunk after a quiet spell goes at once). */
  flushMillis: 50,
  /** A batch keeps at most this much of each stream, its newest; what it drops is said in one line. */
  batchBytes: 16 * 1024,
  /** How long the end of an execution waits for the last batch to be stored. */
  finalFlushMillis: 2_000
} as const

export const byteLength = (text: string) => Buffer.byteLength(text, "utf8")

/** The line that stands for output a batch dropped. */
export const skippedLine = (bytes: number) => `\n[pyexec: ${bytes} bytes of live output skipped]\n`

/** The last `maxBytes` of a text, cut at a character boundary. */
export const lastBytes = (text: string, maxBytes: number): string => {
  const bytes = Buffer.from(text, "utf8")
  if (bytes.length <= maxBytes) return text
  let start = bytes.length - maxBytes
  // a UTF-8 continuation byte (10xxxxxx) is not the start of a character
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++
  return bytes.subarray(start).toString("utf8")
}

/**
 * Chunks merged as a batch stores them: neighbours of one stream become one chunk, and each stream keeps its newest
 * `maxBytes` with a line saying how much was dropped.
 */
export const coalesce = (chunks: ReadonlyArray<Chunk>, maxBytes: number = defaults.batchBytes): Array<Chunk> => {
  const merged: Array<{ stream: Stream; text: string }> = []
  for (const chunk of chunks) {
    if (chunk.text === "") continue
    const last = merged.at(-1)
    if (last && last.stream === chunk.stream) last.text += chunk.text
    else merged.push({ stream: chunk.stream, text: chunk.text })
  }
  // the budget of a stream goes to its newest chunks first
  const used = { stdout: 0, stderr: 0 }
  const dropped = { stdout: 0, stderr: 0 }
  const kept: Array<Chunk> = []
  for (let i = merged.length - 1; i >= 0; i--) {
    const c = merged[i]!
    const size = byteLength(c.text)
    const budget = maxBytes - used[c.stream]
    const text = size <= budget ? c.text : budget > 0 ? lastBytes(c.text, budget) : ""
    const length = byteLength(text)
    used[c.stream] += length
    dropped[c.stream] += size - length
    if (text !== "") kept.unshift({ stream: c.stream, text })
  }
  for (const stream of ["stdout", "stderr"] as const) {
    if (dropped[stream] === 0) continue
    const first = kept.findIndex((c) => c.stream === stream)
    const note = { stream, text: skippedLine(dropped[stream]) }
    if (first < 0) kept.push(note)
    else kept.splice(first, 0, note)
  }
  return kept
}
