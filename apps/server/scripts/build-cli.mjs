#!/usr/bin/env node
// Bundles the `pyexec` command into apps/server/dist/cli/: one module per command's heavy part (split at the
// dynamic imports), so a command loads only what it uses and nothing is compiled at start-up.
//
// The bundle runs in place, from this checkout: files found next to a module (`new URL("…", import.meta.url)`:
// the runner, the migrations, the review page, PGlite's WebAssembly) are looked up where they are in the
// sources and node_modules, and native modules (`.node`) are loaded from where they were built.
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as esbuild from "esbuild"

const server = fileURLToPath(new URL("..", import.meta.url))
const outdir = path.join(server, "dist/cli")

/** Every `import.meta.url` means the module's own file, as it would unbundled. */
const ownFileUrls = {
  name: "own-file-urls",
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, async (args) => {
      const source = await fs.readFile(args.path, "utf8")
      if (!source.includes("import.meta.url")) return undefined
      const loader = /\.m?ts$/.test(args.path) ? "ts" : "js"
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader }
    })
  }
}

/** Packages with native modules (and tsx, a loader Node runs in a thread of its own) stay where they were installed, loaded by absolute path. */
const nativePackages = /^(tree-sitter|tree-sitter-python|ssh2|cpu-features|tsx)(\/.*)?$/
const nativeInPlace = {
  name: "native-in-place",
  setup(build) {
    build.onResolve({ filter: nativePackages }, async (args) => {
      if (args.pluginData === "in-place") return undefined
      const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "in-place" })
      if (found.errors.length > 0) return { errors: found.errors }
      return { path: found.path, external: true }
    })
    build.onResolve({ filter: /\.node$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path), external: true }))
  }
}

await fs.rm(outdir, { recursive: true, force: true })
const result = await esbuild.build({
  entryPoints: { pyexec: path.join(server, "src/main.ts") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  conditions: ["@pyexec/source"],
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  // CommonJS packages bundled into ES modules still call require() for Node's own modules
  // The condition lets an analyzer plugin import @pyexec/analyzers from its sources, as the bundle itself did.
  banner: { js: "#!/usr/bin/env -S node --conditions=@pyexec/source\nimport { createRequire as __pyexecRequire } from 'node:module'; const require = __pyexecRequire(import.meta.url);" },
  plugins: [ownFileUrls, nativeInPlace],
  logLevel: "warning",
  metafile: true,
  minifyWhitespace: true,
  minifySyntax: true
})
await fs.chmod(path.join(outdir, "pyexec.mjs"), 0o755)
if (process.argv.includes("--analyze")) console.log(await esbuild.analyzeMetafile(result.metafile))
if (process.argv.includes("--why")) {
  const target = process.argv[process.argv.indexOf("--why") + 1]
  for (const [file, input] of Object.entries(result.metafile.inputs))
    for (const imp of input.imports) if (imp.path.includes(target) && !file.includes(target)) console.log(`${file} -> ${imp.path} (${imp.kind})`)
}
