import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const packages = ["core", "analyzers", "executors", "generators", "store", "slack-bot", "testing"]
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))
const src = (name: string) => here(`./packages/${name}/src/index.ts`)

export default defineConfig({
  resolve: {
    // Tests run against the sources of sibling packages, as `--conditions=@pyexec/source` does for the CLI.
    // `find` strings match as prefixes: a subpath comes before its package's alias.
    alias: [
      { find: "@pyexec/core/testing", replacement: here("./packages/core/src/testing/index.ts") },
      ...packages.map((name) => ({ find: `@pyexec/${name}`, replacement: src(name) }))
    ]
  },
  test: {
    reporters: ["default", here("./scripts/vitest-summary.ts")],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      ...packages.filter((name) => name !== "testing").map((name) => ({ extends: true, test: { name, root: here(`./packages/${name}`), include: ["test/**/*.test.ts"] } })),
      { extends: true, test: { name: "server", root: here("./apps/server"), include: ["test/**/*.test.ts"], globalSetup: [here("./apps/server/test/support/buildCli.ts")] } }
    ]
  }
})
