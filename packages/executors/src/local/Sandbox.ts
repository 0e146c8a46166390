import { execFile } from "node:child_process"
import { randomBytes } from "node:crypto"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { ledgerFile, runnerPath } from "../Runner.js"
import * as RunCgroup from "./RunCgroup.js"

const run = promisify(execFile)

/**
 * The process boundary of a local run: bubblewrap gives the code a file system that holds the system, the
 * Python and the runs' folders and nothing else (not $PYEXEC_HOME, the store or the server's files), its own
 * process and IPC namespaces, and, for a read-only run, the network namespace of the relay, whose only
 * endpoints are the read-only gateways. Each run then joins a cgroup of its own and becomes a user of its own
 * (runner/pyexec_runner.py, `enter_boundary`) before the code runs.
 */
export interface SandboxHost {
  readonly bwrap: string
  readonly nsenter: string
  /** The interpreter as the sandbox runs it, and the folders it needs (its prefixes and sys.path). */
  readonly python: string
  readonly pythonDirs: ReadonlyArray<string>
  /** Where runs' folders live, the only writable place the code sees besides /tmp. */
  readonly root: string
  /** The parents of the runs' cgroups, bind-mounted so that a run can join its own. */
  readonly cgroupParents: ReadonlyArray<string>
  /** Folders of this host every run sees at the same path (a site's data, read-only unless said otherwise). */
  readonly shared: ReadonlyArray<SharedFolder>
}

export interface SharedFolder {
  readonly path: string
  readonly writable: boolean
}

export type Probe = { readonly _tag: "ready"; readonly host: SandboxHost } | { readonly _tag: "unavailable"; readonly reason: string }

const which = async (name: string) => {
  for (const dir of (process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin").split(":")) {
    const candidate = path.join(dir || ".", name)
    try {
      await fs.access(candidate, fs.constants.X_OK)
      return candidate
    } catch {
      // next
    }
  }
  return undefined
}

const pythonLayout = async (python: string) => {
  const script =
    "import json, os, sys; print(json.dumps([sys.executable, sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix] + [p for p in sys.path if p and os.path.isdir(p)]))"
  const { stdout } = await run(python, ["-I", "-c", script], { timeout: 20_000 })
  const [executable, ...dirs] = JSON.parse(stdout) as Array<string>
  const real = await Promise.all([executable!, ...dirs].map((p) => fs.realpath(p).catch(() => p)))
  // the executable's own folder (a venv's bin), and each folder once, outermost first
  const all = [path.dirname(executable!), path.dirname(real[0]!), ...dirs, ...real.slice(1)]
  const unique = [...new Set(all)].sort()
  return { executable: executable!, dirs: unique.filter((d, i) => !unique.slice(0, i).some((o) => d.startsWith(`${o}/`))) }
}

/** The folder of runs' folders: root's, mode 0711, so a run can enter its own folder but list none. */
const sandboxRoot = async (root: string) => {
  await fs.mkdir(root, { recursive: true, mode: 0o711 })
  const stat = await fs.lstat(root)
  if (!stat.isDirectory() || stat.uid !== 0) throw new Error(`${root} must be a folder owned by root`)
  await fs.chmod(root, 0o711)
  return root
}

/**
 * Whether this host can build the boundary: root (for namespaces, other users and cgroups), bubblewrap,
 * nsenter and cgroups. The reason says what is missing and how to get it.
 */
export const probe = async (python: string, shared: ReadonlyArray<SharedFolder> = [], root = path.join(os.tmpdir(), "pyexec-sandbox")): Promise<Probe> => {
  const unavailable = (reason: string): Probe => ({ _tag: "unavailable", reason })
  if (process.platform !== "linux") return unavailable("the sandbox needs Linux namespaces")
  if (process.getuid?.() !== 0) return unavailable("the sandbox needs root (namespaces, a user per run, cgroups): run pyexec serve as root, or use the container executor")
  const bwrap = await which("bwrap")
  if (!bwrap) return unavailable("bubblewrap is not installed: apt-get install bubblewrap (scripts/setup does)")
  const nsenter = await which("nsenter")
  if (!nsenter) return unavailable("nsenter is not installed: apt-get install util-linux")
  if (!(await RunCgroup.available())) return unavailable("no cgroup hierarchy with the memory and pids controllers is writable here")
  try {
    const layout = await pythonLayout(python)
    const host: SandboxHost = {
      bwrap,
      nsenter,
      python: layout.executable,
      pythonDirs: layout.dirs,
      root: await sandboxRoot(root),
      cgroupParents: await RunCgroup.parents(),
      shared
    }
    for (const folder of shared) {
      if (!(await fs.stat(folder.path).then((s) => s.isDirectory(), () => false))) return unavailable(`the shared folder ${folder.path} is not a folder on this host`)
    }
    // one real start, so a kernel without user-visible namespaces is found now and not at the first run
    await run(bwrap, [...mounts(host), "--unshare-net", "--", host.python, "-I", "-c", "pass"], { timeout: 20_000 })
    return { _tag: "ready", host }
  } catch (e) {
    return unavailable(`the sandbox cannot start here: ${(e as Error).message.split("\n").slice(0, 3).join(" ")}`)
  }
}

/** Merged-/usr systems have /bin, /lib... as links into /usr; others as folders. */
const systemDirs = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]

const inside = (dir: string, parent: string) => dir === parent || dir.startsWith(`${parent}/`)

/**
 * bubblewrap makes the folders above a mount point 0700 (root's): the run's user could not pass them. They are
 * made 0755 first, outermost first, unless a mount covers them.
 */
