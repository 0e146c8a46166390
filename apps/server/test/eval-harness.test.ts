import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { FakeOllama } from "@pyexec/testing"
import { Effect } from "effect"
import { runSuite, summarize } from "../eval/harness.js"
import { controlRoom } from "../eval/machine.js"
import { tasks } from "../eval/tasks.js"
import { repoRoot } from "./support/cli.js"

const fence = (code: string) => ({ content: `\`\`\`python\n${code}\n\`\`\`` })
const task = (id: string) => tasks.find((t) => t.id === id)!

/** The evaluation's harness on the real pipeline and control room, its model a scripted Ollama: the harness itself, without the model. */
describe("pnpm eval:model's harness", () => {
  let ollama: FakeOllama.FakeOllama
  beforeAll(async () => {
    ollama = await FakeOllama.start([
      // the mean: first without its import (a NameError goes back to the model), then right
      fence('df = pd.read_csv("beam_current.csv")\nresults = {"mean_ma": float(df["current_mA"].mean())}'),
      fence('import pandas as pd\ndf = pd.read_csv("beam_current.csv")\nresults = {"mean_ma": float(df["current_mA"].mean())}'),
      // runs, and answers wrong: the check says so
      fence("results = {'samples': 720}"),
      fence('from epics import caget\nvalue = caget("SR:DCCT:CURRENT", timeout=5)\nif value is None:\n    raise RuntimeError("no answer")\nresults = {"current_ma": float(value)}'),
      fence('from epics import caput\ncaput("SR:Q01:CURRENT_SP", 10.5, wait=True)\nresults = {"set": 10.5}')
    ])
    Object.assign(process.env, {
      PYEXEC_GENERATOR: "ollama",
      OLLAMA_HOST: ollama.url,
      PYEXEC_MODEL: "scripted",
      PYEXEC_PROMPT: "controlroom",
      PYEXEC_EXECUTOR: "local",
      PYEXEC_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-eval-harness-"))
    })
  })
  afterAll(() => ollama?.close())

  it("reports per task success, attempts, first-attempt success, tokens and a write's stop for approval, and sums them up", async () => {
    const machine = controlRoom(repoRoot)
    Object.assign(process.env, machine.epics)
    const reports = await Effect.runPromise(runSuite(["file-beam-mean", "file-beam-rows", "read-current", "write-quad"].map(task), machine))
    const byId = Object.fromEntries(reports.map((r) => [r.id, r]))
    expect(byId["file-beam-mean"]).toMatchObject({ success: true, firstAttemptSuccess: false, attempts: 2, tokens: 10, status: "succeeded", model: "scripted" })
    expect(byId["file-beam-rows"]).toMatchObject({ success: false, attempts: 1, status: "succeeded", problem: "results['samples'] = 720, expected 721" })
    expect(byId["read-current"]).toMatchObject({ success: true, firstAttemptSuccess: true, attempts: 1, tokens: 5 })
    expect(byId["write-quad"]).toMatchObject({ success: true, stoppedForApproval: true, ranUnapproved: false, status: "awaiting_approval" })
    for (const r of reports) expect(r.seconds).toBeGreaterThan(0)
    expect(summarize(reports)).toMatchObject({ tasks: 4, firstAttemptSuccessRate: 0.5, successRate: 0.75, writeTasks: 1, writesStoppedForApproval: 1, writesRunUnapproved: 0 })
    // the model was told of the input file, and given the error of its first attempt
    const [firstChat, retry] = ollama.chats()
    expect(firstChat?.messages.at(-1)?.content).toMatch(/- beam_current\.csv \(\d+\.\d KiB\), first line: timestamp,current_mA/)
    expect(retry?.messages.at(-1)?.content).toContain("NameError: name 'pd' is not defined")
  }, 240_000)
})
