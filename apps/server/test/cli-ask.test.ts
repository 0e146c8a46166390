import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { FakeOllama } from "@pyexec/testing"
import { pyexec, tempDir } from "./support/cli.js"

const fence = (code: string) => `Here is the code:\n\`\`\`python\n${code}\n\`\`\``

describe("pyexec ask", () => {
  for (const stream of [true, false]) {
    it(`retries a syntax error and a runtime error with feedback, then succeeds (${stream ? "streaming" : "whole"} replies)`, async () => {
      const ollama = await FakeOllama.start([
        { content: fence("results = {'mean': (1 + 2}") },
        { content: fence("import numpy as np\nvalues = np.array([1.0, 2.0])\nresults = {'mean': values.mean() / undefined_scale}") },
        { content: fence("import numpy as np\nresults = {'mean': float(np.mean([1.0, 2.0]))}") }
      ])
      try {
        const cwd = tempDir("ask")
        const { code, stdout } = await pyexec(["ask", "mean of 1 and 2", "--model", "coder:7b", "--json"], {
          cwd,
          env: { OLLAMA_HOST: ollama.url, PYEXEC_OLLAMA_STREAM: String(stream) }
        })
        expect(code).toBe(0)
        const out = JSON.parse(stdout)
        expect(out).toMatchObject({ status: "succeeded", attempts: 3, result: { results: { mean: 1.5 } } })

        const chats = ollama.chats()
        expect(chats).toHaveLength(3)
        expect(chats.every((c) => c.stream === stream && c.model === "coder:7b")).toBe(true)
        const prompt = (i: number) => chats[i]!.messages.find((m) => m.role === "user")!.content
        expect(prompt(0)).not.toContain("failed")
        expect(prompt(1)).toContain("Attempt 1 failed (syntax error)")
        expect(prompt(1)).toContain("results = {'mean': (1 + 2}")
        expect(prompt(2)).toContain("Attempt 1 failed (syntax error)")
        expect(prompt(2)).toContain("Attempt 2 failed (runtime error): NameError: name 'undefined_scale' is not defined")
        expect(prompt(2)).toMatch(/Traceback of attempt 2:[\s\S]*line 3, in <module>/)

        const runDir = path.join(cwd, ".pyexec/runs", out.runId)
        for (const n of [1, 2, 3]) expect(fs.existsSync(path.join(runDir, `attempt-${n}.ipynb`))).toBe(true)
      } finally {
        await ollama.close()
      }
    })
  }

  it("shows the code the model wrote, with the answer, also when it needed no approval", async () => {
    const ollama = await FakeOllama.start([{ content: fence("total = 1 + 2\nresults = {'total': total}") }])
    try {
      const { code, stdout } = await pyexec(["ask", "add 1 and 2", "--model", "coder:7b"], { cwd: tempDir("ask-code"), env: { OLLAMA_HOST: ollama.url } })
      expect(code).toBe(0)
      expect(stdout).toMatch(/^attempt 1: code written by coder:7b \(sha256 [0-9a-f]{12}\)\n {2}\| total = 1 \+ 2\n {2}\| results = \{'total': total\}\nrun \S+ succeeded/)
    } finally {
      await ollama.close()
    }
  })

  it("gives up after the allowed attempts and says why", async () => {
    const bad = { content: fence("results = {'x': 1 / 0}") }
    const ollama = await FakeOllama.start([bad, bad])
    try {
      const { code, stdout } = await pyexec(["ask", "divide", "--json"], {
        cwd: tempDir("ask-fail"),
        env: { OLLAMA_HOST: ollama.url, PYEXEC_MAX_ATTEMPTS: "2" }
      })
      expect(code).toBe(1)
      const out = JSON.parse(stdout)
      expect(out).toMatchObject({ status: "failed", attempts: 2, result: { error: { type: "ZeroDivisionError" } } })
      expect(out.outcome.message).toContain("attempt 2 of 2; no attempts left")
    } finally {
      await ollama.close()
    }
  })

  it("a reply without code is reported as such and goes back to the model, which then answers with code", async () => {
    const ollama = await FakeOllama.start([{ content: "I cannot help with that." }, { content: fence("results = {'answer': 42}") }])
    try {
      const { code, stdout } = await pyexec(["ask", "what is the answer", "--json"], { cwd: tempDir("ask-prose"), env: { OLLAMA_HOST: ollama.url } })
      expect(code).toBe(0)
      expect(JSON.parse(stdout)).toMatchObject({ status: "succeeded", attempts: 2, result: { results: { answer: 42 } } })
      const prompt = ollama.chats()[1]!.messages.find((m) => m.role === "user")!.content
      expect(prompt).toContain('Attempt 1 gave no code: the model answered without code: "I cannot help with that."')
      expect(prompt).not.toContain("syntax error")
    } finally {
      await ollama.close()
    }
  })

  it("a reviewer sends waiting code back to the model with a reason: the next attempt is written with it, and waits again", async () => {
    const write = (pv: string) => `import epics\nepics.caput("${pv}", 12.0, wait=True)\nresults = {}\n`
    const ollama = await FakeOllama.start([{ content: fence(write("SR:Q01:CURRENT_SP")) }, { content: fence(write("SR:Q02:CURRENT_SP")) }])
    try {
      const cwd = tempDir("ask-revise")
      const env = { OLLAMA_HOST: ollama.url, PYEXEC_EXECUTOR: "local" }
      const first = JSON.parse((await pyexec(["ask", "set the quadrupole to 12 A", "--json"], { cwd, env })).stdout)
      expect(first.status).toBe("awaiting_approval")
      const revised = await pyexec(["reject", first.runId, "--reason", "wrong magnet: Q02, not Q01", "--revise", "--json"], { cwd, env })
      const out = JSON.parse(revised.stdout)
      expect(out).toMatchObject({ runId: first.runId, status: "awaiting_approval", attempts: 2 })
      const prompt = ollama.chats()[1]!.messages.find((m) => m.role === "user")!.content
      expect(prompt).toContain("Attempt 1 was sent back by")
      expect(prompt).toContain("wrong magnet: Q02, not Q01")
      expect(prompt).toContain('epics.caput("SR:Q01:CURRENT_SP"')
      const shown = await pyexec(["show", first.runId], { cwd, env })
      expect(shown.stdout).toMatch(/rejected by \S+ at \S+: wrong magnet: Q02, not Q01/)
      expect(shown.stdout).toContain("error (review): sent back by")
      expect(shown.stdout).toContain('epics.caput("SR:Q02:CURRENT_SP"')
    } finally {
      await ollama.close()
    }
  })
})

