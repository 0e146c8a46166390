import { Errors } from "@pyexec/core"

interface DockerError {
  readonly code?: string
  readonly statusCode?: number
  readonly json?: { readonly message?: string } | null
  readonly message?: string
}

const engineDown = new Set(["ENOENT", "ECONNREFUSED", "EACCES", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"])

/** What went wrong talking to Docker, as an infrastructure error that names the fix. */
export const dockerError = (
  cause: unknown,
  context: { readonly engine: string; readonly image: string; readonly network?: string | undefined; readonly codeMayHaveRun: boolean }
): Errors.ExecutorUnavailable => {
  const e = (cause ?? {}) as DockerError
  const detail = e.json?.message ?? e.message ?? String(cause)
  const fail = (reason: Errors.ExecutorUnavailable["reason"], message: string) =>
    new Errors.ExecutorUnavailable({ reason, message, codeMayHaveRun: context.codeMayHaveRun, cause })
  if (e.code && engineDown.has(e.code)) {
    return fail("unreachable", `the Docker engine at ${context.engine} does not answer (${e.code}): start it (scripts/services start, or dockerd) or set DOCKER_HOST`)
  }
  if (e.statusCode === 404 && /image/i.test(detail)) {
    return fail(
      "misconfigured",
      `the sandbox image ${context.image} is not on the Docker engine: build it with docker/build-offline (no registry needed) or docker build -f docker/Dockerfile -t ${context.image} .`
    )
  }
  if (e.statusCode === 404 && /network/i.test(detail)) {
    return fail("misconfigured", `the Docker network '${context.network}' of this execution profile does not exist: create it (docker network create) or change the profile`)
  }
  return fail(context.codeMayHaveRun ? "lost" : "unreachable", `Docker: ${detail}`)
}
