import { describe, expect, it } from "@effect/vitest"
import type { CodeGenerator } from "@pyexec/core"
import { Prompt } from "../src/index.js"

const environment = {
  python: "3.11.2",
  libraries: [
    { name: "numpy", module: "numpy", version: "1.26.4" },
    { name: "pyepics", module: "epics", version: "3.5.7" },
    { name: "scikit-learn", module: "sklearn", version: "1.5.0" }
  ]
}

const input = (overrides: Partial<CodeGenerator.GenerationInput> = {}): CodeGenerator.GenerationInput => ({
  request: {
    query: "mean beam current of the archiver export",
    requester: "op",
    inputFiles: [{ name: "beam.csv", size: 48_213, sha256: "a".repeat(64), firstLine: "timestamp,current_mA" }, { name: "scan.bin", size: 512, sha256: "b".repeat(64) }]
  },
  attempt: 1,
  feedback: [],
  ...overrides
})

const [system, user] = Prompt.messages(input({ environment }))

describe("the control room's prompt", () => {
  it("names the libraries the run's Python has, with their versions and the module to import", () => {
    expect(system?.content).toContain("The code runs on Python 3.11.2 with: numpy 1.26.4, pyepics 3.5.7 (import epics), scikit-learn 1.5.0 (import sklearn).")
    expect(system?.content).toContain("Use no other third-party library")
    // without an answer from the executor it names none, rather than a list that may be wrong
    const [unknown] = Prompt.messages(input())
    expect(unknown?.content).not.toContain("The code runs on Python")
    expect(unknown?.content).not.toContain("scipy")
  })

  it("holds the EPICS conventions, read versus write, and short examples", () => {
    const text = system?.content ?? ""
    expect(text).toContain("from epics import caget, caput")
    expect(text).toContain("caget returns None when a PV does not answer")
    expect(text).toContain("dict named `results`")
    expect(text).toContain("Never call plt.show()")
    expect(text).toContain("Only read, unless the request asks to change something")
    expect(text).toContain("caput(pv, value, wait=True)")
    expect(text.match(/```python/g)?.length).toBe(4) // the reply's format and three examples
    // what a 1.5B model pays on every attempt: about 700 tokens at ~4 characters a token
    expect(text.length).toBeLessThan(2800)
  })

  it("shows a file's example only when the request brings files (with one in view, the 1.5B model read PVs as CSV files)", () => {
    const [noFiles] = Prompt.messages(input({ environment, request: { query: "mean beam current of the last hour", requester: "op" } }))
    expect(noFiles?.content).not.toContain("read_csv")
    expect(noFiles?.content.match(/```python/g)?.length).toBe(3) // the reply's format, a read and a write
    expect(system?.content).toContain('pd.read_csv("scan.csv")')
  })

  it("tells the model of the input files: names, sizes and a CSV's header", () => {
    expect(user?.content).toContain("Input files, in the current folder:\n- beam.csv (47.1 KiB), first line: timestamp,current_mA\n- scan.bin (512 B)")
  })

  it("the plain style is the rules alone", () => {
    const [plain, plainUser] = Prompt.messages(input({ environment, prompt: "plain" }))
    expect(plain?.content).toBe(Prompt.plainSystemPrompt)
    expect(plain?.content).not.toContain("caget returns None")
    expect(plainUser?.content).toContain("- beam.csv (47.1 KiB)")
  })
})

describe("the site's notes", () => {
  const notes = "SR:DCCT:HISTORY: waveform, the beam current of the last hour, one sample every 10 s (mA)."
  it("head the request, in either style, and stay out of the system prompt (its beginning is the same for every site)", () => {
    for (const prompt of ["controlroom", "plain"] as const) {
      const [withNotes, request] = Prompt.messages(input({ environment, prompt, siteNotes: notes }))
      expect(withNotes?.content).toBe(Prompt.messages(input({ environment, prompt }))[0]?.content)
      expect(request?.content.startsWith(`About this site (its names, not the examples'):\n${notes}\n\nRequest: mean beam current`)).toBe(true)
    }
    expect(user?.content.startsWith("Request: ")).toBe(true)
  })
})
