import { Context, Effect, Ref } from "effect"

/**
 * The process exit status a command chose: 0 the run succeeded (or the command did its job),
 * 1 the run failed, was rejected or blocked, 2 it waits for approval, 3 bad input or setup.
 * `pyexec analyze` runs nothing and exits as linters do: see `analyzeCodes`.
 */
export class ExitCode extends Context.Tag("@pyexec/server/ExitCode")<ExitCode, Ref.Ref<number>>() {}

export const codes = { ok: 0, runFailed: 1, awaitingApproval: 2, error: 3 } as const

/** `pyexec analyze`: 0 every file may run as it is, 1 some file needs approval, must be fixed or is blocked, 2 bad input. */
export const analyzeCodes = { allExecute: 0, notExecutable: 1, usage: 2 } as const

export const set = (code: number) => Effect.flatMap(ExitCode, (ref) => Ref.set(ref, code))
