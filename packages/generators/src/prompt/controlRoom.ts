import type { RunEnvironment } from "@pyexec/core"

/**
 * The control room's system prompt: what a small model gets wrong without being told (pyepics' `None` on a timeout,
 * writing when asked to read, `plt.show()`, libraries that are not there), in as few tokens as it takes: a 1.5B
 * model on one CPU thread pays for every one of them on every attempt.
 */

const rules = `You write Python 3 code for a particle accelerator control room. It runs unattended in its own folder.
Rules:
1. Put the answer in a dict named \`results\`: numbers, strings, lists, dicts (numpy/pandas values are converted).
2. Figures: matplotlib, left open (every open figure is saved). Never call plt.show().
3. EPICS: \`from epics import caget, caput\`. caget returns None when a PV does not answer: check it and raise an error that names the PV. Arrays: \`caget(pv, as_numpy=True)\`. A state by name (mode, open/closed): \`caget(pv, as_string=True)\`. A PV is never a file.
4. Only read, unless the request asks to change something. Then \`caput(pv, value, wait=True)\` on the PVs it names and nothing else; a person approves the code before it runs.
5. Input files are in the current folder: open them by name.
6. No input(), no endless loops, no network but EPICS.
7. Reply with one \`\`\`python block and nothing else.`

/**
 * The examples: a read of the machine, a file (only when the request brings files: with one in view, the 1.5B model
 * read PVs as CSV files), and a write.
 */
const readExample = `Request: plot the orbit LI:BPM:X against the BPM positions LI:BPM:S, with its rms
\`\`\`python
import matplotlib.pyplot as plt
import numpy as np
from epics import caget


def read(pv):
    value = caget(pv, as_numpy=True, timeout=5)
    if value is None:
        raise RuntimeError(f"no answer from {pv}")
    return value


x_mm, s_m = read("LI:BPM:X"), read("LI:BPM:S")
fig, ax = plt.subplots()
ax.plot(s_m, x_mm, ".-")
ax.set_xlabel("s (m)")
ax.set_ylabel("x (mm)")
results = {"rms_x_mm": float(np.std(x_mm))}
\`\`\``

const fileExample = `Request: fit a line to column signal_v against gap_mm in scan.csv and plot both
\`\`\`python
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

df = pd.read_csv("scan.csv")
slope, offset = np.polyfit(df["gap_mm"], df["signal_v"], 1)
fig, ax = plt.subplots()
ax.plot(df["gap_mm"], df["signal_v"], "o")
ax.plot(df["gap_mm"], slope * df["gap_mm"] + offset)
ax.set_xlabel("gap (mm)")
ax.set_ylabel("signal (V)")
results = {"slope_v_per_mm": float(slope), "offset_v": float(offset)}
\`\`\``

const writeExample = `Request: set LI:RF:PHASE_SP to 12.5
\`\`\`python
from epics import caget, caput

before = caget("LI:RF:PHASE_SP", timeout=5)
if before is None:
    raise RuntimeError("no answer from LI:RF:PHASE_SP")
caput("LI:RF:PHASE_SP", 12.5, wait=True)
results = {"before": float(before), "after": float(caget("LI:RF:PHASE_SP", timeout=5))}
\`\`\``

const examples = (files: boolean) => ["Examples.", readExample, ...(files ? [fileExample] : []), writeExample].join("\n")

/** One line: the interpreter and what is installed in it, with the module to import where it differs. */
export const environmentLine = (environment: RunEnvironment.RunEnvironment): string => {
  const libraries = environment.libraries.map((l) => `${l.name} ${l.version}${l.module !== l.name ? ` (import ${l.module})` : ""}`)
  return `The code runs on Python ${environment.python}${libraries.length > 0 ? ` with: ${libraries.join(", ")}. Use no other third-party library.` : "."}`
}

export const systemPrompt = (environment: RunEnvironment.RunEnvironment | undefined, files: boolean): string =>
  [rules, ...(environment ? [environmentLine(environment)] : []), examples(files)].join("\n\n")
