import { SoftIoc } from "@pyexec/testing"
import { afterAll, beforeAll } from "vitest"

/**
 * A soft IOC for the tests of one file, started before them with its Channel Access settings in this process's
 * environment (where the executors under test take their EPICS_* from), and stopped after them.
 */
export const useSoftIoc = (): SoftIoc.SoftIoc => {
  let started: SoftIoc.SoftIoc | undefined
  beforeAll(async () => {
    started = await SoftIoc.start()
    Object.assign(process.env, started.env)
  })
  afterAll(async () => {
    await started?.stop()
  })
  const ioc = () => {
    if (!started) throw new Error("the soft IOC is not started yet: use it inside a test")
    return started
  }
  return {
    get prefix() {
      return ioc().prefix
    },
    get env() {
      return ioc().env
    },
    get: (pv) => ioc().get(pv),
    put: (pv, value) => ioc().put(pv, value),
    stop: () => ioc().stop()
  }
}
