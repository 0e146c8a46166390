import { Context, Effect, Ref } from "effect"

/**
 * The process exit status a command chose: 0 the run succeeded (or the command did its job),
 * 1 the run failed, was rejected or blocked, 2 it waits for approval, 3 bad input or setup.
 */
export class ExitCode extends Context.Tag("@pyexec/server/ExitCode")<ExitCode, Ref.Ref<number>>() {}

export const codes = { ok: 0, runFailed: 1, awaitingApproval: 2, error: 3 } as const

export const set = (code: number) => Effect.flatMap(ExitCode, (ref) => Ref.set(ref, code))
