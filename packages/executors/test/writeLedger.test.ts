import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { sha256, WriteLedger } from "@pyexec/core"
import { EpicsIoc } from "@pyexec/testing"
import { Effect } from "effect"
import { type ChannelLimits, LocalExecutor } from "../src/index.js"
import { useSoftIoc } from "./support/softIoc.js"

const ioc = useSoftIoc()
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-ledger-"))
let n = 0


/** Runs `code` as an approved (write) run under these channel limits. */
const write = (code: string, channelLimits: ChannelLimits.ChannelLimits, timeoutMs = 30_000) => {
  const full = `${code}\nresults = {}\n`
  const executor = LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 5, channelLimits })
  return executor.execute({ runId: "ledger", attempt: 1, code: full, codeSha256: sha256(full), workDir: path.join(tmp, `job-${++n}`), profile: "write", timeoutMs })
}

describe("the write ledger of an approved run", () => {
  it.live("records each write with the value before it and how it ended: completed, sent, not connected, refused", () =>
    Effect.gen(function* () {
      const [A, B] = [`${ioc.prefix}A`, `${ioc.prefix}B`]
      const missing = `${ioc.prefix}NO_SUCH_CHANNEL`
      yield* Effect.promise(() => ioc.put(B, "1.5"))
      const result = yield* write(
        [
          "import epics",
          "from caproto.sync.client import write",
          `epics.caput("${B}", 2.0, wait=True)`,
          `epics.PV("${B}").put(3.0)`,
          `write("${B}", 4.0, notify=True)`,
          `status = epics.caput("${missing}", 1, connection_timeout=1)`,
          "try:",
          `    epics.caput("${A}", 7, wait=True)`,
          "except PermissionError:",
          "    pass"
        ].join("\n"),
        { allowUnlisted: true, channels: [{ pattern: A, writable: false }] }
      )
      // a refused write fails the run even when the code catches it (the channel limits say so)
      expect(result.error?.type, result.stderr).toBe("ChannelLimitViolation")
      const writes = result.writes ?? []
      expect(writes.map((w) => [w.channel, w.library, w.state])).toEqual([
        [B, "pyepics", "completed"],
        [B, "pyepics", "sent"],
        [B, "caproto", "completed"],
        [missing, "pyepics", "not-connected"],
        [A, "pyepics", "refused"]
      ])
      expect(writes[0]).toMatchObject({ protocol: "ca", before: 1.5, value: 2 })
      expect(writes[2]?.before).toBe(3)
      expect(writes[3]?.before).toBeUndefined()
      expect(writes[3]?.detail).toContain("did not connect")
      expect(writes[4]?.detail).toContain("read-only in the channel limits")
      expect(writes.every((w) => !Number.isNaN(Date.parse(w.at)))).toBe(true)
      expect(yield* Effect.promise(() => ioc.get(B))).toBe("4.0")
    }))

  it.live("reads back where the channel limits ask: verified within the tolerance, verification-failed outside it", () =>
    Effect.gen(function* () {
      const [A, B] = [`${ioc.prefix}A`, `${ioc.prefix}B`]
      yield* Effect.promise(() => ioc.put(A, "3"))
      const verified = yield* write(`import epics\nepics.caput("${B}", 6.25, wait=True)`, {
        allowUnlisted: false,
        channels: [{ pattern: B, verify: { tolerance: 0.01 } }]
      })
      expect(verified.writes?.[0]).toMatchObject({ channel: B, state: "verified", readback: { channel: B, value: 6.25, tolerance: 0.01 } })
      expect(verified.writes?.[0]?.readback?.alarm?.severity).toBe("NO_ALARM")
      // B's readback is A here (as a setpoint's is its power supply's current): A stays 3
      const missed = yield* write(`import epics\nepics.caput("${B}", 8.0, wait=True)`, {
        allowUnlisted: false,
        channels: [{ pattern: `${ioc.prefix}*`, verify: { readback: `${ioc.prefix}A`, tolerance: 0.5, withinSeconds: 0.3 } }]
      })
      expect(missed.writes?.[0]).toMatchObject({ channel: B, state: "verification-failed", readback: { channel: A, value: 3, tolerance: 0.5 } })
      expect(missed.writes?.[0]?.detail).toMatch(/reads 3\.0, not within 0\.5 of 8\.0/)
    }))

  it.live("a run stopped half-way still shows the writes it made", () =>
    Effect.gen(function* () {
      const B = `${ioc.prefix}B`
      const result = yield* write(`import epics, time\nepics.caput("${B}", 5.5, wait=True)\ntime.sleep(60)`, { allowUnlisted: true, channels: [] }, 4_000)
      expect(result.timedOut).toBe(true)
      expect(result.writes?.map((w) => [w.channel, w.state, w.value])).toEqual([[B, "completed", 5.5]])
    }))

  it.live("a read-only run has no ledger", () =>
    Effect.gen(function* () {
      const full = "results = {}\n"
      const executor = LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 5 })
      const result = yield* executor.execute({ runId: "ledger", attempt: 1, code: full, codeSha256: sha256(full), workDir: path.join(tmp, `job-${++n}`), profile: "read-only", timeoutMs: 30_000 })
      expect(result.error).toBeNull()
      expect(result.writes).toBeUndefined()
    }))

  it.live("a preview sends nothing: each write is planned, and the code's later reads see it; the approved run is held to the plan", () =>
    Effect.gen(function* () {
      const [A, B] = [`${ioc.prefix}A`, `${ioc.prefix}B`]
      yield* Effect.promise(() => Promise.all([ioc.put(B, "10"), ioc.put(A, "4")]))
      // a ramp in 5 steps, each from what it reads back; a sixth write to A only when a flag says so
      const ramp = (sixth: boolean) =>
        `import epics\nfor _ in range(5):\n    epics.caput("${B}", epics.caget("${B}", use_monitor=False) + 0.5, wait=True)\n${sixth ? `epics.caput("${A}", 9, wait=True)\n` : ""}`
      const limits = { allowUnlisted: true, channels: [] }
      const full = `${ramp(false)}\nresults = {}\n`
      const executor = LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 5, channelLimits: limits })
      const preview = yield* executor.execute({ runId: "ledger", attempt: 1, code: full, codeSha256: sha256(full), workDir: path.join(tmp, `job-${++n}`), profile: "read-only", timeoutMs: 30_000, preview: true })
      expect(preview.error, preview.stderr).toBeNull()
      expect(preview.writes?.map((w) => [w.channel, w.before, w.value, w.state])).toEqual([
        [B, 10, 10.5, "planned"],
        [B, 10.5, 11, "planned"],
        [B, 11, 11.5, "planned"],
        [B, 11.5, 12, "planned"],
        [B, 12, 12.5, "planned"]
      ])
      expect(yield* Effect.promise(() => ioc.get(B))).toBe("10.0")

      const plan = preview.writes!.map((w) => ({ channel: w.channel, value: w.value }))
      const run = (code: string) =>
        executor.execute({ runId: "ledger", attempt: 1, code, codeSha256: sha256(code), workDir: path.join(tmp, `job-${++n}`), profile: "write", timeoutMs: 30_000, plan })
      const approved = yield* run(full)
      expect(approved.error, approved.stderr).toBeNull()
      expect(approved.writes?.map((w) => [w.channel, w.value, w.state])).toEqual(plan.map((p) => [p.channel, p.value, "completed"]))
      expect(yield* Effect.promise(() => ioc.get(B))).toBe("12.5")

      // the same plan, and code that writes a channel the preview did not: refused, the run failed, A unchanged
      yield* Effect.promise(() => ioc.put(B, "10"))
      const sixth = `${ramp(true)}\nresults = {}\n`
      const outside = yield* run(sixth)
      expect(outside.error?.type).toBe("PlanViolation")
      expect(outside.writes?.at(-1)).toMatchObject({ channel: A, state: "refused" })
      expect(outside.writes?.at(-1)?.detail).toContain(`${A} is not among the channels the approved preview writes`)
      expect(yield* Effect.promise(() => ioc.get(A))).toBe("4")
    }))
  it.live("a preview holds each planned write to the channel limits: the limits in words, inside or outside, and why", () =>
    Effect.gen(function* () {
      const [A, B] = [`${ioc.prefix}A`, `${ioc.prefix}B`]
      yield* Effect.promise(() => Promise.all([ioc.put(B, "10"), ioc.put(A, "4")]))
      const limits = { allowUnlisted: false, channels: [{ pattern: `${ioc.prefix}B`, min: 0, max: 12, maxStep: 1.5 }] }
      const code = `import epics\nepics.caput("${B}", 11, wait=True)\nepics.caput("${B}", 13, wait=True)\nepics.caput("${A}", 5, wait=True)\nresults = {}\n`
      const executor = LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 5, channelLimits: limits })
      const preview = yield* executor.execute({ runId: "ledger", attempt: 1, code, codeSha256: sha256(code), workDir: path.join(tmp, `job-${++n}`), profile: "read-only", timeoutMs: 30_000, preview: true })
      expect(preview.error, preview.stderr).toBeNull()
      expect(preview.writes?.map((w) => [w.channel, w.value, w.state, w.limits])).toEqual([
        [B, 11, "planned", { rule: "0..12, step <= 1.5", within: true }],
        [B, 13, "planned", { rule: "0..12, step <= 1.5", within: false }],
        [A, 5, "planned", { rule: "unlisted: may not be written", within: false }]
      ])
      expect(preview.writes?.[1]?.detail).toBe(`channel limits: ${B} = 13.0 is above its maximum 12`)
      expect(preview.writes?.[2]?.detail).toContain("unlisted channels may not be written")
      expect(WriteLedger.lines(preview.writes!)[0]).toMatch(/planned {2}change \+1; limits 0\.\.12, step <= 1\.5 \(inside\)$/)
      expect(yield* Effect.promise(() => Promise.all([ioc.get(B), ioc.get(A)]))).toEqual(["10.0", "4"])
    }))
  it.live("in a preview, caproto and p4p reads of a channel the code has planned to write give the planned value", () =>
    Effect.gen(function* () {
      const ioc = yield* Effect.acquireRelease(
        Effect.promise(() => EpicsIoc.start()),
        (started) => Effect.promise(() => started.stop())
      )
      const sp = `${ioc.prefix}SETPOINT`
      const code = [
        "from caproto.sync.client import read, write",
        "from p4p.client.thread import Context",
        'pva = Context("pva")',
        "for _ in range(2):",
        `    write("${sp}", read("${sp}").data[0] + 1, notify=True)`,
        "for _ in range(2):",
        `    pva.put("${sp}", pva.get("${sp}") + 1)`,
        `results = {"ca": float(read("${sp}").data[0]), "pva": float(pva.get("${sp}"))}`
      ].join("\n")
      const saved = { ...process.env }
      Object.assign(process.env, ioc.env)
      const executor = LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 5 })
      const preview = yield* executor
        .execute({ runId: "ledger", attempt: 1, code, codeSha256: sha256(code), workDir: path.join(tmp, `job-${++n}`), profile: "read-only", timeoutMs: 30_000, preview: true })
        .pipe(Effect.ensuring(Effect.sync(() => Object.assign(process.env, saved))))
      expect(preview.error, preview.stderr).toBeNull()
      expect(preview.writes?.map((w) => [w.library, w.before, w.value, w.state])).toEqual([
        ["caproto", 1.5, 2.5, "planned"],
        ["caproto", 2.5, 3.5, "planned"],
        ["p4p", 3.5, 4.5, "planned"],
        ["p4p", 4.5, 5.5, "planned"]
      ])
      expect(preview.results).toEqual({ ca: 5.5, pva: 5.5 })
      expect(yield* Effect.promise(() => ioc.get(sp))).toBe(1.5)
    }).pipe(Effect.scoped))
})
