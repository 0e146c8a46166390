import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { LocalExecutor, Profiles, RunLimits, SshExecutor } from "../src/index.js"
import { cases, comparable, maxOutputBytes } from "./conformance/cases.js"
import * as Container from "./support/container.js"
import { type Started, startScoped } from "./support/scoped.js"
import { startHostGateway, testHost } from "./support/ssh.js"
import { sha256 } from "@pyexec/core"


const executors: Record<string, () => Promise<Started>> = {
  local: async () => ({ executor: LocalExecutor.make({ ...RunLimits.defaults, maxOutputBytes, python: "python3" }), close: async () => {} }),
  "local, warm": async () => {
    const warm = LocalExecutor.unsandboxedWarm("python3", ["numpy", "matplotlib.pyplot"])
    return { executor: LocalExecutor.make({ ...RunLimits.defaults, maxOutputBytes, python: "python3" }, { warm: { "read-only": warm, write: warm } }), close: async () => warm.close() }
  },
  "local, sandboxed": () => startScoped(LocalExecutor.scoped({ ...RunLimits.defaults, maxOutputBytes, python: "python3", preload: ["numpy", "matplotlib.pyplot"] })),
  container: () => Container.start({ maxOutputBytes, poolSize: 2 }),
  ssh: () => startScoped(SshExecutor.make({ ...RunLimits.defaults, maxOutputBytes, hosts: [testHost()], profiles: Profiles.none })),
  "ssh, sandboxed": async () => {
    const gateway = await startHostGateway({})
    const started = await startScoped(
      SshExecutor.make({ ...RunLimits.defaults, maxOutputBytes, hosts: [testHost({ sandbox: { command: "sudo -n /usr/local/sbin/pyexec-sandbox", gateway: gateway.name } })], profiles: Profiles.none })
    )
    const close = async () => {
      await started.close()
      await gateway.stop()
    }
    return { executor: started.executor, close }
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-conformance-"))
const seen = new Map<string, Map<string, unknown>>()

for (const [kind, startExecutor] of Object.entries(executors)) {
  describe(`conformance: ${kind} executor`, () => {
    let started: Started
    beforeAll(async () => {
      started = await startExecutor()
    }, 60_000)
    afterAll(() => started?.close())

    for (const c of cases) {
      it.live(c.name, () =>
        Effect.gen(function* () {
          const result = yield* started.executor.execute({
            runId: "conformance",
            attempt: 1,
            code: c.code,
            codeSha256: sha256(c.code),
            workDir: path.join(tmp, kind, c.name.replace(/\W+/g, "-")),
            profile: "read-only",
            timeoutMs: c.timeoutMs ?? 30_000
          })
          c.check(result)
          for (const figure of result.figures) expect(fs.readFileSync(figure).subarray(1, 4).toString()).toBe("PNG")
          const byExecutor = seen.get(c.name) ?? new Map<string, unknown>()
          seen.set(c.name, byExecutor.set(kind, comparable(result)))
        }))
    }
  })
}

describe("conformance: every executor gives the same result", () => {
  for (const c of cases) {
    it(c.name, () => {
      const results = [...(seen.get(c.name) ?? new Map()).entries()]
      expect(results.map(([kind]) => kind)).toEqual(Object.keys(executors))
      const [, first] = results[0]!
      for (const [, other] of results.slice(1)) expect(other).toEqual(first)
    })
  }
})
