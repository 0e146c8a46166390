import { RunObserver } from "@pyexec/core"
import { Console, Layer } from "effect"

/** Stage lines on stderr while a run moves, so a long generation or execution is not silent. */
export const layer = Layer.sync(RunObserver.RunObserver, () => {
  const started = performance.now()
  return RunObserver.RunObserver.of({
    onTransition: (run, event) =>
      Console.error(`pyexec: [${((performance.now() - started) / 1000).toFixed(1)}s] ${run.id.slice(0, 8)} ${event}`)
  })
})
