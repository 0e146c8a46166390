import { randomUUID } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import type Docker from "dockerode"
import { isProcessAlive } from "@pyexec/core"
import { runnerPath } from "../Runner.js"

/** Every container pyexec starts carries these labels; `owner` says which server process it belongs to. */
export const labels = { managed: "pyexec.managed", owner: "pyexec.owner", network: "pyexec.network" } as const

export const sandboxUser = "10001:10001"
export const workDir = "/work"

export interface SandboxSpec {
  readonly image: string
  /** Modules PID 1 imports while the container waits in the pool. */
  readonly preload: ReadonlyArray<string>
  readonly memoryBytes: number
  readonly cpus: number
  readonly pidsLimit: number
  readonly workDirBytes: number
  /** A Docker network the profile grants, else none at all. */
  readonly network?: string | undefined
}

/** This process among those that had its pid on this host: a server container restarted gets its pid again. */
const instance = randomUUID().slice(0, 8)

/** host/pid/instance: a container whose owner process is gone on this host, or came before this one with its pid, is an orphan. */
export const ownerLabel = () => `${os.hostname()}/${process.pid}/${instance}`

const boot = fs.readFileSync(path.join(path.dirname(runnerPath), "pyexec_boot.py"), "utf8")

/**
 * A sandbox waiting for one run: no network unless granted, read-only root, a small writable /work and /tmp,
 * no capabilities, no privilege gain, bounded memory (no swap), CPU and processes. PID 1 is the runner's boot
 * (runner/pyexec_boot.py), already past its imports, waiting for the job on its stdin; the container ends
 * with the run and is removed.
 */
export const createOptions = (spec: SandboxSpec): Docker.ContainerCreateOptions => ({
  Image: spec.image,
  Cmd: ["python3", "-c", boot, ...spec.preload],
  OpenStdin: true,
  StdinOnce: true,
  AttachStdin: true,
  AttachStdout: true,
  AttachStderr: true,
  User: sandboxUser,
  WorkingDir: workDir,
  Labels: { [labels.managed]: "true", [labels.owner]: ownerLabel(), [labels.network]: spec.network ?? "none" },
  HostConfig: {
    NetworkMode: spec.network ?? "none",
    Memory: spec.memoryBytes,
    MemorySwap: spec.memoryBytes,
    NanoCpus: Math.round(spec.cpus * 1e9),
    PidsLimit: spec.pidsLimit,
    ReadonlyRootfs: true,
    Tmpfs: {
      [workDir]: `rw,exec,nosuid,nodev,size=${spec.workDirBytes},uid=10001,gid=10001,mode=0700`,
      "/tmp": "rw,nosuid,nodev,size=64m,mode=1777"
    },
    SecurityOpt: ["no-new-privileges"],
    CapDrop: ["ALL"],
    IpcMode: "private",
    LogConfig: { Type: "none", Config: {} }
  }
})

/** Removes the containers left by a pyexec server on this host that is no longer running. */
export const removeOrphans = async (docker: Docker): Promise<number> => {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${labels.managed}=true`] } })
  const host = os.hostname()
  const orphans = containers.filter((c) => {
    const [ownerHost, pid, owner] = (c.Labels[labels.owner] ?? "").split("/")
    if (ownerHost !== host) return false
    return Number(pid) === process.pid ? owner !== instance : !isProcessAlive(Number(pid))
  })
  await Promise.all(orphans.map((c) => removeQuietly(docker.getContainer(c.Id))))
  return orphans.length
}

export const removeQuietly = async (container: Docker.Container) => {
  try {
    await container.remove({ force: true, v: true })
  } catch {
    // already gone
  }
}
