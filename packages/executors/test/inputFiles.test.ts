import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { InputFiles, sha256 } from "@pyexec/core"
import { Effect } from "effect"
import { LocalExecutor, Profiles, RunLimits, SshExecutor } from "../src/index.js"
import * as Container from "./support/container.js"
import { type Started, startScoped } from "./support/scoped.js"
import { testHost } from "./support/ssh.js"

const csv = "timestamp,current_mA\n2026-03-01T10:00:00,301.5\n2026-03-01T10:01:00,300.9\n"
const file = (name: string, text: string) => {
  const bytes = new TextEncoder().encode(text)
  return { name, sha256: InputFiles.sha256Of(bytes), bytes }
}
const code = `import hashlib
with open("beam.csv", "rb") as f:
    data = f.read()
print("ran")
results = {"sha256": hashlib.sha256(data).hexdigest(), "lines": data.decode().count("\\n")}
`

const executors: Record<string, () => Promise<Started>> = {
  "local, sandboxed": () => startScoped(LocalExecutor.scoped({ ...RunLimits.defaults, maxOutputBytes: 64 * 1024, python: "python3", preload: [] })),
  container: () => Container.start({ poolSize: 1 }),
  ssh: () => startScoped(SshExecutor.make({ ...RunLimits.defaults, maxOutputBytes: 64 * 1024, hosts: [testHost()], profiles: Profiles.none }))
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-input-files-"))

for (const [kind, startExecutor] of Object.entries(executors)) {
  describe(`input files: ${kind} executor`, () => {
    let started: Started
    beforeAll(async () => {
      started = await startExecutor()
    }, 90_000)
    afterAll(() => started?.close())

    const job = (name: string, inputFiles: ReadonlyArray<InputFiles.Loaded>) => ({
      runId: "input-files",
      attempt: 1,
      code,
      codeSha256: sha256(code),
      workDir: path.join(tmp, kind.replace(/\W+/g, "-"), name),
      profile: "read-only" as const,
      timeoutMs: 60_000,
      inputFiles
    })

    it.live("puts the files in the code's folder before it runs", () =>
      Effect.gen(function* () {
        const beam = file("beam.csv", csv)
        const result = yield* started.executor.execute(job("given", [beam, file("notes.txt", "second file\n")]))
        expect(result.error, result.stderr).toBeNull()
        expect(result.results).toEqual({ sha256: beam.sha256, lines: 3 })
      }), 90_000)

    it.live("runs nothing when a file is not the one the job names (its SHA-256)", () =>
      Effect.gen(function* () {
        const named = file("beam.csv", csv)
        const changed = { ...named, bytes: new TextEncoder().encode(csv.replace("301.5", "999.9")) }
        const result = yield* started.executor.execute(job("changed", [changed]))
        expect(result.error?.type).toBe("CodeNotApproved")
        expect(result.error?.message).toContain("the input file beam.csv has SHA-256")
        expect(result.stdout).not.toContain("ran")
        expect(result.resultsPresent).toBe(false)
      }), 90_000)

    it.live("says what the code's Python has (importlib.metadata), asked once", () =>
      Effect.gen(function* () {
        const environment = yield* started.executor.environment!
        expect(environment?.python).toMatch(/^3\.\d+\.\d+/)
        const names = environment?.libraries.map((l) => l.name) ?? []
        expect(names).toEqual(expect.arrayContaining(["numpy", "pandas", "matplotlib"]))
        expect(environment?.libraries.find((l) => l.name === "pyepics")?.module).toBe("epics")
        if (kind.startsWith("local")) {
          const numpy = execFileSync("python3", ["-c", "import importlib.metadata as m; print(m.version('numpy'))"], { encoding: "utf8" }).trim()
          expect(environment?.libraries.find((l) => l.name === "numpy")?.version).toBe(numpy)
        }
        // kept: the second ask gives the same answer without a run
        const again = yield* Effect.timed(started.executor.environment!)
        expect(again[1]).toBe(environment)
      }), 90_000)
  })
}
