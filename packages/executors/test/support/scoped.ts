import type { Executor } from "@pyexec/core"
import { Effect, Exit, Scope } from "effect"

export interface Started {
  readonly executor: Executor.Executor["Type"]
  readonly close: () => Promise<void>
}

/** An executor that lives until `close`, as a server's would. */
export const startScoped = async <E>(make: Effect.Effect<Executor.Executor["Type"], E, Scope.Scope>): Promise<Started> => {
  const scope = Effect.runSync(Scope.make())
  const executor = await Effect.runPromise(Scope.extend(make, scope))
  return { executor, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}
