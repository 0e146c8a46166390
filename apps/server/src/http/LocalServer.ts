import * as fs from "node:fs"
import * as path from "node:path"
import { Effect, Option, Schema } from "effect"

/**
 * `$PYEXEC_HOME/server.json`: where the `pyexec serve` on this home listens, so that the CLI on the same home
 * submits and reads runs through it (one set of runs; no command waits on the embedded database's lock).
 */
const Announcement = Schema.Struct({
  url: Schema.String,
  pid: Schema.Int,
  /** Whether the server accepts the local admin token ($PYEXEC_HOME/admin-token): it has no configured tokens. */
  localAdmin: Schema.Boolean
})
export type Announcement = typeof Announcement.Type

export const file = (home: string) => path.join(home, "server.json")

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** Says where this process serves, until its scope closes (then the file goes, unless another server has taken it over). */
export const announce = (home: string, announcement: Omit<Announcement, "pid">) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const written = path.join(home, `.server.json.${process.pid}`)
      fs.writeFileSync(written, `${JSON.stringify({ ...announcement, pid: process.pid })}\n`)
      fs.renameSync(written, file(home))
    }),
    () =>
      Effect.sync(() => {
        if (Option.exists(read(home), (a) => a.pid === process.pid)) fs.rmSync(file(home), { force: true })
      })
  )

/** The server announced on this home, if its process is alive (a server killed outright leaves its file behind). */
export const read = (home: string): Option.Option<Announcement> => {
  let text: string
  try {
    text = fs.readFileSync(file(home), "utf8")
  } catch {
    return Option.none()
  }
  return Option.filter(Schema.decodeUnknownOption(Schema.parseJson(Announcement))(text), (a) => alive(a.pid))
}
