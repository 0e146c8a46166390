import { randomBytes } from "node:crypto"
import postgres from "postgres"

/** The server tests use; CI starts it (see scripts/services). */
export const serverUrl = process.env.PYEXEC_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

export interface TestDatabase {
  readonly url: string
  readonly drop: () => Promise<void>
}

/** A fresh database on the test server, dropped afterwards. */
export const create = async (): Promise<TestDatabase> => {
  const name = `pyexec_test_${randomBytes(6).toString("hex")}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} })
      await sql.unsafe(`drop database if exists ${name} with (force)`)
      await sql.end()
    }
  }
}
