import { execFile } from "node:child_process"

export interface PythonOutcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** The last stdout line, parsed as JSON. */
  readonly result: unknown
}

const withoutEpics = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith("EPICS_")))

/**
 * Runs a Python snippet as a client would: with `env` as its only EPICS settings, and inside the network
 * namespace `netns` when given (through nsenter).
 */
export const python = (code: string, env: Readonly<Record<string, string>>, netns?: string): Promise<PythonOutcome> => {
  const [file, args] = netns ? ["nsenter", [`--net=${netns}`, "python3", "-c", code]] : ["python3", ["-c", code]]
  return new Promise((resolve) => {
    execFile(file, args as Array<string>, { env: { ...withoutEpics(process.env), ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const last = stdout.trim().split("\n").at(-1) ?? ""
      let result: unknown
      try {
        result = JSON.parse(last)
      } catch {
        result = undefined
      }
      resolve({ code: error ? ((error as { code?: unknown }).code as number) ?? -1 : 0, stdout, stderr, result })
    })
  })
}
