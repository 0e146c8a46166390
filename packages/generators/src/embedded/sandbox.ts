import { execFile } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"

const run = promisify(execFile)

/**
 * The model host's boundary. Its weights come from wherever a site got them (the pinned ones from an anonymous
 * publisher), and llama.cpp parses them: the host gets no network and sees only what it needs, read-only.
 * - `user-and-network`: as root, bubblewrap (an empty network namespace, its own PID and IPC namespaces, a file
 *   system of the system's folders, Node, node_modules and the model) and inside it setpriv, which makes the host
 *   a user of its own (`hostUid`) with no capabilities and no way to gain any.
 * - `network`: not root, bubblewrap as the user pyexec runs as (needs unprivileged user namespaces).
 * - `none`: no bubblewrap that starts here; the host runs as pyexec's user with its network, and `reason` says why.
 */
export type Isolation =
  | { readonly kind: "user-and-network"; readonly uid: number }
  | { readonly kind: "network" }
  | { readonly kind: "none"; readonly reason: string }

/** The model host's user when pyexec runs as root: below the local executor's users (2,100,000,000 up), no one's. */
export const hostUid = 2_099_000_000

/** The host script, and the package folder it resolves node-llama-cpp from. */
export const hostScript = fileURLToPath(new URL("host.mjs", import.meta.url))
const packageDir = path.resolve(path.dirname(hostScript), "../..")

const which = async (name: string) => {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    const candidate = path.join(dir || ".", name)
    if (await fs.access(candidate, fs.constants.X_OK).then(() => true, () => false)) return candidate
  }
  return undefined
}

/** The outermost node_modules a path lies in: pnpm's store, where node-llama-cpp's dependencies are too. */
const outerNodeModules = (file: string) => {
  const at = file.indexOf(`${path.sep}node_modules${path.sep}`)
  return at === -1 ? path.dirname(file) : file.slice(0, at + "/node_modules".length)
}

/** What the host reads: Node, its script, node-llama-cpp with its prebuilt binary, the model; all read-only. */
const readOnly = async (modelPath: string) => {
  const node = await fs.realpath(process.execPath)
  const library = await fs.realpath(path.join(packageDir, "node_modules/node-llama-cpp"))
  return [
    ...new Set([
      path.dirname(path.dirname(node)),
      path.dirname(hostScript),
      path.join(packageDir, "node_modules"),
      outerNodeModules(library),
      await fs.realpath(modelPath)
    ])
  ]
}

// Debian's Node reads OpenSSL's configuration (/usr/lib/ssl/openssl.cnf links into /etc/ssl) as it starts
const systemDirs = ["/usr", "/bin", "/lib", "/lib64", "/etc/ld.so.cache", "/etc/ssl"]

/**
 * The folders above the mount points, made 0755 first (outermost first): bubblewrap makes them 0700, root's, and
 * the host's user could not pass them.
 */
const parentsOf = (targets: ReadonlyArray<string>) => {
  const all = new Set<string>()
  for (const target of targets) for (let dir = path.dirname(target); dir !== "/"; dir = path.dirname(dir)) all.add(dir)
  const covered = (dir: string) => targets.some((t) => dir === t || dir.startsWith(`${t}/`))
  return [...all].filter((dir) => !covered(dir)).sort((a, b) => a.split("/").length - b.split("/").length)
}

const bwrapArgs = async (modelPath: string) => {
  const mounts = await readOnly(modelPath)
  return [
    // the private /tmp first: a checkout or a model under /tmp is bound into it, not hidden by it
    "--tmpfs",
    "/tmp",
    ...parentsOf([...systemDirs, ...mounts])
      .filter((d) => d !== "/tmp")
      .flatMap((d) => ["--perms", "0755", "--dir", d]),
    ...systemDirs.flatMap((d) => ["--ro-bind-try", d, d]),
    ...mounts.flatMap((d) => ["--ro-bind", d, d]),
  "--proc",
  "/proc",
  "--dev",
  "/dev",
  "--unshare-net",
  "--unshare-pid",
  "--unshare-ipc",
  "--unshare-uts",
  "--die-with-parent",
  "--new-session",
  "--clearenv",
  "--setenv",
  "HOME",
  "/tmp",
  "--setenv",
  "PATH",
  "/usr/bin:/bin",
    "--chdir",
    "/tmp"
  ]
}

/** The command that starts the host with `hostArgument`, and how it is isolated. */
export const hostCommand = async (
  modelPath: string,
  hostArgument: string
): Promise<{ readonly command: string; readonly args: ReadonlyArray<string>; readonly isolation: Isolation }> => {
  const host = [process.execPath, hostScript, hostArgument]
  const bwrap = await which("bwrap")
  if (!bwrap) return { command: process.execPath, args: host.slice(1), isolation: { kind: "none", reason: "bubblewrap is not installed (apt-get install bubblewrap)" } }
  const sandbox = await bwrapArgs(modelPath)
  const root = process.getuid?.() === 0
  const setpriv = root ? await which("setpriv") : undefined
  if (root && !setpriv) return { command: process.execPath, args: host.slice(1), isolation: { kind: "none", reason: "setpriv (util-linux) is not installed" } }
  const dropUser = setpriv
    ? [setpriv, `--reuid=${hostUid}`, `--regid=${hostUid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    : []
  try {
    // one real start, so a kernel that refuses the namespaces is found now and not by the host
    await run(bwrap, [...sandbox, "--", ...dropUser, process.execPath, "-e", ""], { timeout: 20_000 })
  } catch (e) {
    const reason = `bubblewrap cannot start here: ${(e as Error).message.split("\n").slice(0, 2).join(" ")}`
    return { command: process.execPath, args: host.slice(1), isolation: { kind: "none", reason } }
  }
  return {
    command: bwrap,
    args: [...sandbox, "--", ...dropUser, ...host],
    isolation: root ? { kind: "user-and-network", uid: hostUid } : { kind: "network" }
  }
}
