import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { type Approval, type Executor, sha256 } from "@pyexec/core"
import Docker from "dockerode"
import { ContainerExecutor, ExecutorConfig, type Profiles, RunLimits } from "../../src/index.js"
import { labels, ownerLabel } from "../../src/container/sandbox.js"
import { startScoped } from "./scoped.js"

export const docker = new Docker()

export const options = (overrides: Partial<ContainerExecutor.ContainerExecutorOptions> = {}): ContainerExecutor.ContainerExecutorOptions => ({
  ...RunLimits.defaults,
  ...ContainerExecutor.defaults,
  maxOutputBytes: 64 * 1024,
  poolSize: 1,
  image: ExecutorConfig.defaultImage,
  profiles: { "read-only": { env: {} }, write: { env: {} } } satisfies Profiles.Profiles,
  ...overrides
})

export const start = (overrides: Partial<ContainerExecutor.ContainerExecutorOptions> = {}) => startScoped(ContainerExecutor.make(options(overrides)))

/** The containers this test process owns (running or not). */
export const ours = async () =>
  docker.listContainers({ all: true, filters: { label: [`${labels.managed}=true`, `${labels.owner}=${ownerLabel()}`] } })

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-container-"))
let n = 0
export const job = (code: string, profile: Approval.ExecutionProfile = "read-only", timeoutMs = 30_000): Executor.ExecutionJob => ({
  runId: "container-test",
  attempt: 1,
  code,
  codeSha256: sha256(code),
  workDir: path.join(tmp, `job-${++n}`),
  profile,
  timeoutMs
})
