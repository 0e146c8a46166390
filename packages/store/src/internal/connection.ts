import { Errors, Metrics } from "@pyexec/core"
import { Duration, Effect, Metric, Schedule } from "effect"
import { describe } from "./query.js"

/** Which database a store speaks to, for the message it gives when the database stays out of reach. */
export interface Connection {
  /** The database in words, without secrets: "Postgres at postgres://pyexec:***@db:5432/pyexec". */
  readonly database: string
  /** What to check when it stays unreachable. */
  readonly hint: string
  /** How long an operation keeps trying through a lost connection before it gives up (default 60 s). */
  readonly retryFor?: Duration.DurationInput
}

/** Socket errors (Node), postgres.js client codes, and the SQLSTATEs of a server that shuts down or starts up. */
const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"])
// CONNECTION_ENDED is missing on purpose: postgres.js raises it only after this process closed the pool itself.
const clientCodes = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"])
const serverCodes = new Set(["57P01", "57P02", "57P03"])

const isConnectionCode = (code: unknown) =>
  typeof code === "string" && (socketCodes.has(code) || clientCodes.has(code) || serverCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))

/**
 * Whether an error says the connection was lost or could not be made, so trying again may succeed. Drizzle
 * wraps the driver's error (`DrizzleQueryError.cause`), so the chain is walked. PGlite runs in this process
 * and has no connection to lose: none of its errors matches.
 */
export const isConnectionFailure = (error: unknown): boolean => {
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 8; depth++) {
    if (isConnectionCode((e as { code?: unknown }).code)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

const lostConnection = (error: unknown): error is Errors.StoreError =>
  error instanceof Errors.StoreError && isConnectionFailure(error.cause)

/** 50 ms, doubling up to 2 s between tries, for as long as `retryFor`. */
const backoff = (retryFor: Duration.DurationInput) =>
  Schedule.exponential("50 millis").pipe(Schedule.union(Schedule.spaced("2 seconds")), Schedule.upTo(retryFor))

/**
 * Runs a store operation, and runs it again while the connection is lost (a dropped socket, a Postgres that
 * restarts). `attempt` learns whether an earlier try failed that way: such a try may have committed, so a
 * write checks whether it already landed. Past `retryFor` the operation fails with reason "unavailable".
 */
export const resilient = <A, E>(connection: Connection, attempt: (retry: boolean) => Effect.Effect<A, E>) =>
  Effect.suspend(() => {
    let tries = 0
    const retryFor = connection.retryFor ?? "60 seconds"
    return Effect.suspend(() => attempt(tries++ > 0)).pipe(
      Effect.tapError((error) => (lostConnection(error) ? Metric.increment(Metrics.storeRetries) : Effect.void)),
      Effect.retry({ schedule: backoff(retryFor), while: lostConnection }),
      Effect.mapError((error) =>
        lostConnection(error)
          ? new Errors.StoreError({
              reason: "unavailable",
              message: `${connection.database} could not be reached for ${Duration.toSeconds(retryFor)} s (${describe(error.cause)}): ${connection.hint}`,
              cause: error.cause
            })
          : error
      )
    )
  })
