import { randomBytes } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"

/**
 * One cgroup for one run: every process the code starts is in it, so memory and processes are bounded for the
 * run as a whole (not per process), and at the end every process still in it is killed, also a grandchild that
 * left the process group with setsid. cgroup v2 where it is mounted with the controllers, else v1's memory,
 * pids and freezer hierarchies. Needs root (or a delegated subtree); `available` says whether this host can.
 */
export interface RunCgroup {
  /** The `cgroup.procs` files a process writes `0` to, to join (one per v1 hierarchy, one for v2). */
  readonly procsFiles: ReadonlyArray<string>
  /** Freezes the cgroup, kills every process in it and waits until it is empty. */
  readonly kill: () => Promise<void>
  /** kill(), then removes the cgroup. */
  readonly remove: () => Promise<void>
  /** Bytes the run's processes held at most, together. */
  readonly peakMemory: () => Promise<number | undefined>
}

export interface RunCgroupLimits {
  readonly memoryBytes?: number | undefined
  readonly maxProcesses?: number | undefined
}

const v1Root = "/sys/fs/cgroup"
const v1Controllers = ["memory", "pids", "freezer"] as const
const parentName = "pyexec"

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false
  )

type Layout = { readonly version: 1 } | { readonly version: 2; readonly root: string }

let layout: Promise<Layout | undefined> | undefined

const detect = async (): Promise<Layout | undefined> => {
  if (process.getuid?.() !== 0) return undefined
  if (await exists(path.join(v1Root, "cgroup.controllers"))) {
    const controllers = (await fs.readFile(path.join(v1Root, "cgroup.controllers"), "utf8")).split(/\s+/)
    if (!["memory", "pids"].every((c) => controllers.includes(c))) return undefined
    return { version: 2, root: v1Root }
  }
  const all = await Promise.all(v1Controllers.map((c) => exists(path.join(v1Root, c, "cgroup.procs"))))
  return all.every(Boolean) ? { version: 1 } : undefined
}

/** Whether this host lets pyexec make a cgroup per run, and which version; undefined: it cannot. */
export const available = () => {
  layout ??= detect()
  return layout
}

const write = (file: string, value: string) => fs.writeFile(file, value)
const writeIfPresent = async (file: string, value: string) => {
  if (await exists(file)) await write(file, value)
}

const pidsIn = async (procsFile: string): Promise<Array<number>> => {
  try {
    return (await fs.readFile(procsFile, "utf8")).split("\n").filter(Boolean).map(Number)
  } catch {
    return []
  }
}

const killAll = (pids: ReadonlyArray<number>) => {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL")
    } catch {
      // gone already
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until no process is left in the cgroup (killed processes leave it a moment after the kill). */
const waitEmpty = async (procsFile: string, again: () => Promise<void>) => {
  for (let i = 0; i < 250; i++) {
    const pids = await pidsIn(procsFile)
    if (pids.length === 0) return
    if (i % 10 === 9) await again()
    await sleep(20)
  }
  throw new Error(`processes are still left in ${path.dirname(procsFile)} after they were killed`)
}

const rmdirRetrying = async (dir: string) => {
  for (let i = 0; i < 50; i++) {
    try {
      return await fs.rmdir(dir)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return
      await sleep(20)
    }
  }
}

const makeV1 = async (name: string, limits: RunCgroupLimits): Promise<RunCgroup> => {
  const dirs = Object.fromEntries(v1Controllers.map((c) => [c, path.join(v1Root, c, parentName, name)])) as Record<(typeof v1Controllers)[number], string>
  for (const dir of Object.values(dirs)) await fs.mkdir(dir, { recursive: true })
  if (limits.memoryBytes) {
    await write(path.join(dirs.memory, "memory.limit_in_bytes"), String(limits.memoryBytes))
    // without swap accounting the file is missing; then swap is the only way past the limit
    await writeIfPresent(path.join(dirs.memory, "memory.memsw.limit_in_bytes"), String(limits.memoryBytes))
  }
  if (limits.maxProcesses) await write(path.join(dirs.pids, "pids.max"), String(limits.maxProcesses))
  const procs = path.join(dirs.freezer, "cgroup.procs")
  const freezerState = path.join(dirs.freezer, "freezer.state")
  const kill = async () => {
    // frozen, nothing can fork while the list is read and killed; SIGKILL is delivered on thaw
    await write(freezerState, "FROZEN")
    killAll(await pidsIn(procs))
    await write(freezerState, "THAWED")
    await waitEmpty(procs, async () => killAll(await pidsIn(procs)))
  }
  return {
    procsFiles: Object.values(dirs).map((d) => path.join(d, "cgroup.procs")),
    kill,
    remove: async () => {
      await kill().catch(() => undefined)
      for (const dir of Object.values(dirs)) await rmdirRetrying(dir)
    },
    peakMemory: async () => {
      const text = await fs.readFile(path.join(dirs.memory, "memory.max_usage_in_bytes"), "utf8").catch(() => "")
      return text ? Number(text.trim()) : undefined
    }
  }
}

const makeV2 = async (root: string, name: string, limits: RunCgroupLimits): Promise<RunCgroup> => {
  const parent = path.join(root, parentName)
  await fs.mkdir(parent, { recursive: true })
  await write(path.join(root, "cgroup.subtree_control"), "+memory +pids").catch(() => undefined)
  await write(path.join(parent, "cgroup.subtree_control"), "+memory +pids").catch(() => undefined)
  const dir = path.join(parent, name)
  await fs.mkdir(dir)
  if (limits.memoryBytes) {
    await write(path.join(dir, "memory.max"), String(limits.memoryBytes))
    await writeIfPresent(path.join(dir, "memory.swap.max"), "0")
  }
  if (limits.maxProcesses) await write(path.join(dir, "pids.max"), String(limits.maxProcesses))
  const procs = path.join(dir, "cgroup.procs")
  const kill = async () => {
    if (await exists(path.join(dir, "cgroup.kill"))) await write(path.join(dir, "cgroup.kill"), "1")
    else {
      await write(path.join(dir, "cgroup.freeze"), "1")
      killAll(await pidsIn(procs))
      await write(path.join(dir, "cgroup.freeze"), "0")
    }
    await waitEmpty(procs, async () => killAll(await pidsIn(procs)))
  }
  return {
    procsFiles: [procs],
    kill,
    remove: async () => {
      await kill().catch(() => undefined)
      await rmdirRetrying(dir)
    },
    peakMemory: async () => {
      const text = await fs.readFile(path.join(dir, "memory.peak"), "utf8").catch(() => "")
      return text ? Number(text.trim()) : undefined
    }
  }
}

/**
 * The folders under which runs' cgroups are made, created if missing: a sandbox started before its runs sees
 * these (bind-mounted read-write), so that each run can join its own cgroup from inside.
 */
export const parents = async (): Promise<ReadonlyArray<string>> => {
  const found = await available()
  if (!found) return []
  const dirs = found.version === 1 ? v1Controllers.map((c) => path.join(v1Root, c, parentName)) : [path.join(found.root, parentName)]
  for (const dir of dirs) await fs.mkdir(dir, { recursive: true })
  return dirs
}

/** A new cgroup for one run, or undefined when this host does not let pyexec make one. */
export const create = async (limits: RunCgroupLimits): Promise<RunCgroup | undefined> => {
  const found = await available()
  if (!found) return undefined
  const name = randomBytes(6).toString("hex")
  return found.version === 1 ? makeV1(name, limits) : makeV2(found.root, name, limits)
}
