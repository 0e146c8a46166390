import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { type Approval, sha256 } from "@pyexec/core"
import { Effect } from "effect"
import { LocalExecutor } from "../src/index.js"
import { useSoftIoc } from "./support/softIoc.js"

const ioc = useSoftIoc()
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-guards-"))
let n = 0


const run = (code: string, profile: Approval.ExecutionProfile) =>
  LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 5 }).execute({
    runId: "guards",
    attempt: 1,
    code,
    codeSha256: sha256(code),
    workDir: path.join(tmp, `job-${++n}`),
    profile,
    timeoutMs: 30_000
  })

describe("read-only guards", () => {
  const writes: ReadonlyArray<readonly [string, (pv: string) => string]> = [
    ["epics.caput", (pv) => `import epics\nepics.caput("${pv}", 99.0, wait=True)`],
    ["an aliased caput", (pv) => `from epics import caput as set_pv\nset_pv("${pv}", 99.0, wait=True)`],
    ["PV.put", (pv) => `from epics import PV\nPV("${pv}").put(99.0, wait=True)`],
    ["the PV.value setter", (pv) => `from epics import PV\np = PV("${pv}")\np.wait_for_connection(5)\np.value = 99.0`],
    ["epics.ca.put", (pv) => `from epics import ca\nchid = ca.create_channel("${pv}")\nca.connect_channel(chid)\nca.put(chid, 99.0, wait=True)`],
    ["caproto's threading client", (pv) => `from caproto.threading.client import Context\n(p,) = Context().get_pvs("${pv}")\np.write([99.0], wait=True)`],
    ["caproto's sync client", (pv) => `from caproto.sync.client import write\nwrite("${pv}", 99.0)`],
    ["the caput command-line tool", (pv) => `import subprocess\nsubprocess.run(["caput", "${pv}", "99"], check=True)`]
  ]
  for (const [label, write] of writes) {
    it.live(`refuses ${label} in a read-only run, and the PV is unchanged`, () =>
      Effect.gen(function* () {
        const pv = `${ioc.prefix}B`
        const result = yield* run(`${write(pv)}\nresults = {"wrote": True}\n`, "read-only")
        expect(result.error).not.toBeNull()
        // the guard's own refusal (not any error that says "read-only"), and the PV as it was
        expect(`${result.error?.type} ${result.error?.message} ${result.stderr}`).toMatch(/this run is read-only: .+ was refused/)
        expect(yield* Effect.promise(() => ioc.get(pv))).toBe("2.0")
      }))
    // the control: the same code in a write run does change the PV (right channel, a value other than its own);
    // the caput tool is not installed here: in a read-only run the guard answers for it before anything runs
    if (label === "the caput command-line tool") continue
    it.live(`control: ${label} in a write run changes the PV`, () =>
      Effect.gen(function* () {
        const pv = `${ioc.prefix}B`
        const result = yield* run(`${write(pv)}\nresults = {"wrote": True}\n`, "write")
        expect(result.error, result.stderr).toBeNull()
        expect(yield* Effect.promise(() => ioc.get(pv))).toBe("99.0")
      }).pipe(Effect.ensuring(Effect.promise(() => ioc.put(`${ioc.prefix}B`, "2.0")))))
  }

  it.live("records a refusal even when the code swallows it", () =>
    Effect.gen(function* () {
      const result = yield* run(`from epics import caput\ntry:\n    caput("${ioc.prefix}B", 99.0)\nexcept Exception:\n    pass\nresults = {"ok": True}\n`, "read-only")
      expect(result.error?.type).toBe("EpicsWriteRefused")
      expect(result.error?.message).toContain(`caput('${ioc.prefix}B')`)
    }))

  it.live("records a write tool's refusal even when the code swallows the child's output", () =>
    Effect.gen(function* () {
      const code = `import subprocess\nout = subprocess.run(["caproto-put", "${ioc.prefix}B", "99"], capture_output=True, text=True)\nresults = {"exit": out.returncode}\n`
      const result = yield* run(code, "read-only")
      expect(result.results).toEqual({ exit: 126 })
      expect(result.error?.type).toBe("EpicsWriteRefused")
      expect(result.error?.message).toContain(`this run is read-only: caproto-put(${ioc.prefix}B 99) was refused`)
      expect(yield* Effect.promise(() => ioc.get(`${ioc.prefix}B`))).toBe("2.0")
    }))

  it.live("lets reads through in a read-only run, and writes in a write run", () =>
    Effect.gen(function* () {
      const read = yield* run(`from epics import caget\nresults = {"b": caget("${ioc.prefix}B", timeout=5)}\n`, "read-only")
      expect(read.results).toEqual({ b: 2 })
      const write = yield* run(`from epics import caput\nresults = {"ok": caput("${ioc.prefix}A", 5, wait=True, timeout=5)}\n`, "write")
      expect(write.error).toBeNull()
      expect(yield* Effect.promise(() => ioc.get(`${ioc.prefix}A`))).toBe("5")
    }))
})
