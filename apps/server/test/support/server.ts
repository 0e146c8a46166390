import { type ChildProcess, spawn } from "node:child_process"
import * as path from "node:path"
import { repoRoot } from "./cli.js"

const bin = path.join(repoRoot, "apps/server/bin/pyexec")

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

/** Starts a real `pyexec serve` on a free port and waits for its "serving on" line. */
export const startServer = (env: Record<string, string>, cwd: string): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const base: Record<string, string | undefined> = { ...process.env }
    for (const key of cleared) delete base[key]
    const child = spawn(bin, ["serve", "--port", "0"], { cwd, env: { ...base, ...env }, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    const exited = new Promise<void>((done) => child.once("exit", () => done()))
    const timer = setTimeout(() => reject(new Error(`pyexec serve did not start within 60 s:\n${stderr}`)), 60_000)
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
      const match = /pyexec: serving on (http:\/\/\S+)/.exec(stderr)
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

/** A small client for the API with one identity's token. */
export const api = (url: string, token: string) => {
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} }
  }
  return {
    submit: (request: Record<string, unknown>) => call("POST", "/api/runs", request),
    get: (runId: string) => call("GET", `/api/runs/${runId}`),
    approve: (runId: string, codeSha256: string) => call("POST", `/api/runs/${runId}/approve`, { codeSha256 }),
    /** Polls until the run's status passes the test (or fails after `ms`). */
    until: async (runId: string, done: (status: string) => boolean, ms = 60_000) => {
      const end = Date.now() + ms
      for (;;) {
        const { body } = await call("GET", `/api/runs/${runId}`)
        if (done(body.status)) return body
        if (Date.now() > end) throw new Error(`run ${runId} is still ${body.status} after ${ms} ms`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }
}
