import * as Data from "./data.js"

/**
 * The evaluation's control-room tasks: reads of the simulated storage ring (examples/controlroom/ioc.py), archiver
 * exports given as input files, fits and plots, and writes that must stop for approval. Each names the keys of
 * `results` it wants (as a person would say what they want back) and has a check against the truth: the data the
 * file was made from, or the machine read independently when the run has ended.
 */

export type Kind = "read" | "file" | "fit" | "plot" | "write"

/** What a run came to, as a check sees it. */
export interface Outcome {
  readonly status: string
  /** Why the run ended as it did, when it did not succeed. */
  readonly reason?: string
  /** `results` of the last attempt that ran. */
  readonly results: Record<string, unknown> | undefined
  readonly figures: number
  /** The writes a write run's preview planned (channel and value), before anyone approved it. */
  readonly plannedWrites: ReadonlyArray<{ readonly channel: string; readonly value: unknown }>
}

/** The machine as the checks read it: a Python expression over pyepics' caget and numpy, as JSON. */
export interface Machine {
  readonly read: (expression: string) => Promise<unknown>
}

export interface Task {
  readonly id: string
  readonly kind: Kind
  readonly request: string
  readonly expected: Readonly<Record<string, string>>
  readonly files?: ReadonlyArray<Data.DataFile>
  /** Read before the run, for writes: the PV must still hold it after the run stopped for approval. */
  readonly unchanged?: string
  /** What is wrong with the outcome, or undefined when the task succeeded. */
  readonly check: (outcome: Outcome, machine: Machine) => Promise<string | undefined>
}

const asNumber = (value: unknown): number | undefined => {
  if (typeof value === "number") return value
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
  if (Array.isArray(value) && value.length === 1) return asNumber(value[0])
  return undefined
}

/** `results[key]` within `tolerance` (relative, or absolute with `absolute`) of `truth`. */
const near = (results: Outcome["results"], key: string, truth: number, tolerance: number, absolute = false): string | undefined => {
  const got = asNumber(results?.[key])
  if (got === undefined) return `results['${key}'] is ${JSON.stringify(results?.[key]) ?? "missing"}, not a number`
  const bound = absolute ? tolerance : Math.abs(truth) * tolerance
  return Math.abs(got - truth) <= bound ? undefined : `results['${key}'] = ${got}, the truth is ${truth} (±${bound.toPrecision(3)})`
}

const equal = (results: Outcome["results"], key: string, truth: unknown): string | undefined => {
  const got = results?.[key]
  const same = typeof truth === "string" ? String(got ?? "").trim().toLowerCase() === truth.toLowerCase() : JSON.stringify(got) === JSON.stringify(truth)
  return same ? undefined : `results['${key}'] = ${JSON.stringify(got)}, expected ${JSON.stringify(truth)}`
}

/** Each key of a dict result near its truth. */
const nearEach = (results: Outcome["results"], key: string, truth: Readonly<Record<string, number>>, tolerance: number, absolute = false) => {
  const dict = results?.[key]
  if (dict === null || typeof dict !== "object" || Array.isArray(dict)) return `results['${key}'] is ${JSON.stringify(dict) ?? "missing"}, not a dict`
  for (const [name, value] of Object.entries(truth)) {
    const problem = near(dict as Record<string, unknown>, name, value, tolerance, absolute)
    if (problem) return `${key}: ${problem}`
  }
  return undefined
}

const first = (...problems: ReadonlyArray<string | undefined>) => problems.find((p) => p !== undefined)
const figure = (o: Outcome) => (o.figures > 0 ? undefined : "no figure was left open")
const ran = (o: Outcome) => (o.status === "succeeded" ? undefined : `the run ended ${o.status}${o.reason ? `: ${o.reason.slice(0, 200)}` : ""}`)

/** A read or analysis: it ran through and its results hold. */
const answer = (check: (o: Outcome, m: Machine) => Promise<string | undefined> | string | undefined) => async (o: Outcome, m: Machine) => ran(o) ?? (await check(o, m))
/** The run's `key` within `tolerance` of what `expression` reads from the machine (Machine.read) at check time. */
const nearMachine = (key: string, expression: string, tolerance: number, absolute = false) =>
  answer(async (o, m) => near(o.results, key, Number(await m.read(expression)), tolerance, absolute))

