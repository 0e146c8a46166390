import * as fs from "node:fs"
import { expect } from "@effect/vitest"
import type { ExecutionResult } from "@pyexec/core"

export interface Case {
  readonly name: string
  readonly code: string
  readonly timeoutMs?: number
  readonly check: (result: ExecutionResult.ExecutionResult) => void
}

/** The output cap the conformance executors are given, so that "large output" stays quick. */
export const maxOutputBytes = 64 * 1024

/** Same scripts, same results, on every executor. */
export const cases: ReadonlyArray<Case> = [
  {
    name: "results of plain and numpy/pandas values",
    code: `
import numpy as np, pandas as pd
results = {"x": 1, "s": "a", "l": [1, 2.5], "none": None, "mean": np.mean([1.0, 2.0]), "arr": np.arange(3),
           "frame": pd.DataFrame({"a": [1, 2]}), "nan": float("nan"), "gain": np.float64(1.0)}
`,
    check: (r) => {
      expect(r.error).toBeNull()
      expect(r.exitCode).toBe(0)
      expect(r.results).toEqual({ x: 1, s: "a", l: [1, 2.5], none: null, mean: 1.5, arr: [0, 1, 2], frame: [{ a: 1 }, { a: 2 }], nan: null, gain: 1 })
      // what JSON loses, the text keeps: 1.0 is a float
      expect(r.resultsText).toEqual({ x: "1", s: "a", l: "[1, 2.5]", none: "None", mean: "1.5", arr: "[0, 1, 2]", frame: "[{'a': 1}, {'a': 2}]", nan: "None", gain: "1.0" })
    }
  },
  {
    // libca starts a caRepeater from PATH; pyepics carries none for Linux, and without the runner's stand-in every
    // Channel Access client wrote four lines of "The executable "caRepeater" couldn't be located" to stderr
    name: "a Channel Access client starts quietly",
    code: `
import time
from epics import ca
ca.create_channel("pyexec:conformance:none")  # libca's UDP side, which starts the repeater, comes with a channel
time.sleep(0.5)
results = {"context": ca.current_context() is not None}
`,
    check: (r) => {
      expect(r.error).toBeNull()
      expect(r.results).toEqual({ context: true })
      expect(r.stderr).not.toContain("caRepeater")
    }
  },
  {
    name: "figures",
    code: `
import matplotlib.pyplot as plt
plt.plot([1, 2, 3]); plt.title("first")
plt.figure(); plt.bar(["a", "b"], [3, 4])
results = {"n": 2}
`,
    check: (r) => {
      expect(r.error).toBeNull()
      expect(r.figures).toHaveLength(2)
    }
  },
  {
    // 4 x 3 inches at 100 dpi is 400 x 300 pixels; the text right of the axes is kept only by a tight bounding box
    name: "a figure keeps what lies outside its axes (tight bounding box)",
    code: `
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot([1, 2, 3]); ax.set_ylabel("beam current (mA)", fontsize=18)
ax.text(1.1, 0.5, "a note to the right of the axes", transform=ax.transAxes)
results = {}
`,
    check: (r) => {
      expect(r.error).toBeNull()
      const png = fs.readFileSync(r.figures[0]!)
      expect(png.readUInt32BE(16)).toBeGreaterThan(500)
    }
  },
  {
    name: "stdout and stderr",
    code: `import sys\nprint("out 1")\nprint("err 1", file=sys.stderr)\nprint("out 2")\nresults = {}\n`,
    check: (r) => {
      expect(r.stdout).toBe("out 1\nout 2\n")
      expect(r.stderr).toBe("err 1\n")
    }
  },
  {
    // a module the code writes into its folder must not shadow a library it imports later
    name: "the run's folder is not on the import path",
    code: `import sys\nopen("pyexec_shadow_probe.py", "w").write("shadowed = True\\n")\ntry:\n    import pyexec_shadow_probe\n    found = True\nexcept ImportError:\n    found = False\nresults = {"found": found, "path": [p for p in sys.path if p in ("", ".")]}\n`,
    check: (r) => {
      expect(r.results).toEqual({ found: false, path: [] })
    }
  },
  {
    name: "an exception with its line",
    code: "x = 1\n\ny = x / 0\nresults = {}\n",
    check: (r) => {
      expect(r.exitCode).toBe(1)
      expect(r.error).toMatchObject({ type: "ZeroDivisionError", message: "division by zero", line: 3 })
      expect(r.error?.traceback).toContain("ZeroDivisionError")
      expect(r.error?.traceback).not.toContain("pyexec_runner")
    }
  },
  {
    name: "a syntax error",
    code: "results = {\n",
    check: (r) => {
      expect(r.error?.type).toBe("SyntaxError")
      expect(r.error?.line).toBe(1)
    }
  },
  {
    name: "a timeout",
    code: "import time\nprint('started', flush=True)\nwhile True:\n    time.sleep(0.05)\n",
    timeoutMs: 2000,
    check: (r) => {
      expect(r.timedOut).toBe(true)
      expect(r.error?.type).toBe("Timeout")
      expect(r.stdout).toBe("started\n")
      expect(r.resultsPresent).toBe(false)
    }
  },
  {
    name: "no results",
    code: "x = 1\n",
    check: (r) => {
      expect(r.error).toBeNull()
      expect(r.resultsPresent).toBe(false)
      expect(r.results).toBeNull()
    }
  },
  {
    name: "results that are not a dict",
    code: "results = [1, 2]\n",
    check: (r) => {
      expect(r.error?.type).toBe("TypeError")
      expect(r.resultsPresent).toBe(false)
    }
  },
  {
    name: "unicode output",
    code: `print("I ≥ 5 µA — 加速器 🚀")\nresults = {"unit": "µA", "ok": "✓"}\n`,
    check: (r) => {
      expect(r.stdout).toBe("I ≥ 5 µA — 加速器 🚀\n")
      expect(r.results).toEqual({ unit: "µA", ok: "✓" })
    }
  },
  {
    name: "large output, cut in the middle with a marker",
    code: `import sys\nprint("first line")\nsys.stdout.write("x" * (2 * 1024 * 1024))\nprint("\\nlast line")\nresults = {"done": True}\n`,
    check: (r) => {
      expect(r.stdoutTruncated).toBe(true)
      expect(r.stdout.startsWith("first line\nxxx")).toBe(true)
      expect(r.stdout.endsWith("xxx\nlast line\n")).toBe(true)
      const dropped = "first line\n".length + 2 * 1024 * 1024 + "\nlast line\n".length - maxOutputBytes
      expect(r.stdout).toContain(`[pyexec: ${dropped} bytes of output cut here (limit ${maxOutputBytes} bytes)]`)
      expect(r.stdout.length).toBeLessThan(maxOutputBytes + 100)
      expect(r.results).toEqual({ done: true })
    }
  },
  {
    name: "an exit code",
    code: "import sys\nprint('bye')\nsys.exit(3)\n",
    check: (r) => {
      expect(r.exitCode).toBe(1)
      expect(r.error?.message).toBe("the code called sys.exit(3)")
      expect(r.stdout).toBe("bye\n")
    }
  },
  {
    name: "a child process left running",
    code: "import subprocess\nsubprocess.Popen(['sleep', '60'])\nresults = {'spawned': True}\n",
    check: (r) => {
      expect(r.error).toBeNull()
      expect(r.results).toEqual({ spawned: true })
      expect(r.durationMs).toBeLessThan(30_000)
    }
  }
]

/** What must be equal across executors: everything but timings, paths and the Python patch version. */
export const comparable = (r: ExecutionResult.ExecutionResult) => ({
  stdout: r.stdout,
  stderr: r.stderr.replace(/File "[^"]*code\.py"/g, 'File "code.py"'),
  stdoutTruncated: r.stdoutTruncated,
  stderrTruncated: r.stderrTruncated,
  timedOut: r.timedOut,
  exitCode: r.timedOut ? "killed" : r.exitCode,
  results: r.results,
  resultsPresent: r.resultsPresent,
  figures: r.figures.length,
  error: r.error && { type: r.error.type, message: r.error.message.replace(/\d+ ms/, "N ms"), line: r.error.line }
})
