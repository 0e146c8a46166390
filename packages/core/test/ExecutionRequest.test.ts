import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import { cutMiddle, ExecutionRequest } from "../src/index.js"

const decode = Schema.decodeUnknown(ExecutionRequest.ExecutionRequest)

describe("ExecutionRequest", () => {
  it.effect("accepts a query or code", () =>
    Effect.gen(function* () {
      expect(yield* decode({ query: "mean current", requester: "op" })).toEqual({ query: "mean current", requester: "op" })
      expect((yield* decode({ code: "results = {}", requester: "op", maxAttempts: 2 })).maxAttempts).toBe(2)
    }))

  it.effect.each([
    [{ requester: "op" }, "a query (to generate code) or code"],
    [{ query: "x", requester: "  " }, "must not be blank"],
    [{ query: "x", requester: "op", executionFolderName: "../etc" }, "executionFolderName must be"],
    [{ query: "x", requester: "op", policyMode: "sometimes" }, "policyMode"],
    [{ query: "x", requester: "op", maxAttempts: 0 }, "maxAttempts"],
    [{ code: "x".repeat(ExecutionRequest.maxCodeBytes + 1), requester: "op" }, "is 1048577 bytes, over the limit of 1048576 (1 MiB)"],
    [{ code: "é".repeat(ExecutionRequest.maxCodeBytes / 2 + 1), requester: "op" }, "is 1048578 bytes"],
    [{ code: "print(1)\u0000", requester: "op" }, "contains a NUL character (at character 8)"],
    [{ code: "print('\ud800')", requester: "op" }, "lone surrogate"],
    [{ query: "x".repeat(ExecutionRequest.maxQueryChars + 1), requester: "op" }, "a query may have at most 20000 characters"]
  ])("rejects %j and says what is wrong", ([input, message]) =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(decode(input))
      expect(error.message).toContain(message)
    }))
})

describe("decodeCode", () => {
  it("takes UTF-8 text and says what is wrong with other bytes, without quoting them", () => {
    expect(ExecutionRequest.decodeCode(Buffer.from("\ufeffprint('é')\n"))).toEqual(Either.right("print('é')\n"))
    expect(ExecutionRequest.decodeCode(Buffer.from('x = 1\ny = "caf\xe9"\n', "latin1"))).toEqual(
      Either.left("is not UTF-8 text (line 2): pass a Python source file saved as UTF-8")
    )
    expect(ExecutionRequest.decodeCode(Buffer.from("x = 1\u0000"))).toEqual(
      Either.left("contains a NUL character (at character 5): pass Python source, not a binary file")
    )
    expect(ExecutionRequest.decodeCode(new Uint8Array(), 12 * 1024 * 1024)).toEqual(
      Either.left("is 12582912 bytes, over the limit of 1048576 (1 MiB): load large data from a file instead")
    )
  })
})

describe("cutMiddle", () => {
  it("keeps short text and cuts long text to its head and tail", () => {
    expect(cutMiddle("a\nb", 1, 1)).toBe("a\nb")
    const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n")
    const cut = cutMiddle(long, 2, 3)
    expect(cut.split("\n")).toEqual(["line 0", "line 1", "... (95 lines cut) ...", "line 97", "line 98", "line 99"])
  })
})
