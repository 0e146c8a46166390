import { describe, expect, it } from "@effect/vitest"
import { extractCode } from "../src/index.js"

describe("extractCode", () => {
  it.each([
    ["a python fence", "Here:\n```python\nresults = {}\n```\nDone.", "results = {}"],
    ["a bare fence", "```\nx = 1\n```", "x = 1"],
    ["the python block among others", "```bash\npip install x\n```\n```py\ny = 2\n```", "y = 2"],
    ["an unclosed fence", "```python\nz = 3\n", "z = 3"],
    ["a bare reply", "results = {'a': 1}\n", "results = {'a': 1}"],
    ["a reasoning section", "<think>maybe caput?</think>\n```python\nw = 4\n```", "w = 4"]
  ])("takes %s", (_, reply, code) => {
    expect(extractCode(reply)).toBe(code)
  })

  it("gives nothing for an empty or blank reply", () => {
    expect(extractCode("")).toBe("")
    expect(extractCode("```python\n\n```")).toBe("")
    expect(extractCode("<think>hmm</think>  ")).toBe("")
  })
})
