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
    expect(extractCode(reply)).toEqual({ code, prose: false })
  })

  it("gives nothing for an empty or blank reply", () => {
    for (const reply of ["", "```python\n\n```", "<think>hmm</think>  "]) expect(extractCode(reply)).toEqual({ code: "", prose: false })
  })

  it.each([
    ["a refusal", "I cannot help with that."],
    ["an apology", "Sorry, I can't write code that changes the machine."],
    ["a question", "Which quadrupole do you mean?"],
    ["a note", "Note: the PV name is missing."]
  ])("tells %s without a fence from code", (_, reply) => {
    expect(extractCode(reply)).toEqual({ code: reply, prose: true })
  })

  it.each([
    ["an import", "import numpy as np\nresults = {}"],
    ["a tuple assignment", "a, b = 1, 2\nresults = {}"],
    ["an annotated assignment", "x: int = 3\nresults = {}"],
    ["a call", "print('hi')\nresults = {}"],
    ["a comment", "# mean current\nresults = {}"],
    ["a docstring", '"""Mean current."""\nresults = {}']
  ])("takes %s without a fence as code", (_, reply) => {
    expect(extractCode(reply)).toEqual({ code: reply, prose: false })
  })
})
