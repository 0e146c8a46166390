// The node_modules/.pnpm entries the CLI bundle loads at run time (its externals: native modules, PGlite's files)
// and everything they require, found by following each entry's node_modules links. Prints one entry a line.
import * as fs from "node:fs"
import * as path from "node:path"

const [root, ...roots] = process.argv.slice(2)
const store = path.join(root, "node_modules/.pnpm")
const seen = new Set()
const visit = (entry) => {
  if (seen.has(entry)) return
  seen.add(entry)
  const modules = path.join(store, entry, "node_modules")
  const names = fs.readdirSync(modules).flatMap((n) => (n.startsWith("@") ? fs.readdirSync(path.join(modules, n)).map((m) => `${n}/${m}`) : [n]))
  for (const name of names) {
    const target = fs.realpathSync(path.join(modules, name))
    const relative = path.relative(store, target).split(path.sep)[0]
    if (!relative.startsWith("..")) visit(relative)
  }
}
for (const entry of roots) visit(entry)
console.log([...seen].join("\n"))
