import type { Dirent } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Effect } from "effect"
import { SourcePathError } from "./SourcePathError.js"

/** Folders never searched: version control, dependencies, virtualenvs, caches, pyexec's own run folders. */
export const skippedFolders: ReadonlySet<string> = new Set([".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".pyexec"])

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code ?? String(error)

/** Code-point order, the same on every machine and locale. */
const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** A symbolic link is followed to a file, never into a folder (a link back up would never end). */
const isLinkToFile = (file: string) =>
  fs.stat(file).then(
    (s) => s.isFile(),
    () => false
  )

const search = (folder: string): Effect.Effect<ReadonlyArray<string>, SourcePathError> =>
  Effect.gen(function* () {
    const entries = yield* Effect.tryPromise({
      try: () => fs.readdir(folder, { withFileTypes: true }),
      catch: (error) =>
        new SourcePathError({
          reason: "not-readable",
          path: folder,
          message: `cannot list the folder ${folder} (${errnoOf(error)}): check its permissions, or name the files to analyze`
        })
    })
    const found: Array<string> = []
    for (const entry of entries.sort(byName)) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) found.push(...(yield* search(full)))
      } else if (entry.name.endsWith(".py") && (entry.isFile() || (entry.isSymbolicLink() && (yield* Effect.promise(() => isLinkToFile(full)))))) {
        found.push(full)
      }
    }
    return found
  })

const filesOf = (given: string): Effect.Effect<ReadonlyArray<string>, SourcePathError> =>
  Effect.tryPromise({
    try: () => fs.stat(given),
    catch: (error) =>
      errnoOf(error) === "ENOENT"
        ? new SourcePathError({
            reason: "not-found",
            path: given,
            message: `no such file or folder: ${given}. Pass Python files, or folders to search for *.py`
          })
        : new SourcePathError({ reason: "not-readable", path: given, message: `cannot open ${given} (${errnoOf(error)}): check its permissions` })
  }).pipe(Effect.flatMap((stat) => (stat.isDirectory() ? search(given) : Effect.succeed([given]))))

/**
 * The Python files the given paths name: a file is taken as named (whatever its extension), a folder is
 * searched for `*.py` in name order, skipping `skippedFolders`. Each file once, in the order the paths give them.
 * Fails on a path that does not exist, and when no Python file is found at all.
 */
export const findPythonFiles = (paths: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<string>, SourcePathError> =>
  Effect.gen(function* () {
    const seen = new Set<string>()
    const files: Array<string> = []
    for (const given of paths) {
      for (const file of yield* filesOf(given)) {
        const absolute = path.resolve(file)
        if (seen.has(absolute)) continue
        seen.add(absolute)
        files.push(file)
      }
    }
    if (files.length === 0) {
      return yield* new SourcePathError({
        reason: "no-python-files",
        path: paths.join(" "),
        message: `no Python files in ${paths.join(", ")}: pass .py files, or folders that hold them`
      })
    }
    return files
  })