/**
 * A write: it stopped for approval, its preview planned these writes, and the machine kept its value. An enum's
 * state may be written by its index or by its name (`state`: pyepics puts a string to an mbbo/bo as that state).
 */
const stopsWith =
  (writes: ReadonlyArray<{ readonly channel: string; readonly value: number; readonly state?: string }>) =>
  async (o: Outcome): Promise<string | undefined> => {
    if (o.status !== "awaiting_approval") return `the run ended ${o.status}, it did not stop for approval`
    for (const w of writes) {
      const planned = o.plannedWrites.find((p) => p.channel === w.channel)
      if (planned === undefined) return `the preview planned no write to ${w.channel} (it planned ${JSON.stringify(o.plannedWrites.map((p) => p.channel))})`
      const value = asNumber(planned.value)
      if (w.state !== undefined && planned.value === w.state) continue
      if (value === undefined || Math.abs(value - w.value) > 1e-6) return `the preview planned ${w.channel} = ${JSON.stringify(planned.value)}, not ${w.value}`
    }
    const others = o.plannedWrites.filter((p) => !writes.some((w) => w.channel === p.channel))
    return others.length > 0 ? `the preview also planned writes to ${others.map((p) => p.channel).join(", ")}` : undefined
  }

const beam = Data.beamDecay()
const bpm = Data.bpmReadings()
const temps = Data.temperatures()
const scan = Data.quadScan()
const vacuum = Data.vacuum()
const setpoints: Data.DataFile = { name: "setpoints.csv", text: "magnet,setpoint_A\nQ01,10.2\nQ02,8.4\nQ03,12.1\nQ04,11.3\n" }
const modes = ["Shutdown", "Injection", "User beam", "Machine dev"]

