import { PassThrough } from "node:stream"
import type Docker from "dockerode"
import { Effect, Schedule, type Scope } from "effect"
import { Refusals } from "../gateway/Refusals.js"

/** Lines of a stream, each given to `line` as it completes. */
const byLine = (stream: NodeJS.ReadableStream, line: (text: string) => void) => {
  let rest = ""
  stream.on("data", (chunk: Buffer) => {
    const parts = (rest + chunk.toString("utf8")).split("\n")
    rest = parts.pop() ?? ""
    for (const part of parts) line(part)
  })
}

/** Follows the container's log from now until it ends (the container stopped, or the engine closed the stream). */
const follow = (docker: Docker, container: string, line: (text: string) => void) =>
  Effect.async<void, Error>((resume) => {
    const out = new PassThrough()
    byLine(out, line)
    let stream: NodeJS.ReadableStream | undefined
    docker
      .getContainer(container)
      .logs({ follow: true, stdout: true, stderr: true, since: Math.floor(Date.now() / 1000) })
      .then((s) => {
        stream = s
        docker.modem.demuxStream(s, out, out)
        s.on("end", () => resume(Effect.void))
        s.on("error", (e: Error) => resume(Effect.fail(e)))
      }, (e: Error) => resume(Effect.fail(e)))
    return Effect.sync(() => (stream as { destroy?: () => void } | undefined)?.destroy?.())
  })

/**
 * The writes a gateway container refused, read from its log for as long as the scope lasts (followed again when the
 * container restarts). Other processes' runs share the gateway: a refusal is a run's by the client name it announced.
 */
export const refusalsOf = (docker: Docker, container: string): Effect.Effect<Refusals, never, Scope.Scope> =>
  Effect.gen(function* () {
    const refusals = new Refusals(true)
    yield* follow(docker, container, (text) => refusals.read(text, () => {})).pipe(
      Effect.ignore,
      Effect.repeat(Schedule.spaced("1 second")),
      Effect.forkScoped
    )
    return refusals
  })
