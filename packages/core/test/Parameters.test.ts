import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { Parameters } from "../src/index.js"

const decode = Schema.decodeUnknownEither(Parameters.Parameters)
const problem = (value: unknown) => Either.match(decode(value), { onLeft: (e) => e.message, onRight: () => "valid" })

describe("Parameters", () => {
  it("are written as Python assignments above the code, and split off again", () => {
    const parameters = { gain: 0.5, pv: "SR:Q01:CURRENT_SP", on: true, off: false, none: null, steps: [1, 2.5], limits: { low: -1, note: 'a "quoted" é' } }
    const block = Parameters.block(parameters)
    expect(block).toBe(
      '# parameters, set by pyexec from the request\ngain = 0.5\npv = "SR:Q01:CURRENT_SP"\non = True\noff = False\nnone = None\nsteps = [1, 2.5]\nlimits = {"low": -1, "note": "a \\"quoted\\" é"}\n\n'
    )
    const code = Parameters.withParameters(parameters, "results = {'gain': gain}\n")
    expect(code).toBe(`${block}results = {'gain': gain}\n`)
    // a model that already started its code with them is not given them twice
    expect(Parameters.withParameters(parameters, code)).toBe(code)
    expect(Parameters.split(parameters, code)).toEqual({ block, rest: "results = {'gain': gain}\n" })
    expect(Parameters.split(parameters, "x = 1\n")).toEqual({ block: undefined, rest: "x = 1\n" })
    expect(Parameters.withParameters(undefined, "x = 1\n")).toBe("x = 1\n")
    expect(Parameters.withParameters({}, "x = 1\n")).toBe("x = 1\n")
  })

  it("names are Python names, not keywords nor results; values are JSON; 64 KiB at most", () => {
    expect(problem({ gain: 1, _x2: [null] })).toBe("valid")
    expect(problem({ "2x": 1 })).toContain("a parameter's name must be a Python name")
    expect(problem({ "a-b": 1 })).toContain("a parameter's name must be a Python name")
    expect(problem({ class: 1 })).toContain("'class' is a Python keyword")
    expect(problem({ results: 1 })).toContain("'results' is what the code sets")
    expect(problem({ x: Number.NaN })).toContain("must be a JSON value")
    expect(problem({ x: "y".repeat(70 * 1024) })).toContain("at most 64 KiB")
  })

  it("--param NAME=VALUE: the value as JSON when it reads as JSON, else as a string", () => {
    expect(Parameters.fromArgument("gain=0.5")).toEqual(["gain", 0.5])
    expect(Parameters.fromArgument('pvs=["A","B"]')).toEqual(["pvs", ["A", "B"]])
    expect(Parameters.fromArgument("pv=SR:Q01")).toEqual(["pv", "SR:Q01"])
    expect(Parameters.fromArgument("empty=")).toEqual(["empty", ""])
    expect(Parameters.fromArgument("gain")).toMatch(/^--param gain: write NAME=VALUE/)
  })
})