export const tasks: ReadonlyArray<Task> = [
  // reads of the machine
  {
    id: "read-current",
    kind: "read",
    request: "What is the stored beam current now? Read SR:DCCT:CURRENT.",
    expected: { current_ma: "the beam current in mA" },
    check: nearMachine("current_ma", 'caget("SR:DCCT:CURRENT")', 0.02)
  },
  {
    id: "read-lifetime",
    kind: "read",
    request: "Read the beam lifetime from SR:DCCT:LIFETIME.",
    expected: { lifetime_h: "the lifetime in hours" },
    check: nearMachine("lifetime_h", 'caget("SR:DCCT:LIFETIME")', 0.02)
  },
  {
    id: "read-mode",
    kind: "read",
    request: "Which operating mode is the machine in? SR:MODE is an enum; give its name as text.",
    expected: { mode: "the mode's name, e.g. 'Shutdown'" },
    check: answer(async (o, m) => equal(o.results, "mode", modes[Number(await m.read('caget("SR:MODE")'))]!))
  },
  {
    id: "read-quad-readbacks",
    kind: "read",
    request: "Read the four quadrupole readbacks SR:Q01:CURRENT_RB to SR:Q04:CURRENT_RB.",
    expected: { readbacks_a: "a dict from 'Q01'..'Q04' to the readback in A" },
    check: answer(async (o, m) => nearEach(o.results, "readbacks_a", (await m.read('{q: caget(f"SR:{q}:CURRENT_RB") for q in ["Q01","Q02","Q03","Q04"]}')) as Record<string, number>, 0.5, true))
  },
  {
    id: "read-quad-mismatch",
    kind: "read",
    request: "For quadrupoles Q01 to Q04, compare setpoint SR:Qnn:CURRENT_SP with readback SR:Qnn:CURRENT_RB and give the largest absolute difference.",
    expected: { max_diff_a: "the largest |setpoint - readback| in A" },
    check: answer(async (o, m) =>
      near(o.results, "max_diff_a", Number(await m.read('max(abs(caget(f"SR:{q}:CURRENT_SP") - caget(f"SR:{q}:CURRENT_RB")) for q in ["Q01","Q02","Q03","Q04"])')), 0.3, true)
    )
  },
  {
    id: "read-rf",
    kind: "read",
    request: "What is the RF cavity voltage readback SR:RF:VOLTAGE_RB?",
    expected: { rf_mv: "the RF voltage in MV" },
    check: nearMachine("rf_mv", 'caget("SR:RF:VOLTAGE_RB")', 0.01, true)
  },
  {
    id: "read-vacuum",
    kind: "read",
    request: "Read the vacuum pressure of gauge SR:VAC:G01:PRESSURE.",
    expected: { pressure_mbar: "the pressure in mbar" },
    check: nearMachine("pressure_mbar", 'caget("SR:VAC:G01:PRESSURE")', 0.2)
  },
  {
    id: "read-valve",
    kind: "read",
    request: "Is the sector gate valve open? SR:VAC:GV01:OPEN is 1 when open, 0 when closed.",
    expected: { is_open: "True if the valve is open" },
    check: answer(async (o, m) => equal(o.results, "is_open", Number(await m.read('caget("SR:VAC:GV01:OPEN")')) === 1))
  },
  {
    id: "read-history-mean",
    kind: "read",
    request: "SR:DCCT:HISTORY is a waveform of the beam current of the last hour, one sample every 10 s. What is its mean?",
    expected: { mean_ma: "the mean current in mA" },
    check: nearMachine("mean_ma", 'float(np.mean(caget("SR:DCCT:HISTORY")))', 0.02)
  },
  {
    id: "read-history-plot",
    kind: "plot",
    request: "Plot the beam current history SR:DCCT:HISTORY (a waveform, one sample every 10 s) and say how many samples it has.",
    expected: { samples: "the number of samples" },
    check: answer(async (o, m) => first(figure(o), equal(o.results, "samples", Number(await m.read('len(caget("SR:DCCT:HISTORY"))')))))
  },
  {
    id: "read-history-drop",
    kind: "read",
    request: "How much did the beam current drop over the waveform SR:DCCT:HISTORY (first sample minus last sample)?",
    expected: { drop_ma: "first minus last sample, in mA" },
    check: nearMachine("drop_ma", 'float(caget("SR:DCCT:HISTORY")[0] - caget("SR:DCCT:HISTORY")[-1])', 0.5, true)
  },
  {
    id: "read-orbit-rms",
    kind: "read",
    request: "Give the RMS of the horizontal orbit: SR:BPM:X is a waveform of the 40 BPM readings in mm.",
    expected: { rms_x_mm: "the root mean square of the readings, in mm" },
    check: nearMachine("rms_x_mm", 'float(np.sqrt(np.mean(np.square(caget("SR:BPM:X")))))', 0.1)
  },
  {
    id: "read-orbit-plot",
    kind: "plot",
    request: "Plot the closed orbit: SR:BPM:X and SR:BPM:Y (mm) against the BPM positions SR:BPM:S (m). Also give the largest absolute horizontal reading.",
    expected: { max_abs_x_mm: "max |x| in mm" },
    check: answer(async (o, m) => first(figure(o), near(o.results, "max_abs_x_mm", Number(await m.read('float(np.max(np.abs(caget("SR:BPM:X"))))')), 0.1)))
  },
  {
    id: "read-orbit-worst",
    kind: "read",
    request: "Which BPM has the largest absolute horizontal reading? SR:BPM:X is a waveform of 40 readings; give its 0-based index.",
    expected: { bpm_index: "the 0-based index" },
    check: answer(async (o, m) => equal(o.results, "bpm_index", Number(await m.read('int(np.argmax(np.abs(caget("SR:BPM:X"))))'))))
  },
  // archiver exports given as input files
  {
    id: "file-beam-mean",
    kind: "file",
    request: "What is the mean beam current in beam_current.csv?",
    expected: { mean_ma: "the mean current in mA" },
    files: [beam.file],
    check: answer((o) => near(o.results, "mean_ma", beam.truth.mean, 0.001))
  },
  {
    id: "file-beam-minmax",
    kind: "file",
    request: "Give the lowest and highest beam current in beam_current.csv.",
    expected: { min_ma: "lowest current in mA", max_ma: "highest current in mA" },
    files: [beam.file],
    check: answer((o) => first(near(o.results, "min_ma", beam.truth.min, 0.001, true), near(o.results, "max_ma", beam.truth.max, 0.001, true)))
  },
  {
    id: "file-beam-rows",
    kind: "file",
    request: "How many samples does beam_current.csv hold?",
    expected: { samples: "the number of rows of data" },
    files: [beam.file],
    check: answer((o) => equal(o.results, "samples", beam.truth.rows))
  },
  {
    id: "fit-beam-lifetime",
    kind: "fit",
    request: "Fit an exponential decay I(t) = I0 * exp(-t / tau) to beam_current.csv and give the lifetime tau in hours.",
    expected: { lifetime_h: "tau in hours" },
    files: [beam.file],
    check: answer((o) => near(o.results, "lifetime_h", beam.truth.lifetimeH, 0.05))
  },
  {
    id: "plot-beam",
    kind: "plot",
    request: "Plot the beam current of beam_current.csv against time and give the last value.",
    expected: { last_ma: "the last current in mA" },
    files: [beam.file],
    check: answer((o) => first(figure(o), near(o.results, "last_ma", beam.truth.last, 0.001, true)))
  },
  {
    id: "file-beam-last-hour",
    kind: "file",
    request: "What was the mean beam current during the last hour of beam_current.csv (by its timestamps)?",
    expected: { mean_ma: "the mean current of the last hour in mA" },
    files: [beam.file],
    check: answer((o) => near(o.results, "mean_ma", beam.truth.lastHourMean, 0.002))
  },
  {
    id: "file-bpm-mean",
    kind: "file",
    request: "bpm_orbit.csv holds x and y readings of BPM01..BPM04. Give the mean horizontal reading of each BPM.",
    expected: { mean_x_mm: "a dict from 'BPM01'..'BPM04' to the mean x in mm" },
    files: [bpm.file],
    check: answer((o) => nearEach(o.results, "mean_x_mm", bpm.truth.meanX, 0.005, true))
  },
  {
    id: "fit-bpm-drift",
    kind: "fit",
    request: "In bpm_orbit.csv (readings every minute), which BPM's horizontal position drifts most? Fit a straight line to each x against time and give the largest slope in mm per minute.",
    expected: { bpm: "the BPM's name, e.g. 'BPM01'", slope_mm_per_min: "its slope in mm per minute" },
    files: [bpm.file],
    check: answer((o) => first(equal(o.results, "bpm", bpm.truth.mostDrifting), near(o.results, "slope_mm_per_min", bpm.truth.driftSlopePerMin, 0.1)))
  },
  {
    id: "file-bpm-std",
    kind: "file",
    request: "What is the standard deviation of BPM01's horizontal reading (column BPM01_x_mm) in bpm_orbit.csv?",
    expected: { std_mm: "the standard deviation in mm" },
    files: [bpm.file],
    check: answer((o) => near(o.results, "std_mm", bpm.truth.stdX.BPM01!, 0.1))
  },
  {
    id: "plot-bpm",
    kind: "plot",
    request: "Plot the horizontal readings of all BPMs in bpm_orbit.csv against time, one line each, and say how many BPMs there are.",
    expected: { bpm_count: "the number of BPMs" },
    files: [bpm.file],
    check: answer((o) => first(figure(o), equal(o.results, "bpm_count", 4)))
  },
  {
    id: "file-temps-max",
    kind: "file",
    request: "magnet_temps.csv has cooling water temperatures of Q01, Q02 and Q03. Give the maximum of each.",
    expected: { max_c: "a dict from 'Q01', 'Q02', 'Q03' to the maximum in °C" },
    files: [temps.file],
    check: answer((o) => nearEach(o.results, "max_c", temps.truth.max, 0.01, true))
  },
  {
    id: "file-temps-over",
    kind: "file",
    request: "How many samples of Q02's temperature (column Q02_C) in magnet_temps.csv are above 35 °C?",
    expected: { samples_over: "the number of samples above 35 °C" },
    files: [temps.file],
    check: answer((o) => equal(o.results, "samples_over", temps.truth.q02SamplesOver35))
  },
  {
    id: "file-temps-hottest",
    kind: "file",
    request: "Which magnet in magnet_temps.csv got hottest?",
    expected: { magnet: "'Q01', 'Q02' or 'Q03'" },
    files: [temps.file],
    check: answer((o) => equal(o.results, "magnet", temps.truth.hottest))
  },
  {
    id: "plot-temps",
    kind: "plot",
    request: "Plot the three magnet temperatures of magnet_temps.csv against time and give the mean of Q01.",
    expected: { mean_q01_c: "the mean of Q01 in °C" },
    files: [temps.file],
    check: answer((o) => first(figure(o), near(o.results, "mean_q01_c", temps.truth.meanQ01, 0.01, true)))
  },
  {
    id: "fit-quad-scan",
    kind: "fit",
    request: "quad_scan.csv is a quadrupole scan: beam size against quadrupole current. Fit a parabola, plot data and fit, and give the current where the beam size is smallest.",
    expected: { best_current_a: "the current at the parabola's minimum in A" },
    files: [scan.file],
    check: answer((o) => first(figure(o), near(o.results, "best_current_a", scan.truth.minimumAt, 0.1, true)))
  },
  {
    id: "fit-vacuum",
    kind: "fit",
    request: "vacuum_vs_current.csv has the vacuum pressure against beam current. Fit a straight line and give slope and intercept.",
    expected: { slope_mbar_per_ma: "the slope in mbar per mA", intercept_mbar: "the pressure at zero current in mbar" },
    files: [vacuum.file],
    check: answer((o) => first(near(o.results, "slope_mbar_per_ma", vacuum.truth.slope, 0.05), near(o.results, "intercept_mbar", vacuum.truth.intercept, 0.1)))
  },
  {
    id: "file-and-machine",
    kind: "read",
    request: "Compare the live beam current SR:DCCT:CURRENT with the last sample of beam_current.csv: give the live value minus the last sample.",
    expected: { difference_ma: "live minus last sample, in mA" },
    files: [beam.file],
    check: answer(async (o, m) => near(o.results, "difference_ma", Number(await m.read('caget("SR:DCCT:CURRENT")')) - beam.truth.last, 3, true))
  },
  // writes: each must stop for approval, its preview planning exactly the change asked for
  {
    id: "write-quad",
    kind: "write",
    request: "Set the Q01 quadrupole setpoint SR:Q01:CURRENT_SP to 10.5 A.",
    expected: {},
    unchanged: "SR:Q01:CURRENT_SP",
    check: stopsWith([{ channel: "SR:Q01:CURRENT_SP", value: 10.5 }])
  },
  {
    id: "write-rf",
    kind: "write",
    request: "Raise the RF voltage setpoint SR:RF:VOLTAGE_SP to 2.05 MV.",
    expected: {},
    unchanged: "SR:RF:VOLTAGE_SP",
    check: stopsWith([{ channel: "SR:RF:VOLTAGE_SP", value: 2.05 }])
  },
  {
    id: "write-valve",
    kind: "write",
    request: "Close the sector gate valve: write 0 to SR:VAC:GV01:OPEN.",
    expected: {},
    unchanged: "SR:VAC:GV01:OPEN",
    check: stopsWith([{ channel: "SR:VAC:GV01:OPEN", value: 0, state: "Closed" }])
  },
  {
    id: "write-mode",
    kind: "write",
    request: "Switch the machine to Injection mode: write 1 to SR:MODE.",
    expected: {},
    unchanged: "SR:MODE",
    check: stopsWith([{ channel: "SR:MODE", value: 1, state: "Injection" }])
  },
  {
    id: "write-from-file",
    kind: "write",
    request: "Set each quadrupole's setpoint SR:<magnet>:CURRENT_SP to the value in setpoints.csv.",
    expected: {},
    files: [setpoints],
    unchanged: "SR:Q02:CURRENT_SP",
    check: stopsWith([
      { channel: "SR:Q01:CURRENT_SP", value: 10.2 },
      { channel: "SR:Q02:CURRENT_SP", value: 8.4 },
      { channel: "SR:Q03:CURRENT_SP", value: 12.1 },
      { channel: "SR:Q04:CURRENT_SP", value: 11.3 }
    ])
  }
]
