import type { MetricPair } from "effect"

/**
 * Prometheus' text exposition format (version 0.0.4): `# HELP` and `# TYPE` once per name, then one line per
 * labelled value; a histogram as cumulative `_bucket{le=…}` lines with `_sum` and `_count`.
 */
export const contentType = "text/plain; version=0.0.4; charset=utf-8"

export interface Sample {
  readonly labels?: Readonly<Record<string, string>>
  readonly value: number
}

export interface Family {
  readonly name: string
  readonly help: string
  readonly type: "counter" | "gauge" | "histogram"
  /** Counters and gauges: their samples; histograms: their lines, already expanded. */
  readonly samples: ReadonlyArray<Sample & { readonly suffix?: string }>
}

const escapeLabel = (value: string) => value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")
const escapeHelp = (text: string) => text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n")
const number = (n: number) => (n === Number.POSITIVE_INFINITY ? "+Inf" : n === Number.NEGATIVE_INFINITY ? "-Inf" : Number.isNaN(n) ? "NaN" : String(n))

const labelsOf = (labels: Readonly<Record<string, string>> | undefined) => {
  const entries = Object.entries(labels ?? {})
  return entries.length === 0 ? "" : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`
}

export const render = (families: ReadonlyArray<Family>): string =>
  families
    .map((f) =>
      [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`, ...f.samples.map((s) => `${f.name}${s.suffix ?? ""}${labelsOf(s.labels)} ${number(s.value)}`)].join("\n")
    )
    .join("\n")
    .concat("\n")

/** Effect's metrics of this process (Metric.snapshot) as families: counters, gauges and histograms; others are left out. */
export const fromSnapshot = (pairs: ReadonlyArray<MetricPair.MetricPair.Untyped>): Array<Family> => {
  const families = new Map<string, { help: string; type: Family["type"]; samples: Array<Sample & { suffix?: string }> }>()
  for (const { metricKey: key, metricState: state } of pairs) {
    const labels = Object.fromEntries(key.tags.map((t) => [t.key, t.value]))
    const help = key.description._tag === "Some" ? key.description.value : key.name
    const family = (type: Family["type"]) => {
      const found = families.get(key.name) ?? { help, type, samples: [] }
      families.set(key.name, found)
      return found.samples
    }
    if ("count" in state && "buckets" in state) {
      const samples = family("histogram")
      const histogram = state as unknown as { buckets: ReadonlyArray<readonly [number, number]>; count: number; sum: number }
      for (const [le, count] of histogram.buckets) samples.push({ suffix: "_bucket", labels: { ...labels, le: number(le) }, value: count })
      samples.push({ suffix: "_sum", labels, value: histogram.sum }, { suffix: "_count", labels, value: histogram.count })
    } else if ("count" in state && !("quantiles" in state)) {
      family("counter").push({ labels, value: Number((state as { count: number | bigint }).count) })
    } else if ("value" in state) {
      family("gauge").push({ labels, value: Number((state as { value: number | bigint }).value) })
    }
  }
  return [...families].map(([name, f]) => ({ name, ...f }))
}
