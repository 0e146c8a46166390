import { type ChildProcess, spawn } from "node:child_process"
import { pyexecBin, sharedMarkers } from "./cli.js"
import { client } from "./httpCalls.js"


/** Settings the developer's shell may carry that must not leak into a test. */
const cleared = ["PYEXEC_DATABASE_URL", "PYEXEC_HOME", "PYEXEC_EXECUTOR", "PYEXEC_EXECUTOR_CONFIG", "PYEXEC_API_TOKENS", "PYEXEC_POLICY_MODE"]

export interface ServerProcess {
  readonly url: string
  readonly child: ChildProcess
  /** Everything the server wrote to stderr so far. */
  readonly log: () => string
  /** SIGKILL: the process has no chance to clean up. */
  readonly kill9: () => Promise<void>
  /** SIGTERM, then waits for the exit. */
  readonly stop: () => Promise<void>
}

/** Starts a real `pyexec serve` on a free port and waits for its "serving on" line (as text, or as JSON). */
export const startServer = (env: Record<string, string>, cwd: string): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const base: Record<string, string | undefined> = { ...process.env }
    for (const key of cleared) delete base[key]
    const child = spawn(pyexecBin, ["serve", "--port", "0"], { cwd, env: { ...base, ...env }, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    const exited = new Promise<void>((done) => child.once("exit", () => done()))
    const timer = setTimeout(() => reject(new Error(`pyexec serve did not start within 60 s:\n${stderr}`)), 60_000)
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
      const match = /(?:pyexec: |"message":")serving on (http:\/\/[^\s"]+)/.exec(stderr)
      if (match && timer) {
        clearTimeout(timer)
        resolve({
          url: match[1]!,
          child,
          log: () => stderr,
          kill9: async () => {
            child.kill("SIGKILL")
            await exited
          },
          stop: async () => {
            child.kill("SIGTERM")
            await exited
          }
        })
      }
    })
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`pyexec serve exited with ${code} before serving:\n${stderr}`))
    })
  })

/** The settings most server tests share: a home, the local executor, tokens, a quick poll; `database` for Postgres. */
export const serverEnv = (options: {
  readonly home: string
  readonly tokens: string
  readonly policy?: "disabled" | "epics_writes" | "all_code"
  readonly database?: string
}): Record<string, string> => ({
  PYEXEC_HOME: options.home,
  PYEXEC_EXECUTOR: "local",
  PYEXEC_POLICY_MODE: options.policy ?? "epics_writes",
  PYEXEC_API_TOKENS: options.tokens,
  PYEXEC_WORKER_POLL_MS: "200",
  ...sharedMarkers().env,
  ...(options.database ? { PYEXEC_DATABASE_URL: options.database } : {})
})

/** The HTTP client of ./httpCalls.ts with the calls on runs that these tests make most. */
export const api = (url: string, token: string) => {
  const calls = client(url, token)
  return {
    ...calls,
    submit: (request: Record<string, unknown>) => calls.post("/api/runs", request),
    run: (runId: string) => calls.get(`/api/runs/${runId}`),
    approve: (runId: string, codeSha256: string) => calls.post(`/api/runs/${runId}/approve`, { codeSha256 })
  }
}
