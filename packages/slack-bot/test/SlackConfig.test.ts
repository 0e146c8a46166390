import { ConfigProvider, Effect, Option, Redacted } from "effect"
import { describe, expect, it } from "@effect/vitest"
import { SlackConfig } from "../src/index.js"

const load = (env: Record<string, string>) => SlackConfig.load.pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))

const bot = { SLACK_BOT_TOKEN: "xoxb-123-456-abcdefabcdef" }

describe("SlackConfig", () => {
  it.effect("no bot token: no bot, and nothing else is read", () =>
    Effect.gen(function* () {
      expect(Option.isNone(yield* load({ SLACK_APPROVERS: "not an id" }))).toBe(true)
    })
  )

  it.effect("SLACK_APP_TOKEN selects Socket Mode; the signing secret is not needed then", () =>
    Effect.gen(function* () {
      const settings = Option.getOrThrow(yield* load({ ...bot, SLACK_APP_TOKEN: "xapp-1-A0-1-abcdef" }))
      expect(settings.connection.mode).toBe("socket")
      expect(settings.apiUrl).toBe("https://slack.com/api/")
    })
  )

  it.effect("HTTP mode with the signing secret; approvers, the API URL and the public URL are read", () =>
    Effect.gen(function* () {
      const settings = Option.getOrThrow(
        yield* load({
          ...bot,
          SLACK_SIGNING_SECRET: "s3cr3t-s3cr3t",
          SLACK_APPROVERS: "U0BOB, W0ENT ,S0GROUP",
          SLACK_API_URL: "https://slack-gov.com/api/",
          PYEXEC_PUBLIC_URL: "https://pyexec.example.org/"
        })
      )
      expect(settings.connection.mode).toBe("http")
      expect(settings.approvers).toEqual(["U0BOB", "W0ENT", "S0GROUP"])
      expect(settings.apiUrl).toBe("https://slack-gov.com/api/")
      expect(settings.publicUrl).toEqual(Option.some("https://pyexec.example.org"))
      // secrets stay redacted when printed
      expect(String(settings.botToken)).not.toContain("xoxb")
      expect(SlackConfig.secretsOf(settings)).toEqual([Redacted.value(settings.botToken), "s3cr3t-s3cr3t"])
    })
  )

  const failure = (env: Record<string, string>) => Effect.flip(load(env)).pipe(Effect.map(String))

  it.effect("bad configuration names the variable", () =>
    Effect.gen(function* () {
      expect(yield* failure(bot)).toMatch(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/)
      expect(yield* failure({ ...bot, SLACK_SIGNING_SECRET: "   " })).toMatch(/SLACK_SIGNING_SECRET/)
      expect(yield* failure({ SLACK_BOT_TOKEN: "xapp-wrong-kind", SLACK_SIGNING_SECRET: "x" })).toMatch(/SLACK_BOT_TOKEN.*bot token/)
      expect(yield* failure({ ...bot, SLACK_APP_TOKEN: "xoxb-wrong-kind" })).toMatch(/SLACK_APP_TOKEN.*app-level token/)
      expect(yield* failure({ ...bot, SLACK_SIGNING_SECRET: "x", SLACK_APPROVERS: "bob,U0BOB" })).toMatch(/SLACK_APPROVERS.*user IDs/)
      expect(yield* failure({ ...bot, SLACK_SIGNING_SECRET: "x", SLACK_API_URL: "slack.com" })).toMatch(/SLACK_API_URL.*URL/)
      expect(yield* failure({ ...bot, SLACK_SIGNING_SECRET: "x", PYEXEC_PUBLIC_URL: "ftp://x" })).toMatch(/PYEXEC_PUBLIC_URL/)
    })
  )
})
