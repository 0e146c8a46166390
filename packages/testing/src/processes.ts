import * as fs from "node:fs"

/** Whether a process is running or sleeping; a killed one waiting to be reaped (state Z) does not count. */
export const isRunning = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"))
  } catch {
    return false
  }
}
