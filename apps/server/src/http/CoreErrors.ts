import type { Errors } from "@pyexec/core"
import * as ApiErrors from "./ApiErrors.js"

type CoreError = Errors.StoreError | Errors.StaleRun | Errors.NotebookError | Errors.RunNotFound | Errors.ApprovalRefused | Errors.CancelRefused | Errors.ExecutorNotServed

/** The API error each core error becomes. */
export type ApiErrorOf<E> = E extends Errors.StoreError | Errors.StaleRun | Errors.NotebookError
  ? ApiErrors.StoreUnavailable
  : E extends Errors.RunNotFound
    ? ApiErrors.RunNotFound
    : E extends Errors.ApprovalRefused | Errors.CancelRefused
      ? ApiErrors.Forbidden | ApiErrors.ApprovalRefused
      : E extends Errors.ExecutorNotServed
        ? ApiErrors.BadRequest
        : never

export const runNotFound = (runId: string) => new ApiErrors.RunNotFound({ message: `no run with id ${runId}` })

/**
 * A core error as the API answers it: the store or the notebook folder failing is 503; a refused decision is 403
 * when it is about who decides and 409 when it is about the state of the run; an executor the server does not run
 * is 400.
 */
export const fromCore = <E extends CoreError>(e: E): ApiErrorOf<E> => {
  switch (e._tag) {
    case "RunNotFound":
      return runNotFound(e.runId) as ApiErrorOf<E>
    case "ExecutorNotServed":
      return new ApiErrors.BadRequest({ message: e.message, field: "executor" }) as ApiErrorOf<E>
    case "ApprovalRefused":
      return (
        e.reason === "not-allowed" || e.reason === "own-run" || e.reason === "not-in-group" || e.reason === "already-approved"
          ? new ApiErrors.Forbidden({ message: e.message, reason: e.reason })
          : new ApiErrors.ApprovalRefused({ message: e.message, reason: e.reason })
      ) as ApiErrorOf<E>
    case "CancelRefused":
      return (
        e.reason === "not-allowed" ? new ApiErrors.Forbidden({ message: e.message, reason: e.reason }) : new ApiErrors.ApprovalRefused({ message: e.message, reason: e.reason })
      ) as ApiErrorOf<E>
    default:
      return new ApiErrors.StoreUnavailable({ message: e.message }) as ApiErrorOf<E>
  }
}
