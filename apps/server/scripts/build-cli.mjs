#!/usr/bin/env node
// Bundles the `pyexec` command into apps/server/dist/cli/: pyexec.mjs, the entry, and the CLI it starts from
// V8's code cache (cli-<hash>.cjs and its .cache), so that nothing is parsed or compiled at start-up.
//
// The bundle runs in place, from this checkout: files found next to a module (`new URL("…", import.meta.url)`:
// the runner, the migrations, the review page, PGlite's WebAssembly) are looked up where they are in the
// sources and node_modules, and native modules (`.node`) are loaded from where they were built.
import { execFileSync } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as esbuild from "esbuild"

const server = fileURLToPath(new URL("..", import.meta.url))
const outdir = path.join(server, "dist/cli")
// Built aside and moved in: test runs side by side build it too, and a command started meanwhile finds a whole CLI.
const staging = path.join(server, `dist/.cli-${process.pid}`)

/**
 * Every `import.meta.url` means the module's own file, as it would unbundled. And Emscripten's ES-module
 * prologue (PGlite's) goes: in a CommonJS bundle `require` is there already, and its `var require`, hoisted
 * over the `import("node:module")` the bundle turns into `require(…)`, would leave that call nothing to call.
 */
const emscriptenPrologue = /(?:const|let)\s*\{\s*createRequire(?:\s*:\s*\w+)?\s*\}\s*=\s*await\s*\(?\s*import\("node:module"\)\s*\)?\s*;?\s*var require\s*=\s*\w+\(import\.meta\.url\)\s*;?/g
const sourceFixes = {
  name: "source-fixes",
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, async (args) => {
      const source = await fs.readFile(args.path, "utf8")
      if (!source.includes("import.meta.url")) return undefined
      const loader = /\.m?ts$/.test(args.path) ? "ts" : "js"
      const contents = source.replace(emscriptenPrologue, "").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
      return { contents, loader }
    })
  }
}

/**
 * Packages with native modules (and tsx, a loader Node runs in a thread of its own) stay where they were installed,
 * loaded by absolute path; so does nativeImport.cjs, which must be a module Node compiled itself.
 */
const nativePackages = /^(tree-sitter|tree-sitter-python|ssh2|cpu-features|tsx)(\/.*)?$/
const nativeInPlace = {
  name: "native-in-place",
  setup(build) {
    build.onResolve({ filter: nativePackages }, async (args) => {
      if (args.pluginData === "in-place") return undefined
      // required, whatever the import's kind: the bundle is CommonJS
      const found = await build.resolve(args.path, { kind: "require-call", resolveDir: args.resolveDir, importer: args.importer, pluginData: "in-place" })
      if (found.errors.length > 0) return { errors: found.errors }
      return { path: found.path, external: true }
    })
    build.onResolve({ filter: /(\.node|\/nativeImport\.cjs)$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path), external: true }))
  }
}

await fs.rm(staging, { recursive: true, force: true })
// The CLI: one CommonJS file, so that V8 can start it from a code cache (src/internal/codeCache.ts); what a
// command does not use is never run (esbuild wraps lazily imported modules) nor compiled (V8 compiles lazily).
const result = await esbuild.build({
  entryPoints: { cli: path.join(server, "src/bin.ts") },
  entryNames: "[name]-[hash]",
  outdir: staging,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  conditions: ["@pyexec/source"],
  outExtension: { ".js": ".cjs" },
  // import() becomes require(): code compiled from a code cache cannot import() in Node 20 (its callback is lost)
  supported: { "dynamic-import": false },
  plugins: [sourceFixes, nativeInPlace],
  logLevel: "warning",
  metafile: true,
  minifyWhitespace: true,
  minifySyntax: true
})
const cli = Object.keys(result.metafile.outputs).find((file) => file.endsWith(".cjs"))
// The entry: answers --version, else runs the CLI from the code cache. The condition lets an analyzer plugin
// import @pyexec/analyzers from its sources, as the bundle itself did.
await esbuild.build({
  entryPoints: { pyexec: path.join(server, "src/main.ts") },
  outdir: staging,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  define: { PYEXEC_CLI_BUNDLE: JSON.stringify(path.basename(cli)) },
  banner: { js: "#!/usr/bin/env -S node --conditions=@pyexec/source" },
  logLevel: "warning"
})
await fs.chmod(path.join(staging, "pyexec.mjs"), 0o755)
await fs.mkdir(outdir, { recursive: true })
// the bundle first, the entry that names it last; a bundle of another build is kept for an hour, for commands it started
for (const file of [path.basename(cli), "pyexec.mjs"]) await fs.rename(path.join(staging, file), path.join(outdir, file))
await fs.rm(staging, { recursive: true, force: true })
for (const file of await fs.readdir(outdir)) {
  const at = path.join(outdir, file)
  if (file.startsWith("cli-") && !file.startsWith(path.basename(cli)) && Date.now() - (await fs.stat(at)).mtimeMs > 3_600_000) await fs.rm(at, { force: true })
}
const entry = path.join(outdir, "pyexec.mjs")
// the first start writes the code cache; this one, so that no user start pays for it
execFileSync(entry, ["--help"], { stdio: "ignore" })
if (process.argv.includes("--analyze")) console.log(await esbuild.analyzeMetafile(result.metafile))
if (process.argv.includes("--why")) {
  const target = process.argv[process.argv.indexOf("--why") + 1]
  for (const [file, input] of Object.entries(result.metafile.inputs))
    for (const imp of input.imports) if (imp.path.includes(target) && !file.includes(target)) console.log(`${file} -> ${imp.path} (${imp.kind})`)
}
