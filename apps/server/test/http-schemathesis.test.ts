import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import * as OpenApi from "@effect/platform/OpenApi"
import { HttpServer } from "@pyexec/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Api } from "../src/http/Api.js"
import { repoRoot, tempDir } from "./support/cli.js"
import { type ServerProcess, startServer } from "./support/server.js"

const schemathesis = path.join(repoRoot, ".venv/bin/schemathesis")

/** Every operation the API declares: schemathesis must test each. */
const operations = Object.values(OpenApi.fromApi(Api).paths).flatMap((item) => Object.keys(item ?? {})).length

const checks = ["not_a_server_error", "response_schema_conformance", "status_code_conformance", "content_type_conformance"]

describe("the API against its own OpenAPI document (schemathesis)", () => {
  let server: ServerProcess
  let home: string

  beforeAll(async () => {
    home = tempDir("http-schemathesis")
    server = await startServer(
      {
        PYEXEC_HOME: home,
        PYEXEC_EXECUTOR: "local",
        // the generated code waits for approval and never runs; a waiting run expires within seconds, so the
        // event streams of the runs schemathesis creates end too
        PYEXEC_POLICY_MODE: "all_code",
        PYEXEC_APPROVAL_EXPIRY_HOURS: "0.0003",
        // requests in words fail at once: no model server listens there
        OLLAMA_HOST: `http://127.0.0.1:${await HttpServer.closedPort()}`
      },
      home
    )
  })
  afterAll(async () => {
    await server?.stop()
  })

  it("finds no server error and no answer that its document does not declare", async () => {
    const token = fs.readFileSync(path.join(home, "admin-token"), "utf8").trim().split(":")[2]
    const args = [
      "run",
      `${server.url}/openapi.json`,
      "--header",
      `Authorization: Bearer ${token}`,
      "--checks",
      checks.join(","),
      "--max-examples",
      "20",
      "--seed",
      "1",
      // an event stream is read until it ends or this many seconds pass
      "--request-timeout",
      "5",
      "--generation-database",
      "none",
      "--no-color"
    ]
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(schemathesis, args, { cwd: home, timeout: 50_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr })
      )
    )
    expect(operations).toBeGreaterThanOrEqual(10)
    expect(output, output).toMatch(new RegExp(`Operations:\\s+${operations} selected / ${operations} total`))
    expect(output, output).toMatch(/\d+ generated, \d+ passed/)
    expect(code, output).toBe(0)
  })
})
