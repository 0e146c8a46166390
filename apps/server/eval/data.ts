/**
 * Archiver-style data files for the evaluation, made from a seed so that every run of the suite asks the same
 * questions of the same numbers, and the truth each task is checked against is computed here from the same values.
 */

/** A small deterministic generator (mulberry32) and Gaussian noise from it (Box-Muller). */
const random = (seed: number) => {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const gauss = (sigma: number) => sigma * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  return { next, gauss }
}

const start = Date.UTC(2026, 2, 1, 8, 0, 0)
const stamp = (ms: number) => new Date(ms).toISOString().replace(".000Z", "")
const round = (x: number, digits: number) => Number(x.toFixed(digits))

export interface DataFile {
  readonly name: string
  readonly text: string
}

const csv = (name: string, header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): DataFile => ({
  name,
  text: `${[header.join(","), ...rows.map((r) => r.join(","))].join("\n")}\n`
})

const mean = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0) / xs.length
const std = (xs: ReadonlyArray<number>) => {
  const m = mean(xs)
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1))
}

/** The beam current of a 2 h fill, every 10 s: 300 mA decaying with a 9.5 h lifetime, plus noise. */
export const beamDecay = () => {
  const r = random(7)
  const tauH = 9.5
  const t = Array.from({ length: 721 }, (_, i) => i * 10)
  const current = t.map((s) => round(300 * Math.exp(-s / 3600 / tauH) + r.gauss(0.05), 3))
  const file = csv("beam_current.csv", ["timestamp", "current_mA"], t.map((s, i) => [stamp(start + s * 1000), current[i]!]))
  // what a fit of the noise-free model gives: the lifetime the data were made with
  return { file, truth: { lifetimeH: tauH, mean: mean(current), min: Math.min(...current), max: Math.max(...current), first: current[0]!, last: current.at(-1)!, rows: current.length, lastHourMean: mean(current.slice(360)) } }
}

/** A BPM archive: x and y (mm) of 4 BPMs every minute for 3 h; BPM03's x drifts by 0.002 mm/min. */
export const bpmReadings = () => {
  const r = random(11)
  const names = ["BPM01", "BPM02", "BPM03", "BPM04"]
  const offsets = { BPM01: [0.12, -0.05], BPM02: [-0.31, 0.02], BPM03: [0.05, 0.11], BPM04: [0.2, -0.15] } as const
  const rows: Array<Array<string | number>> = []
  const x: Record<string, Array<number>> = Object.fromEntries(names.map((n) => [n, []]))
  for (let m = 0; m < 180; m++) {
    const row: Array<string | number> = [stamp(start + m * 60_000)]
    for (const n of names) {
      const [ox, oy] = offsets[n as keyof typeof offsets]
      const xv = round(ox + (n === "BPM03" ? 0.002 * m : 0) + r.gauss(0.01), 4)
      x[n]!.push(xv)
      row.push(xv, round(oy + r.gauss(0.01), 4))
    }
    rows.push(row)
  }
  const file = csv("bpm_orbit.csv", ["timestamp", ...names.flatMap((n) => [`${n}_x_mm`, `${n}_y_mm`])], rows)
  const rms = Object.fromEntries(names.map((n) => [n, std(x[n]!)]))
  return { file, truth: { meanX: Object.fromEntries(names.map((n) => [n, mean(x[n]!)])), stdX: rms, driftSlopePerMin: 0.002, mostDrifting: "BPM03" } }
}

/** Cooling water temperatures (°C) of 3 magnets every 5 min for a day; Q02 goes above 35 °C for one hour. */
export const temperatures = () => {
  const r = random(23)
  const rows: Array<Array<string | number>> = []
  const q: Record<string, Array<number>> = { Q01: [], Q02: [], Q03: [] }
  for (let i = 0; i < 288; i++) {
    const daily = 1.5 * Math.sin((2 * Math.PI * i) / 288)
    const values = {
      Q01: round(28 + daily + r.gauss(0.1), 2),
      Q02: round(29 + daily + (i >= 120 && i < 132 ? 8 : 0) + r.gauss(0.1), 2),
      Q03: round(27.5 + daily + r.gauss(0.1), 2)
    }
    for (const [k, v] of Object.entries(values)) q[k]!.push(v)
    rows.push([stamp(start + i * 300_000), values.Q01, values.Q02, values.Q03])
  }
  const file = csv("magnet_temps.csv", ["timestamp", "Q01_C", "Q02_C", "Q03_C"], rows)
  const over = q.Q02!.filter((v) => v > 35).length
  return { file, truth: { max: { Q01: Math.max(...q.Q01!), Q02: Math.max(...q.Q02!), Q03: Math.max(...q.Q03!) }, meanQ01: mean(q.Q01!), q02SamplesOver35: over, hottest: "Q02" } }
}

/** A quadrupole scan: beam size (mm) against quadrupole current (A), a parabola with its minimum at 11.3 A. */
export const quadScan = () => {
  const r = random(31)
  const currents = Array.from({ length: 15 }, (_, i) => round(8 + i * 0.5, 2))
  const sizes = currents.map((c) => round(0.42 + 0.05 * (c - 11.3) ** 2 + r.gauss(0.004), 4))
  return { file: csv("quad_scan.csv", ["current_A", "beam_size_mm"], currents.map((c, i) => [c, sizes[i]!])), truth: { minimumAt: 11.3, minimumSize: 0.42 } }
}

/** Vacuum pressure (mbar) against beam current (mA): a straight line, 2.5e-10 + 8e-12 per mA. */
export const vacuum = () => {
  const r = random(43)
  const currents = Array.from({ length: 40 }, (_, i) => round(20 + i * 7, 1))
  const pressure = currents.map((c) => (2.5e-10 + 8e-12 * c) * (1 + r.gauss(0.01)))
  return {
    file: csv("vacuum_vs_current.csv", ["current_mA", "pressure_mbar"], currents.map((c, i) => [c, pressure[i]!.toExponential(4)])),
    truth: { slope: 8e-12, intercept: 2.5e-10 }
  }
}
