import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
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
    [{ code: "x".repeat(ExecutionRequest.maxCodeChars + 1), requester: "op" }, "code may have at most 1000000 characters"],
    [{ query: "x".repeat(ExecutionRequest.maxQueryChars + 1), requester: "op" }, "a query may have at most 20000 characters"]
  ])("rejects %j and says what is wrong", ([input, message]) =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(decode(input))
      expect(error.message).toContain(message)
    }))
})

describe("cutMiddle", () => {
  it("keeps short text and cuts long text to its head and tail", () => {
    expect(cutMiddle("a\nb", 1, 1)).toBe("a\nb")
    const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n")
    const cut = cutMiddle(long, 2, 3)
    expect(cut.split("\n")).toEqual(["line 0", "line 1", "... (95 lines cut) ...", "line 97", "line 98", "line 99"])
  })
})
