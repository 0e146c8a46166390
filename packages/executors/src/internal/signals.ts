import * as os from "node:os"

/** A signal's name from its number. */
export const signalName = (n: number | null | undefined): NodeJS.Signals | null =>
  (Object.entries(os.constants.signals).find(([, v]) => v === n)?.[0] as NodeJS.Signals | undefined) ?? null

/** An exit status above 128 is a signal's number: 137 is SIGKILL (the timeout, or out of memory). */
export const signalOf = (exitCode: number | null): NodeJS.Signals | null => {
  return exitCode === null || exitCode <= 128 ? null : signalName(exitCode - 128)
}
