#!/usr/bin/env node
// Copies the review page's libraries from node_modules (at the exact versions apps/server/package.json pins) into
// apps/server/review/vendor/, with their licenses, so that the page is served as it is: no build step, nothing
// loaded from elsewhere. The copies are committed; run this again after changing a version, and commit the result.
//   node apps/server/scripts/vendor-review.mjs
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const server = fileURLToPath(new URL("..", import.meta.url))
const vendor = path.join(server, "review/vendor")
const pinned = JSON.parse(fs.readFileSync(path.join(server, "package.json"), "utf8")).devDependencies

/** Each library: the ES module files the page imports (as named in vendor/) and its license files. */
const libraries = [
  { name: "marked", files: { "marked.js": "lib/marked.esm.js" }, licenses: ["LICENSE"] },
  { name: "dompurify", files: { "purify.js": "dist/purify.es.mjs" }, licenses: ["LICENSE", "LICENSE-MPL"] },
  {
    name: "@highlightjs/cdn-assets",
    files: { "highlight-core.js": "es/core.min.js", "highlight-python.js": "es/languages/python.min.js" },
    licenses: ["LICENSE"]
  }
]

// a source map the copy does not ship would be a 404 in the browser's tools
const withoutSourceMap = (text) => text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n")

fs.rmSync(vendor, { recursive: true, force: true })
fs.mkdirSync(vendor, { recursive: true })
const lines = []
for (const library of libraries) {
  const folder = path.join(server, "node_modules", library.name)
  const { version } = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8"))
  if (pinned[library.name] !== version) throw new Error(`${library.name}: node_modules has ${version}, package.json pins ${pinned[library.name]}: run pnpm install`)
  for (const [as, from] of Object.entries(library.files)) {
    fs.writeFileSync(path.join(vendor, as), withoutSourceMap(fs.readFileSync(path.join(folder, from), "utf8")))
  }
  const slug = library.name.replace(/^@/, "").replaceAll("/", "-")
  for (const license of library.licenses) fs.copyFileSync(path.join(folder, license), path.join(vendor, `${slug}.${license}.txt`))
  lines.push(`| ${library.name} | ${version} | ${Object.entries(library.files).map(([as, from]) => `${as} ← ${from}`).join("<br>")} | ${library.licenses.map((l) => `${slug}.${l}.txt`).join(", ")} |`)
}
fs.writeFileSync(
  path.join(vendor, "README.md"),
  `# Libraries of the review page\n\nCopied from node_modules by \`apps/server/scripts/vendor-review.mjs\`; do not edit.\n\n| package | version | files | license |\n| --- | --- | --- | --- |\n${lines.join("\n")}\n`
)
console.log(`vendored into ${path.relative(process.cwd(), vendor)}:\n${lines.join("\n")}`)
