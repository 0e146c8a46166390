import * as fs from "node:fs"
import { Effect } from "effect"
import { Errors, isProcessAlive } from "@pyexec/core"

const holderOf = (file: string): number | undefined => {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10)
    return Number.isInteger(pid) ? pid : undefined
  } catch {
    return undefined
  }
}

const tryTake = (file: string): number | "taken" => {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" })
    return "taken"
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
    const pid = holderOf(file)
    if (pid === undefined || !isProcessAlive(pid)) {
      // The holder died without cleaning up: the lock is stale.
      fs.rmSync(file, { force: true })
      return tryTake(file)
    }
    return pid
  }
}

/**
 * An exclusive lock for a folder only one process may open (PGlite's data folder). Waits up to
 * `waitMs` for another pyexec process to finish; released when the scope closes.
 */
export const acquire = (file: string, what: string, waitMs: number) =>
  Effect.acquireRelease(
    Effect.gen(function* () {
      const deadline = Date.now() + waitMs
      for (;;) {
        const outcome = yield* Effect.try({
          try: () => tryTake(file),
          catch: (cause) =>
            new Errors.StoreError({ reason: "unavailable", message: `cannot create the lock file ${file}: ${String(cause)}`, cause })
        })
        if (outcome === "taken") return file
        if (Date.now() >= deadline) {
          return yield* new Errors.StoreError({
            reason: "locked",
            message: `${what} is in use by another pyexec process (pid ${outcome}): wait for it to finish, or set PYEXEC_DATABASE_URL to a Postgres server to run several at once`
          })
        }
        yield* Effect.sleep("100 millis")
      }
    }),
    (taken) => Effect.sync(() => fs.rmSync(taken, { force: true }))
  )
