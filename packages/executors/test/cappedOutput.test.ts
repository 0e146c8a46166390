import { describe, expect, it } from "vitest"
import { capped, cutMarker } from "../src/internal/output.js"

/** What `capped(max)` keeps of these chunks. */
const keep = (max: number, ...chunks: ReadonlyArray<string>) => {
  const out = capped(max)
  for (const chunk of chunks) out.push(Buffer.from(chunk, "utf8"))
  return { text: out.text(), truncated: out.truncated() }
}

describe("captured output over its limit (capped)", () => {
  it("keeps output that fits whole, however it came", () => {
    expect(keep(16, "0123456", "789abcdef")).toEqual({ text: "0123456789abcdef", truncated: false })
  })

  it("keeps the first and the last half, and says how many bytes were cut between them", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(2, "0")}\n`)
    const { text, truncated } = keep(80, ...lines)
    expect(truncated).toBe(true)
    expect(text).toBe(`${lines.join("").slice(0, 40)}${cutMarker(800 - 80, 80)}${lines.join("").slice(-40)}`)
    expect(text.endsWith("line 99\n")).toBe(true)
  })

  it("cuts on character boundaries: no half of a character is left at either side of the cut", () => {
    // 3-byte characters, 10 of them: 30 bytes into 10 (5 + 5): neither side divides by 3
    const { text } = keep(10, "€".repeat(10))
    const [start, end] = text.split(/\n\[pyexec: .*\]\n/)
    expect(start).toBe("€")
    expect(end).toBe("€")
    expect(text).not.toContain("\uFFFD")
  })
})
