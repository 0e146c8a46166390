import { Context, type Effect } from "effect"
import type { AnalysisReport } from "./Finding.js"

/** Reads code without running it. It never fails: what it cannot read becomes a finding. */
export class Analyzer extends Context.Tag("@pyexec/core/Analyzer")<
  Analyzer,
  {
    readonly analyze: (code: string) => Effect.Effect<AnalysisReport>
  }
>() {}
