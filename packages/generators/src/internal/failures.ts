import { Errors } from "@pyexec/core"

const causeCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause
  return cause?.code ?? (error as { code?: string } | undefined)?.code
}

/** fetch fails with a TypeError when no HTTP answer came at all (refused, unknown host, reset). */
const noAnswer = (error: unknown) => error instanceof TypeError && error.message === "fetch failed"

/** A failed request to a model server, named so that a person knows what to fix. */
export const requestFailed = (server: string, url: string, hint: string, error: unknown) => {
  if (noAnswer(error)) {
    const cause = (error as { cause?: { message?: string } }).cause
    return new Errors.GenerationFailed({
      reason: "unreachable",
      message: `cannot reach ${server} at ${url} (${causeCode(error) ?? cause?.message ?? "no answer"}): ${hint}`,
      cause: error
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new Errors.GenerationFailed({ reason: "http-error", message: `${server} at ${url} failed: ${message}`, cause: error })
}

export const emptyReply = (model: string) =>
  new Errors.GenerationFailed({ reason: "empty-reply", message: `the model ${model} replied with no code` })
