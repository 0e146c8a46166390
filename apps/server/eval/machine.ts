import { execFile } from "node:child_process"
import * as path from "node:path"
import { promisify } from "node:util"
import { controlRoomEnv } from "../test/support/controlRoom.js"
import type { Machine } from "./tasks.js"

const run = promisify(execFile)

/**
 * The simulated machine read on its own, for the truth the checks compare with: a Python expression over pyepics'
 * caget (a None, when a PV does not answer, is an error) and numpy, evaluated by the project's Python.
 */
export const controlRoom = (repoRoot: string): Machine & { readonly epics: Record<string, string> } => {
  const epics = controlRoomEnv()
  const python = path.join(repoRoot, ".venv/bin/python")
  const program = `import json, sys
import numpy as np
from epics import caget as _caget

def caget(pv):
    value = _caget(pv, timeout=5)
    if value is None:
        raise SystemExit("no answer from " + pv)
    return value

value = eval(sys.argv[1])
print(json.dumps(value.tolist() if hasattr(value, "tolist") else value, default=float))
`
  return {
    epics,
    read: async (expression) => {
      const { stdout } = await run(python, ["-c", program, expression], { env: { ...process.env, ...epics }, timeout: 30_000 })
      return JSON.parse(stdout) as unknown
    }
  }
}
