import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { PipelineConfig, SiteNotes } from "../src/index.js"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-notes-"))
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name)
  fs.writeFileSync(p, content)
  return p
}
const settingsWith = (env: Record<string, string>) =>
  Effect.gen(function* () {
    return yield* PipelineConfig.PipelineConfig
  }).pipe(Effect.provide(PipelineConfig.layerConfig("/runs").pipe(Layer.provide(Layer.setConfigProvider(ConfigProvider.fromJson(env))))))

describe("site notes (PYEXEC_SITE_NOTES)", () => {
  it.effect("are read into the pipeline's settings, trimmed", () =>
    Effect.gen(function* () {
      const notes = file("site.md", "\nSR:DCCT:CURRENT: stored beam current (mA)\n\n")
      expect((yield* settingsWith({ PYEXEC_SITE_NOTES: notes })).siteNotes).toBe("SR:DCCT:CURRENT: stored beam current (mA)")
      expect((yield* settingsWith({})).siteNotes).toBeUndefined()
    })
  )

  it.effect("stop start-up with what is wrong: no file, an empty one, one too long for a prompt, one not text", () =>
    Effect.gen(function* () {
      const why = (p: string) => Effect.flip(SiteNotes.load(p)).pipe(Effect.map((e) => e.message))
      expect(yield* why(path.join(dir, "none.md"))).toMatch(/none\.md \(PYEXEC_SITE_NOTES\): no such file/)
      expect(yield* why(file("empty.md", " \n"))).toMatch(/is empty/)
      expect(yield* why(file("long.md", "x".repeat(SiteNotes.maxBytes + 1)))).toMatch(/16385 bytes, more than the 16384 a prompt takes/)
      expect(yield* why(file("binary.md", Buffer.from([1, 0, 2])))).toMatch(/is not text/)
      const failed = yield* Effect.flip(settingsWith({ PYEXEC_SITE_NOTES: path.join(dir, "none.md") }))
      expect(failed._tag).toBe("SiteNotesError")
    })
  )
})
