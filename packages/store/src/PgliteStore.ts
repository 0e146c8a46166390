import * as fs from "node:fs"
import * as path from "node:path"
import { PGlite } from "@electric-sql/pglite"
import { Errors, RunStore } from "@pyexec/core"
import { drizzle } from "drizzle-orm/pglite"
import { migrate } from "drizzle-orm/pglite/migrator"
import { Context, Effect, Layer } from "effect"
import * as LockFile from "./internal/lockFile.js"
import { migrationsFolder } from "./internal/migrations.js"
import * as RunChanges from "./RunChanges.js"
import * as schema from "./schema.js"
import * as SqlRunStore from "./SqlRunStore.js"

export interface PgliteOptions {
  /** Data folder; none keeps everything in memory (tests). */
  readonly dataDir?: string
  /** How long to wait for another process that holds the data folder. */
  readonly lockWaitMs?: number
}

/** Files PGlite adds to its folder on start-up; removed again when the start fails, so a bad folder is left as it was. */
const startupFiles = ["postmaster.pid"]

const create = async (dataDir: string | undefined) => {
  if (!dataDir) return PGlite.create()
  const added = startupFiles.map((f) => path.join(dataDir, f)).filter((f) => !fs.existsSync(f))
  try {
    return await PGlite.create(dataDir)
  } catch (error) {
    for (const file of added) fs.rmSync(file, { force: true })
    throw error
  }
}

const open = (dataDir: string | undefined) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => create(dataDir),
      catch: (cause) =>
        new Errors.StoreError({
          reason: "corrupt",
          message: `the embedded database at ${dataDir} cannot be opened (its files are damaged, or not a PGlite database): move it aside (mv ${dataDir} ${dataDir}.broken) to start a new one, or set PYEXEC_DATABASE_URL`,
          cause
        })
    }),
    (client) => Effect.promise(() => client.close()).pipe(Effect.ignore)
  )

/** The database opened and migrated. */
const connect = (options: PgliteOptions) =>
  Effect.gen(function* () {
    const { dataDir } = options
    if (dataDir) {
      yield* Effect.try({
        try: () => fs.mkdirSync(path.dirname(dataDir), { recursive: true }),
        catch: (cause) =>
          new Errors.StoreError({ reason: "unavailable", message: `cannot create ${path.dirname(dataDir)}: ${String(cause)}`, cause })
      })
      yield* LockFile.acquire(`${dataDir}.lock`, `the embedded database ${dataDir}`, options.lockWaitMs ?? 30_000)
    }
    const client = yield* open(dataDir)
    const db = drizzle(client, { schema })
    yield* Effect.tryPromise({
      try: () => migrate(db, { migrationsFolder }),
      catch: (cause) =>
        new Errors.StoreError({ reason: "corrupt", message: `migrating the embedded database failed: ${String(cause)}`, cause })
    })
    return { client, db: db as unknown as SqlRunStore.Database }
  })

/** A database opened and migrated, for the RunStore and anything else that needs SQL. */
export const database = (options: PgliteOptions = {}) => Effect.map(connect(options), ({ db }) => db)

/** The RunStore, and RunChanges over PGlite's own LISTEN (within this process: PGlite is in it). */
export const layer = (options: PgliteOptions = {}) =>
  Layer.scopedContext(
    Effect.map(connect(options), ({ client, db }) =>
      Context.make(RunStore.RunStore, SqlRunStore.make(db)).pipe(
        Context.add(RunChanges.RunChanges, RunChanges.make((deliver) => client.listen(RunChanges.channel, deliver)))
      )
    )
  )