const parentsOf = (targets: ReadonlyArray<string>) => {
  const all = new Set<string>()
  for (const target of targets) {
    for (let dir = path.dirname(target); dir !== "/"; dir = path.dirname(dir)) all.add(dir)
  }
  return [...all].filter((dir) => !targets.some((t) => inside(dir, t))).sort((a, b) => a.split("/").length - b.split("/").length)
}

/**
 * In order: a later mount covers an earlier one (the runner and the runs' folders may live under /tmp). `sharedReadOnly`
 * (a preview): the shared folders are mounted read-only, whatever the site said, so that a preview changes nothing.
 */
const mounts = (host: SandboxHost, sharedReadOnly = false): Array<string> => {
  const writableShared = (f: SharedFolder) => f.writable && !sharedReadOnly
  const readOnly = ["/usr", "/etc", ...host.pythonDirs, path.dirname(runnerPath), ...host.shared.filter((f) => !writableShared(f)).map((f) => f.path)]
  const writable = [host.root, ...host.cgroupParents, ...host.shared.filter(writableShared).map((f) => f.path)]
  return [
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--tmpfs",
    "/tmp",
    ...parentsOf([...readOnly, ...writable]).flatMap((d) => ["--perms", "0755", "--dir", d]),
    ...systemDirs.flatMap((d) => ["--ro-bind-try", d, d]),
    ...readOnly.flatMap((d) => ["--ro-bind", d, d]),
    ...writable.flatMap((d) => ["--bind", d, d]),
    "--die-with-parent",
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    "--hostname",
    "pyexec-sandbox",
    "--clearenv",
    "--chdir",
    "/"
  ]
}

/**
 * The command that starts `argv` inside the sandbox: in the network namespace at `netns` (the relay's, for
 * read-only runs), or in the host's network (approved write runs, whose profile names where they may reach).
 */
export const command = (
  host: SandboxHost,
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string>>,
  netns: string | undefined,
  sharedReadOnly = false
): { command: string; args: Array<string> } => {
  const bwrap = [...mounts(host, sharedReadOnly), ...Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v]), "--", ...argv]
  return netns ? { command: host.nsenter, args: [`--net=${netns}`, "--", host.bwrap, ...bwrap] } : { command: host.bwrap, args: bwrap }
}

/** Users the runs become, one per run at a time, far above the system's and people's ids. */
const firstUid = 2_100_000_000
const uidCount = 10_000

export class UidPool {
  private readonly inUse = new Set<number>()
  // from a place of its own: two pyexec processes on one host rarely hand out the same user
  private next = randomBytes(2).readUInt16BE() % uidCount

  take(): number {
    for (let i = 0; i < uidCount; i++) {
      const uid = firstUid + ((this.next + i) % uidCount)
      if (!this.inUse.has(uid)) {
        this.next = (this.next + i + 1) % uidCount
        this.inUse.add(uid)
        return uid
      }
    }
    throw new Error(`all ${uidCount} sandbox users are in use`)
  }

  give(uid: number) {
    this.inUse.delete(uid)
  }
}

/**
 * Removes a run's folder, however deep the code made it (rm works through it with descriptors; a path-based walk
 * fails at PATH_MAX). A folder that cannot be removed is reported, not thrown: the run's result stands.
 */
export const removeRunDir = (dir: string) =>
  new Promise<void>((resolve) => {
    execFile("rm", ["-rf", "--one-file-system", "--", dir], (error) => {
      if (error) process.stderr.write(`pyexec: the run folder ${dir} could not be removed: ${error.message}\n`)
      resolve()
    })
  })

/** A run's folder in the sandbox root, owned by the run's user and closed to everyone else. */
export const makeRunDir = async (host: SandboxHost, uid: number) => {
  const dir = path.join(host.root, randomBytes(8).toString("hex"))
  await fs.mkdir(dir, { mode: 0o700 })
  await fs.chown(dir, uid, uid)
  return dir
}

/** What the code's folder gives back: the manifest and the figures, as regular files (never through a link). */
const wanted = (name: string) => name === "manifest.json" || /^figures\/figure-\d+\.png$/.test(name)

const copyRegularFile = async (from: string, to: string, budget: { left: number }) => {
  const handle = await fs.open(from, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK).catch(() => undefined)
  if (!handle) return
  try {
    const stat = await handle.stat()
    if (!stat.isFile() || stat.size > budget.left) return
    budget.left -= stat.size
    await fs.writeFile(to, await handle.readFile())
  } finally {
    await handle.close()
  }
}

/** Copies the runner's outputs from the run's folder into the attempt's folder (once no process of the run is left). */
export const collect = async (runDir: string, workDir: string, maxBytes: number) => {
  const budget = { left: maxBytes }
  for (const name of ["manifest.json", ledgerFile]) await copyRegularFile(path.join(runDir, name), path.join(workDir, name), budget)
  // the run's processes are gone by now: a `figures` that is a folder stays one while it is read
  const folder = await fs.lstat(path.join(runDir, "figures")).catch(() => undefined)
  const figures = folder?.isDirectory() ? await fs.readdir(path.join(runDir, "figures"), { withFileTypes: true }) : []
  if (figures.length) await fs.mkdir(path.join(workDir, "figures"), { recursive: true })
  for (const entry of figures) {
    if (entry.isFile() && wanted(`figures/${entry.name}`)) await copyRegularFile(path.join(runDir, "figures", entry.name), path.join(workDir, "figures", entry.name), budget)
  }
}
