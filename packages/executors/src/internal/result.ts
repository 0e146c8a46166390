import * as fs from "node:fs/promises"
import * as path from "node:path"
import { type ExecutionResult, WriteLedger } from "@pyexec/core"
import { Effect, Either, Schema } from "effect"
import { ledgerFile, Manifest } from "../Runner.js"
import type { ProcessOutcome } from "./process.js"

const readManifest = (workDir: string) =>
  Effect.tryPromise(() => fs.readFile(path.join(workDir, "manifest.json"), "utf8")).pipe(
    Effect.flatMap((text) => Schema.decodeUnknown(Schema.parseJson(Manifest))(text)),
    Effect.either
  )

/** Why the runner left no manifest, when it did not: killed, crashed, or out of memory. */
const missingManifestError = (outcome: ProcessOutcome, reason: string) => {
  const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with status ${outcome.exitCode}`
  const hint = outcome.signal === "SIGKILL" ? " (out of memory, or killed from outside)" : ""
  const message = `the Python process ${how}${hint} before the runner could record a result (${reason})`
  return { type: "ProcessDied", message, traceback: outcome.stderr.slice(-4000) }
}

/**
 * The figures of a manifest that are what they claim: `figures/figure-N.png`, a regular file inside the attempt's
 * folder. The manifest is written in the code's own process, so the code can name any path in it; the server
 * reads these files (notebook, downloads, Slack) with its own rights.
 */
const ownFigures = async (workDir: string, names: ReadonlyArray<string>) => {
  const kept: Array<string> = []
  for (const name of names) {
    if (!/^figures\/figure-\d+\.png$/.test(name)) continue
    const file = path.join(workDir, name)
    const [folder, stat] = await Promise.all([fs.lstat(path.join(workDir, "figures")).catch(() => undefined), fs.lstat(file).catch(() => undefined)])
    if (folder?.isDirectory() && stat?.isFile()) kept.push(file)
  }
  return kept
}

const isWrite = Schema.is(WriteLedger.WriteRecord)

/**
 * The writes the runner appended line by line as the run went: what a run stopped before its manifest made. A line
 * that is not a write (the code can write this file too) is left out, and so is a last line cut short.
 */
const readLedger = async (workDir: string): Promise<ReadonlyArray<WriteLedger.WriteRecord>> => {
  const text = await fs.readFile(path.join(workDir, ledgerFile), "utf8").catch(() => "")
  return text.split("\n").flatMap((line) => {
    try {
      const entry: unknown = JSON.parse(line)
      return isWrite(entry) ? [entry] : []
    } catch {
      return []
    }
  })
}

/** One ExecutionResult from what the process printed and what the runner recorded. */
export const toExecutionResult = (workDir: string, outcome: ProcessOutcome) =>
  Effect.flatMap(readManifest(workDir), (manifest) =>
    Effect.promise(async () => {
      const figures = Either.isRight(manifest) ? await ownFigures(workDir, manifest.right.figures) : []
      const writes = Either.isRight(manifest) && !outcome.timedOut ? manifest.right.writes : await readLedger(workDir)
      return resultOf(outcome, manifest, figures, writes)
    })
  )

const resultOf = (
  outcome: ProcessOutcome,
  manifest: Either.Either<Manifest, unknown>,
  figures: ReadonlyArray<string>,
  writes: ReadonlyArray<WriteLedger.WriteRecord>
): ExecutionResult.ExecutionResult => {
    const base = {
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      stdoutTruncated: outcome.stdoutTruncated,
      stderrTruncated: outcome.stderrTruncated,
      durationMs: outcome.durationMs,
      timedOut: outcome.timedOut,
      ...(writes.length > 0 ? { writes } : {})
    }
    const noResult = { results: null, resultsPresent: false, figures: [] }
    if (outcome.timedOut) {
      const message = `stopped after ${Math.round(outcome.durationMs)} ms: the time limit was reached`
      return { ...base, ...noResult, exitCode: outcome.exitCode ?? 137, error: { type: "Timeout", message, traceback: "" } }
    }
    if (Either.isLeft(manifest)) {
      const error = missingManifestError(outcome, String(manifest.left))
      return { ...base, ...noResult, exitCode: outcome.exitCode ?? 137, error }
    }
    const m = manifest.right
    return {
      ...base,
      exitCode: outcome.exitCode ?? 1,
      results: m.results_present ? m.results : null,
      resultsPresent: m.results_present,
      ...(m.results_present && m.results_text ? { resultsText: m.results_text } : {}),
      figures,
      error: m.error
        ? { type: m.error.type, message: m.error.message, traceback: m.error.traceback, ...(m.error.line !== null ? { line: m.error.line } : {}) }
        : null
    }
}
