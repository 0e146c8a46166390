import { Writable } from "node:stream"
import type Docker from "dockerode"
import type { Capped } from "../internal/output.js"
import { sandboxUser, workDir } from "./sandbox.js"

export const sink = (out: Capped | { push(chunk: Buffer): void }) =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.push(chunk)
      done()
    }
  })

export interface ExecSpec {
  readonly cmd: ReadonlyArray<string>
  readonly env?: Readonly<Record<string, string>> | undefined
  /** Written to the command's stdin, which is then closed. */
  readonly stdin?: Buffer | undefined
}

/** Runs a command in a running container; resolves with its exit code once its output has ended. */
export const execIn = async (container: Docker.Container, spec: ExecSpec, stdout: Writable, stderr: Writable): Promise<number | null> => {
  const exec = await container.exec({
    Cmd: [...spec.cmd],
    Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
    User: sandboxUser,
    WorkingDir: workDir,
    AttachStdin: spec.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true
  })
  const stream = await exec.start({ hijack: true, stdin: spec.stdin !== undefined })
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve)
    stream.on("close", resolve)
    stream.on("error", reject)
  })
  container.modem.demuxStream(stream, stdout, stderr)
  if (spec.stdin !== undefined) stream.end(spec.stdin)
  await ended
  const { ExitCode } = await exec.inspect()
  return ExitCode
}
