import * as fs from "node:fs/promises"
import * as path from "node:path"
import type { Readable } from "node:stream"
import type { Executor } from "@pyexec/core"
import * as tar from "tar-stream"
import type { RunLimits } from "../RunLimits.js"
import { jobFile, ledgerFile, runnerFiles } from "../Runner.js"

/** Where the runner sits inside a remote or container work folder. */
export const runnerDir = ".pyexec"

/**
 * One tar with all a remote run needs: the code, its input files, the job file, the runner, and the profile's environment (read by
 * pyexec-sandbox, which hands it to the code after it dropped root).
 */
export const bundle = async (job: Executor.ExecutionJob, limits: RunLimits, env?: Readonly<Record<string, string>>): Promise<Buffer> => {
  const pack = tar.pack()
  const files: Array<[string, string | Buffer]> = [
    ["code.py", job.code],
    ...(job.inputFiles ?? []).map((f): [string, Buffer] => [f.name, Buffer.from(f.bytes)]),
    ["job.json", jobFile(job, limits)],
    ...(env ? [["env.json", JSON.stringify(env)] as [string, string]] : []),
    ...(await runnerFiles()).map(([name, text]): [string, Buffer] => [`${runnerDir}/${name}`, text])
  ]
  for (const [name, content] of files) pack.entry({ name, mode: 0o644 }, content)
  pack.finalize()
  const chunks: Array<Buffer> = []
  for await (const chunk of pack) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * The runner's outputs (and pyexec-sandbox's account of the run) and nothing else: a hostile sandbox cannot write
 * elsewhere on this host.
 */
const wanted = (name: string) => name === "manifest.json" || name === ledgerFile || name === sandboxReport || /^figures\/figure-\d+\.png$/.test(name)

/** What pyexec-sandbox writes into the run's folder: whether the runner started, the writes the gateway refused. */
export const sandboxReport = "sandbox.json"

/** Unpacks the manifest and the figures from a remote tar into the attempt's folder on this host. */
export const extractResults = async (archive: Readable, workDir: string, maxBytes: number): Promise<void> => {
  await fs.mkdir(path.join(workDir, "figures"), { recursive: true })
  const extract = tar.extract()
  let total = 0
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const name = path.posix.normalize(header.name).replace(/^\.\//, "")
      if (header.type !== "file" || !wanted(name)) {
        stream.resume()
        stream.on("end", next)
        return
      }
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length
        if (total > maxBytes) extract.destroy(new Error(`the run's outputs exceed ${maxBytes} bytes`))
        else chunks.push(chunk)
      })
      stream.on("end", () => {
        fs.writeFile(path.join(workDir, name), Buffer.concat(chunks)).then(() => next(), reject)
      })
    })
    extract.on("finish", resolve)
    extract.on("error", reject)
  })
  archive.on("error", (error) => extract.destroy(error))
  archive.pipe(extract)
  await done
}
