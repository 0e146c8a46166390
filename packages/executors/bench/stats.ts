import { execFileSync } from "node:child_process"

export const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** Median wall time of `times` calls, after one warm-up call; `pauseMs` (untimed) before each call. */
export const timeIt = async (times: number, f: () => unknown, pauseMs = 0): Promise<number> => {
  await f()
  const samples: Array<number> = []
  for (let i = 0; i < times; i++) {
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs))
    const t = performance.now()
    await f()
    samples.push(performance.now() - t)
  }
  return median(samples)
}

/** A command run to completion; a failure stops the benchmark with its output. */
export const command = (file: string, args: ReadonlyArray<string>) => () => {
  execFileSync(file, args, { stdio: ["ignore", "ignore", "pipe"] })
}