describe("pyexec ask with EPICS writes disabled", () => {
  it("sends code that writes back to the model with the finding, then runs the read-only code", async () => {
    const ollama = await FakeOllama.start([
      { content: fence('from epics import caput\ncaput("SR:Q01:CURRENT_SP", 12.5)\nresults = {"done": True}') },
      { content: fence("results = {'setpoint_read_only': True}") }
    ])
    try {
      const cwd = tempDir("ask-writes-off")
      const { code, stdout } = await pyexec(["ask", "set Q01 to 12.5 A", "--json"], {
        cwd,
        env: { OLLAMA_HOST: ollama.url, PYEXEC_EPICS_WRITES: "regenerate" }
      })
      expect(code).toBe(0)
      expect(JSON.parse(stdout)).toMatchObject({ status: "succeeded", attempts: 2 })
      const second = ollama.chats()[1]!.messages.find((m) => m.role === "user")!.content
      expect(second).toContain("Attempt 1 failed (policy error): EPICS writes are disabled at this site")
      expect(second).toMatch(/EPICS001 line 2: `caput\("SR:Q01:CURRENT_SP", 12\.5\)` calls epics\.caput/)
      const notebook = JSON.parse(fs.readFileSync(path.join(cwd, ".pyexec/runs", JSON.parse(stdout).runId, "attempt-1.ipynb"), "utf8"))
      expect(notebook.cells[0].id).toBe("pyexec-guard")
      expect(notebook.cells.find((c: { id: string }) => c.id === "header").source.join("")).toContain("EPICS001 pv-write")
    } finally {
      await ollama.close()
    }
  })
})

describe("pyexec ask with channel limits", () => {
  it("does not regenerate after an approved write breaks a limit", async () => {
    const cwd = tempDir("ask-limits")
    fs.writeFileSync(path.join(cwd, "limits.yaml"), 'channels:\n  - pattern: "SR:Q*:CURRENT_SP"\n    max: 200\n')
    const ollama = await FakeOllama.start([
      { content: fence('from caproto.sync.client import write\nwrite("SR:Q01:CURRENT_SP", 250.0)\nresults = {"done": True}') },
      { content: fence("results = {'should_not_be_asked': True}") }
    ])
    try {
      const { code, stdout } = await pyexec(["ask", "set Q01 to 250 A", "--approve", "--json"], {
        cwd,
        env: { OLLAMA_HOST: ollama.url, PYEXEC_CHANNEL_LIMITS: path.join(cwd, "limits.yaml") }
      })
      expect(code).toBe(1)
      expect(JSON.parse(stdout)).toMatchObject({ status: "failed", attempts: 1, outcome: { reason: "channel-limit" } })
      expect(ollama.chats()).toHaveLength(1)
    } finally {
      await ollama.close()
    }
  })
})
