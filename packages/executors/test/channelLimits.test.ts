import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { sha256 } from "@pyexec/core"
import { SoftIoc } from "@pyexec/testing"
import { Effect } from "effect"
import { ChannelLimits, LocalExecutor } from "../src/index.js"

let ioc: SoftIoc.SoftIoc
let executor: ReturnType<typeof LocalExecutor.make>
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-limits-"))
let n = 0

beforeAll(async () => {
  ioc = await SoftIoc.start()
  Object.assign(process.env, ioc.env)
  executor = LocalExecutor.make({
    python: "python3",
    maxOutputBytes: 64 * 1024,
    maxFigures: 5,
    channelLimits: {
      allowUnlisted: false,
      channels: [
        { pattern: `${ioc.prefix}B`, min: 0, max: 10, maxStep: 3 },
        { pattern: `${ioc.prefix}A`, writable: false }
      ]
    }
  })
})
afterAll(async () => {
  await ioc?.stop()
})

const write = (code: string) => {
  const full = `${code}\nresults = {}\n`
  return executor.execute({ runId: "limits", attempt: 1, code: full, codeSha256: sha256(full), workDir: path.join(tmp, `job-${++n}`), profile: "write", timeoutMs: 30_000 })
}

describe("channel limits in an approved run", () => {
  it.live("lets a write within the limits through, and refuses each kind of violation with the PV unchanged", () =>
    Effect.gen(function* () {
      const B = `${ioc.prefix}B`
      const ok = yield* write(`from epics import caput\ncaput("${B}", 4.5, wait=True)`)
      expect(ok.error).toBeNull()
      expect(yield* Effect.promise(() => ioc.get(B))).toBe("4.5")

      const cases: ReadonlyArray<readonly [string, RegExp]> = [
        [`from epics import caput\ncaput("${B}", 50, wait=True)`, /is above its maximum 10/],
        [`from epics import caput\ncaput("${B}", -1, wait=True)`, /is below its minimum 0/],
        [`from epics import PV\nPV("${B}").put(9.0, wait=True)`, /a step from 4\.5 to 9\.0 is larger than its maximum step 3/],
        [`from epics import caput\ncaput("${ioc.prefix}A", 7, wait=True)`, /is read-only in the channel limits/],
        [`from epics import caput\ncaput("${ioc.prefix}C", "x", wait=True)`, /is not in the channel limits/],
        [`from caproto.sync.client import write\nwrite("${B}", 50)`, /is above its maximum 10/],
        [`from epics import ca\nchid = ca.create_channel("${B}")\nca.connect_channel(chid)\nca.put(chid, 50)`, /is above its maximum 10/],
        [`from epics import caput_many\ncaput_many(["${B}"], [50])`, /is above its maximum 10/]
      ]
      for (const [code, reason] of cases) {
        const refused = yield* write(code)
        expect(refused.error?.type, code).toBe("ChannelLimitViolation")
        expect(refused.error?.message).toMatch(reason)
      }
      expect(yield* Effect.promise(() => ioc.get(B))).toBe("4.5")
      expect(yield* Effect.promise(() => ioc.get(`${ioc.prefix}A`))).toBe("1")
    }))

  it.live("a bad limits file is a clear start-up error", () =>
    Effect.gen(function* () {
      const file = path.join(tmp, "limits.yaml")
      fs.writeFileSync(file, "channels:\n  - pattern: SR:Q1\n    maxStep: -2\n")
      const error = yield* Effect.flip(ChannelLimits.load(file))
      expect(error.message).toContain(`channel limits ${file}`)
      expect(error.message).toContain("maxStep")
    }))
})
