import { describe, expect, it } from "@effect/vitest"
import type { CodeGenerator } from "@pyexec/core"
import { FakeOllama, FakeOpenAi, HttpServer } from "@pyexec/testing"
import { Effect } from "effect"
import { OllamaGenerator, OpenAiGenerator } from "../src/index.js"

const input: CodeGenerator.GenerationInput = {
  request: { query: "mean beam current", requester: "op", expectedResults: { mean_ma: "mean current in mA" }, parameters: { hours: 1, pv: "SR:DCCT" } },
  attempt: 2,
  feedback: [{ attempt: 1, kind: "runtime", message: "NameError: name 'np' is not defined", code: "x = np.mean([1])", traceback: "Traceback...\nNameError" }]
}

describe("OllamaGenerator", () => {
  for (const stream of [true, false]) {
    it.live(`extracts the code from a ${stream ? "streamed" : "whole"} reply and sends the feedback`, () =>
      Effect.gen(function* () {
        const server = yield* Effect.promise(() => FakeOllama.start([{ content: "Sure:\n```python\nimport numpy as np\nresults = {'mean_ma': 1.0}\n```" }]))
        yield* Effect.addFinalizer(() => Effect.promise(() => server.close()))
        const generator = OllamaGenerator.make({ host: server.url, model: "coder", stream })
        const generated = yield* generator.generate(input)
        expect(generated).toEqual({ code: "import numpy as np\nresults = {'mean_ma': 1.0}", model: "coder" })
        const [chat] = server.chats()
        expect(chat?.stream).toBe(stream)
        expect(chat?.model).toBe("coder")
        const user = chat?.messages.find((m) => m.role === "user")?.content ?? ""
        expect(user).toContain("mean beam current")
        expect(user).toContain("mean_ma: mean current in mA")
        expect(user).toContain('These variables are set before your code runs: use them, do not set them again:\n- hours = 1\n- pv = "SR:DCCT"')
        expect(user).toContain("NameError: name 'np' is not defined")
        expect(user).toContain("x = np.mean([1])")
        expect(chat?.messages[0]?.content).toContain("dict named `results`")
      }).pipe(Effect.scoped))
  }

  it.live("says which model is missing", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => FakeOllama.start([{ status: 404, error: "model 'nope' not found" }]))
      yield* Effect.addFinalizer(() => Effect.promise(() => server.close()))
      const error = yield* Effect.flip(OllamaGenerator.make({ host: server.url, model: "nope", stream: true }).generate(input))
      expect(error.reason).toBe("model-not-found")
      expect(error.message).toContain("ollama pull nope")
    }).pipe(Effect.scoped))

  it.live("turns an empty reply into a typed error", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => FakeOllama.start([{ content: "   " }]))
      yield* Effect.addFinalizer(() => Effect.promise(() => server.close()))
      const error = yield* Effect.flip(OllamaGenerator.make({ host: server.url, model: "m", stream: false }).generate(input))
      expect(error.reason).toBe("empty-reply")
    }).pipe(Effect.scoped))

  it.live("names an unreachable host and how to fix it", () =>
    Effect.gen(function* () {
      const host = `http://127.0.0.1:${yield* Effect.promise(HttpServer.closedPort)}`
      const error = yield* Effect.flip(OllamaGenerator.make({ host, model: "m", stream: true }).generate(input))
      expect(error.reason).toBe("unreachable")
      expect(error.message).toContain(host)
      expect(error.message).toContain("ECONNREFUSED")
      expect(error.message).toContain("OLLAMA_HOST")
    }))
})

describe("OpenAiGenerator", () => {
  it.live("posts a chat completion and extracts the code", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => FakeOpenAi.start(["```python\nresults = {'ok': True}\n```"]))
      yield* Effect.addFinalizer(() => Effect.promise(() => server.close()))
      const generated = yield* OpenAiGenerator.make({ baseUrl: `${server.url}/v1`, model: "qwen" }).generate(input)
      expect(generated.code).toBe("results = {'ok': True}")
      const body = server.requests[0]?.body as { model: string; messages: Array<{ role: string }> }
      expect(body.model).toBe("qwen")
      expect(body.messages.map((m) => m.role)).toEqual(["system", "user"])
    }).pipe(Effect.scoped))
})
