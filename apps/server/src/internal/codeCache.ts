import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import * as vm from "node:vm"

/**
 * Runs a CommonJS bundle as `require` would, compiled from V8's code cache (`<bundle>.cache`) when there is one:
 * V8 then neither parses nor compiles the bundle's megabytes at each start. Without a cache, or with one V8
 * rejects (another Node, other V8 flags), the bundle is compiled from its source and the cache written as the
 * process exits (atomically: concurrent starts each write a whole file). Where it cannot be written, every
 * start compiles from source, as plain `require` would.
 *
 * V8 checks a cache against the source's length only, so the bundle's name must change with its content: the
 * build names it by its hash.
 */
export const runWithCodeCache = (file: string) => {
  // esbuild writes ASCII (non-ASCII characters escaped): latin1 reads it without decoding UTF-8
  const source = fs.readFileSync(file, "latin1")
  const cacheFile = `${file}.cache`
  const cachedData = readIfThere(cacheFile)
  // no import() in the bundle (the build makes it require()): Node 20 loses the callback of code from a cache
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData })
  if (cachedData === undefined || script.cachedDataRejected) process.once("exit", () => writeAtomically(cacheFile, script.createCachedData()))
  const module = { exports: {} }
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file))
}

const readIfThere = (file: string) => {
  try {
    return fs.readFileSync(file)
  } catch {
    return undefined
  }
}

const writeAtomically = (file: string, data: Buffer) => {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    fs.writeFileSync(temporary, data)
    fs.renameSync(temporary, file)
  } catch {
    fs.rmSync(temporary, { force: true }) // a folder this user cannot write: the next start compiles again
  }
}
