import { Cause, Exit, Option } from "effect"

/** An error as the listeners see it: an ApprovalRefused has its reason. */
interface Problem {
  readonly _tag: string
  readonly message: string
  readonly reason?: string | undefined
}

/** A refused or failed decision in words for the person who clicked; the run is unchanged. */
export const refusalText = (error: Problem): string => {
  if (error._tag === "RunNotFound") return `:warning: ${error.message.replace(/: list runs.*$/, "")}. Nothing was changed.`
  if (error._tag === "CancelRefused") return `:no_entry: ${error.message}. Nothing was changed.`
  if (error._tag !== "ApprovalRefused") return `:warning: The decision could not be stored (${error.message}). Nothing was changed; try again.`
  const refused = error
  switch (refused.reason) {
    case "not-allowed":
      return ":no_entry: Only the approvers configured for pyexec (SLACK_APPROVERS) may approve or reject runs. Nothing was changed."
    case "own-run":
      return ":no_entry: You asked for this run: the four-eyes rule wants another approver to decide. Nothing was changed."
    case "not-in-group":
      return `:no_entry: ${refused.message}`
    case "already-approved":
      return `:information_source: ${refused.message}`
    case "already-decided":
      return `:information_source: Already decided: ${refused.message}`
    default:
      return `:warning: ${refused.message}`
  }
}

/** The failure of an exit in words, or undefined when it succeeded. Defects and interruptions read as a store problem. */
export const exitProblem = <A, E extends Problem>(exit: Exit.Exit<A, E>): string | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  return Option.match(Cause.failureOption(exit.cause), {
    onNone: () => refusalText({ _tag: "Defect", message: Cause.pretty(exit.cause).split("\n")[0] ?? "unexpected error" }),
    onSome: refusalText
  })
}
