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

describe("OllamaGenerator settings and tokens", () => {
  it.live("sends the generation settings as Ollama's options and tells each streamed piece", () =>
    Effect.gen(function* () {
      const reply = "```python\nresults = {'x': 1}\n```"
      const server = yield* Effect.promise(() => FakeOllama.start([{ content: reply }]))
      yield* Effect.addFinalizer(() => Effect.promise(() => server.close()))
      const pieces: Array<string> = []
      const settings = { temperature: 0, seed: 7, topP: 0.9, maxTokens: 256, stop: ["<|im_end|>"] }
      yield* OllamaGenerator.make({ host: server.url, model: "coder", stream: true, settings }).generate({ ...input, onToken: (t) => pieces.push(t) })
      expect(server.chats()[0]?.options).toEqual({ temperature: 0, seed: 7, top_p: 0.9, num_predict: 256, stop: ["<|im_end|>"] })
      expect(pieces.length).toBeGreaterThan(1)
      expect(pieces.join("")).toBe(reply)
    }).pipe(Effect.scoped))

  it.live("sends no options when none are set", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => FakeOllama.start([{ content: "results = {}" }]))
      yield* Effect.addFinalizer(() => Effect.promise(() => server.close()))
      yield* OllamaGenerator.make({ host: server.url, model: "coder", stream: false }).generate(input)
      expect(server.chats()[0]?.options).toBeUndefined()
    }).pipe(Effect.scoped))

  it.live("asks whether the server answers: a closed port is unreachable at once", () =>
    Effect.gen(function* () {
      const server = yield* Effect.promise(() => FakeOllama.start([]))
      yield* Effect.addFinalizer(() => Effect.promise(() => server.close()))
      yield* OllamaGenerator.reachable(server.url)
      const host = `http://127.0.0.1:${yield* Effect.promise(HttpServer.closedPort)}`
      const error = yield* Effect.flip(OllamaGenerator.reachable(host))
      expect(error.reason).toBe("unreachable")
      expect(error.message).toContain("ECONNREFUSED")
    }).pipe(Effect.scoped))
})

const withOpenAi = (replies: ReadonlyArray<FakeOpenAi.Reply>) =>
  Effect.acquireRelease(Effect.promise(() => FakeOpenAi.start(replies)), (server) => Effect.promise(() => server.close()))

describe("OpenAiGenerator", () => {
  it.live("streams a chat completion, tells each delta, sends the settings and extracts the code", () =>
    Effect.gen(function* () {
      const reply = "Here:\n```python\nresults = {'ok': True}\n```"
      const server = yield* withOpenAi([reply])
      const pieces: Array<string> = []
      const settings = { temperature: 0.2, seed: 42, topP: 0.95, maxTokens: 300, stop: ["\n\n\n"] }
      const generated = yield* OpenAiGenerator.make({ baseUrl: `${server.url}/v1`, model: "qwen", settings }).generate({ ...input, onToken: (t) => pieces.push(t) })
      expect(generated.code).toBe("results = {'ok': True}")
      expect(pieces.length).toBeGreaterThan(1)
      expect(pieces.join("")).toBe(reply)
      const body = server.requests[0]?.body as Record<string, unknown> & { messages: Array<{ role: string }> }
      expect(body.model).toBe("qwen")
      expect(body.stream).toBe(true)
      expect(body.messages.map((m) => m.role)).toEqual(["system", "user"])
      expect({ temperature: body.temperature, seed: body.seed, top_p: body.top_p, max_tokens: body.max_tokens, stop: body.stop }).toEqual({
        temperature: 0.2,
        seed: 42,
        top_p: 0.95,
        max_tokens: 300,
        stop: ["\n\n\n"]
      })
    }).pipe(Effect.scoped))

  for (const by of ["error-event", "cut"] as const) {
    it.live(`a reply that fails mid-stream (${by}) is a bad reply, after the pieces that came`, () =>
      Effect.gen(function* () {
        const server = yield* withOpenAi([{ content: "```python\nresults = {'ok': True}\n```", failAfterChunks: 2, by }])
        const pieces: Array<string> = []
        const error = yield* Effect.flip(OpenAiGenerator.make({ baseUrl: `${server.url}/v1`, model: "qwen" }).generate({ ...input, onToken: (t) => pieces.push(t) }))
        expect(error.reason).toBe("bad-reply")
        expect(error.message).toContain(by === "cut" ? "the reply broke off" : "the server failed while replying: the model crashed")
        expect(pieces).toHaveLength(2)
      }).pipe(Effect.scoped))
  }

  it.live("an unknown model is model-not-found; an error status otherwise an http error", () =>
    Effect.gen(function* () {
      const server = yield* withOpenAi([{ status: 404, error: "no model nope" }, { status: 500, error: "overloaded" }])
      const generator = OpenAiGenerator.make({ baseUrl: `${server.url}/v1`, model: "nope" })
      expect((yield* Effect.flip(generator.generate(input))).reason).toBe("model-not-found")
      const failed = yield* Effect.flip(generator.generate(input))
      expect(failed.reason).toBe("http-error")
      expect(failed.message).toContain("overloaded")
    }).pipe(Effect.scoped))

  it.live("asks whether the server answers: a closed port is unreachable at once", () =>
    Effect.gen(function* () {
      const server = yield* withOpenAi([])
      yield* OpenAiGenerator.reachable({ baseUrl: `${server.url}/v1`, model: "m" })
      const baseUrl = `http://127.0.0.1:${yield* Effect.promise(HttpServer.closedPort)}/v1`
      const error = yield* Effect.flip(OpenAiGenerator.reachable({ baseUrl, model: "m" }))
      expect(error.reason).toBe("unreachable")
      expect(error.message).toContain("PYEXEC_OPENAI_BASE_URL")
    }).pipe(Effect.scoped))
})
