import { describe, expect, it } from "vitest"
import { parse } from "../src/internal/command.js"

describe("reading /pyexec's text", () => {
  it.each([
    ["", { kind: "help" }],
    ["help", { kind: "help" }],
    ["status 3f2a9c1e", { kind: "status", runId: "3f2a9c1e" }],
    ["mean beam current of the last hour", { kind: "ask", query: "mean beam current of the last hour" }],
    ["exec\n```python\nx = 1 &lt; 2\nresults = {'x': x}\n```", { kind: "exec", code: "x = 1 < 2\nresults = {'x': x}" }],
    ["exec ```results = {'a': 1}```", { kind: "exec", code: "results = {'a': 1}" }],
    ["exec\n```\nimport numpy as np\nresults = {}\n```", { kind: "exec", code: "import numpy as np\nresults = {}" }],
    ["exec results = {'b': 2}", { kind: "exec", code: "results = {'b': 2}" }],
    ["executive summary of the orbit", { kind: "ask", query: "executive summary of the orbit" }]
  ])("%j", (text, expected) => {
    expect(parse(text)).toEqual(expected)
  })

  it("says what is missing", () => {
    expect(parse("exec")).toMatchObject({ kind: "help", problem: expect.stringContaining("needs the code") })
    expect(parse("status")).toMatchObject({ kind: "help", problem: expect.stringContaining("one run ID") })
    expect(parse("status a b")).toMatchObject({ kind: "help", problem: expect.stringContaining("one run ID") })
  })
})
