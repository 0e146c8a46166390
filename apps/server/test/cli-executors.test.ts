import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { isProcessAlive } from "@pyexec/core"
import Docker from "dockerode"
import { type CliResult, errorLines, pyexec, repoRoot, tempDir } from "./support/cli.js"

const example = path.join(repoRoot, "examples/beam_current.py")

/** `pyexec exec example --json` answered as the example should: its results and a PNG figure, no error line. */
const expectExampleRan = ({ code, stdout, stderr }: CliResult) => {
  expect(errorLines(stderr)).toEqual([])
  expect(code).toBe(0)
  const out = JSON.parse(stdout)
  expect(out.status).toBe("succeeded")
  expect(out.result.results.samples).toBe(3600)
  expect(fs.readFileSync(out.result.figures[0]).subarray(1, 4).toString()).toBe("PNG")
}

describe("pyexec exec on the executor the configuration picks", () => {
  it("runs the example in the sandbox container (PYEXEC_EXECUTOR=container) and leaves no container behind", async () => {
    const cwd = tempDir("container")
    expectExampleRan(await pyexec(["exec", example, "--json"], { cwd, env: { PYEXEC_EXECUTOR: "container" } }))
    const left = await new Docker().listContainers({ all: true, filters: { label: ["pyexec.managed=true"] } })
    expect(left.filter((c) => /\/(\d+)$/.test(c.Labels["pyexec.owner"] ?? "") && !isProcessAlive(Number(c.Labels["pyexec.owner"]!.split("/")[1])))).toEqual([])
  })

  it("runs the example on an SSH host from the executor file, its host key pinned", async () => {
    const cwd = tempDir("ssh")
    const env = (name: string) => {
      const value = process.env[`PYEXEC_TEST_SSH_${name}`]
      if (!value) throw new Error(`PYEXEC_TEST_SSH_${name} is not set: run eval "$(scripts/sshd start)"`)
      return value
    }
    const file = path.join(cwd, "executors.yaml")
    fs.writeFileSync(
      file,
      [
        "executor: ssh",
        "ssh:",
        "  hosts:",
        `    - { name: opi1, host: "${env("HOST")}", port: ${env("PORT")}, user: ${env("USER")}, privateKey: "${env("KEY")}",`,
        `        hostKey: { fingerprint: "${env("FINGERPRINT")}" }, python: "${env("PYTHON")}" }`,
        ""
      ].join("\n")
    )
    // a host without pyexec's sandbox holds no run to reading: every run waits for a person, who approves here
    const waiting = await pyexec(["exec", example, "--json"], { cwd, env: { PYEXEC_EXECUTOR_CONFIG: file } })
    expect(waiting.code).toBe(2)
    expect(JSON.parse(waiting.stdout).status).toBe("awaiting_approval")
    expect(waiting.stderr + waiting.stdout).toMatch(/ssh executor has no read-only boundary/)
    expectExampleRan(await pyexec(["exec", example, "--approve", "--json"], { cwd, env: { PYEXEC_EXECUTOR_CONFIG: file } }))
  })

  it("stops at start-up with one line when the executor configuration is wrong", async () => {
    const cwd = tempDir("bad-executor-config")
    const file = path.join(cwd, "executors.yaml")
    fs.writeFileSync(file, "executor: container\ncontainer:\n  poolSize: -1\n")
    const { code, stderr } = await pyexec(["exec", example], { cwd, env: { PYEXEC_EXECUTOR_CONFIG: file } })
    expect(code).toBe(3)
    const lines = errorLines(stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/executor configuration .*executors\.yaml: .*poolSize/s)
  })
})
