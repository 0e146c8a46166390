import type { Reporter, TestModule } from "vitest/node"

/** Ends the run with one plain line, `tests: N passed, N failed, N skipped`, that any CI can read. */
export default class Summary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 }
    for (const module of modules) for (const test of module.children.allTests()) counts[test.result().state]++
    const failed = counts.failed + modules.filter((m) => m.state() === "failed" && m.children.size === 0).length
    // After the default reporter's own summary, which it prints once this hook has returned.
    setTimeout(() => console.log(`tests: ${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`), 0)
  }
}
