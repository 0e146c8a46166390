/**
 * What a write run's preview costs (issue 16): a script that makes 100 writes (pyepics `caput(..., wait=True)` to a
 * soft IOC), run as a preview (writes recorded, not sent; reads real) against the same script run for real with its
 * ledger and its plan. Medians over N runs of each, taking turns; both start a cold Python, as a preview does.
 *   pnpm bench:preview [N]
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { sha256 } from "@pyexec/core"
import { SoftIoc } from "@pyexec/testing"
import { Effect } from "effect"
import { LocalExecutor } from "../src/index.js"
import { median } from "./stats.js"

const n = Number(process.argv[2] ?? 7)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-bench-preview-"))
const ioc = await SoftIoc.start()
Object.assign(process.env, ioc.env)

const code = `import epics\nfor i in range(100):\n    epics.caput("${ioc.prefix}B", i * 0.01, wait=True)\nresults = {"n": 100}\n`
const executor = LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 5 })
let k = 0
const run = async (kind: "preview" | "real", plan?: ReadonlyArray<{ channel: string; value: unknown }>) => {
  const started = performance.now()
  const result = await Effect.runPromise(
    executor.execute({
      runId: "bench",
      attempt: 1,
      code,
      codeSha256: sha256(code),
      workDir: path.join(tmp, `job-${++k}`),
      profile: kind === "preview" ? "read-only" : "write",
      timeoutMs: 120_000,
      ...(kind === "preview" ? { preview: true } : plan ? { plan } : {})
    })
  )
  if (result.error) throw new Error(`the ${kind} run failed: ${result.error.type}: ${result.error.message}`)
  if (result.writes?.length !== 100) throw new Error(`the ${kind} run recorded ${result.writes?.length} writes, not 100`)
  return { ms: performance.now() - started, writes: result.writes }
}

const plan = (await run("preview")).writes.map((w) => ({ channel: w.channel, value: w.value }))
await run("real", plan)
const previews: Array<number> = []
const reals: Array<number> = []
for (let i = 0; i < n; i++) {
  previews.push((await run("preview")).ms)
  reals.push((await run("real", plan)).ms)
}
const [p, r] = [median(previews), median(reals)]
console.log(`100-write script, median of ${n}: preview ${p.toFixed(0)} ms, real run (ledger + plan) ${r.toFixed(0)} ms: the preview costs ${(p / r).toFixed(2)}x the real run`)
await ioc.stop()
fs.rmSync(tmp, { recursive: true, force: true })
