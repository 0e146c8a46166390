import { randomBytes } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"

/** cgroup v1's pids hierarchy, or cgroup v2's unified one when it offers the pids controller. */
const roots = ["/sys/fs/cgroup/pids", "/sys/fs/cgroup"]

const usable = async (root: string) => {
  try {
    if (root === "/sys/fs/cgroup") {
      const controllers = await fs.readFile(path.join(root, "cgroup.subtree_control"), "utf8")
      if (!controllers.split(/\s+/).includes("pids")) return false
    }
    await fs.access(path.join(root, "cgroup.procs"), fs.constants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * A pids cgroup for one local run, when this process may make one (root, as in CI or a service account
 * with a delegated cgroup). RLIMIT_NPROC does not bind root, so this is what bounds a fork bomb there.
 * The runner joins it first thing; `remove` is called once the run's process group is gone.
 */
export const create = async (maxProcesses: number): Promise<{ path: string; remove: () => Promise<void> } | undefined> => {
  if (process.getuid?.() !== 0) return undefined
  for (const root of roots) {
    if (!(await usable(root))) continue
    const dir = path.join(root, "pyexec", randomBytes(6).toString("hex"))
    try {
      await fs.mkdir(dir, { recursive: true })
      await fs.writeFile(path.join(dir, "pids.max"), String(maxProcesses))
    } catch {
      await fs.rmdir(dir).catch(() => undefined)
      continue
    }
    const remove = async () => {
      // the killed processes leave the cgroup a moment after the kill
      for (let i = 0; i < 50; i++) {
        try {
          return await fs.rmdir(dir)
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      }
    }
    return { path: dir, remove }
  }
  return undefined
}
