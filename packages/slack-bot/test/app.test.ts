import { FakeSlack, SlackRequests } from "@pyexec/testing"
import { SocketModeReceiver } from "@slack/bolt"
import { Effect, Option, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp, makeReceiver } from "../src/app.js"
import type { BotContext } from "../src/internal/BotContext.js"
import { redactingLogger } from "../src/internal/logger.js"
import { redactor } from "../src/internal/redact.js"
import type { SlackSettings } from "../src/SlackConfig.js"
import { SlackEventsReceiver } from "../src/SlackEventsReceiver.js"

const botToken = "xoxb-1-2-socket-mode-test"
const appToken = "xapp-1-A0PYEXEC-1-socket-mode-test"

/**
 * Socket Mode cannot be tried end to end here (it needs Slack's WebSocket servers): these tests check that the
 * configuration selects it, that the app builds on it, and that it asks SLACK_API_URL for its connection with
 * the app-level token.
 */
describe("the Bolt app", () => {
  let slack: FakeSlack.FakeSlack
  const lines: Array<string> = []
  beforeAll(async () => {
    slack = await FakeSlack.start({ token: botToken })
  })
  afterAll(() => slack?.close())

  const settings = (connection: SlackSettings["connection"]): SlackSettings => ({
    botToken: Redacted.make(botToken),
    connection,
    approvers: ["U0BOB"],
    apiUrl: slack.apiUrl,
    publicUrl: Option.none()
  })
  const logger = () => redactingLogger(redactor([botToken, appToken]), (_level, line) => lines.push(line))
  const bot = (s: SlackSettings): BotContext => ({
    settings: s,
    run: () => Promise.reject(new Error("no listener runs in these tests")),
    publicUrl: Effect.succeed("https://pyexec.example.org"),
    executor: "local",
    warn: (message) => lines.push(message)
  })

  it("Socket Mode: SLACK_APP_TOKEN gives a Socket Mode receiver; the app checks its bot token and opens its connection at SLACK_API_URL", async () => {
    const s = settings({ mode: "socket", appToken: Redacted.make(appToken) })
    const receiver = makeReceiver(s, logger(), bot(s).warn)
    expect(receiver).toBeInstanceOf(SocketModeReceiver)
    const app = makeApp(s, receiver, logger(), bot(s))
    await app.init()
    expect(slack.callsOf("auth.test").map((c) => c.token)).toEqual([botToken])
    // the fake has no WebSocket endpoint: it refuses, so start fails after asking it
    await expect(Promise.race([app.start(), new Promise((_, reject) => setTimeout(() => reject(new Error("start did not end")), 20_000))])).rejects.toThrow()
    await app.stop().catch(() => undefined)
    const opened = slack.callsOf("apps.connections.open")
    expect(opened.length).toBeGreaterThan(0)
    expect(opened[0]!.token).toBe(appToken)
    expect(lines.join("\n")).not.toContain(appToken)
    expect(lines.join("\n")).not.toContain(botToken)
  })

  it("HTTP mode: the signing secret gives the receiver mounted on /slack/events", async () => {
    const s = settings({ mode: "http", signingSecret: Redacted.make("secret-secret") })
    const receiver = makeReceiver(s, logger(), bot(s).warn)
    expect(receiver).toBeInstanceOf(SlackEventsReceiver)
    const app = makeApp(s, receiver, logger(), bot(s))
    await app.init()
    // a url_verification challenge, correctly signed, is answered by the receiver itself
    const body = JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" })
    const { sign } = SlackRequests
    const answer = await (receiver as SlackEventsReceiver).handle({ headers: { "content-type": "application/json", ...sign("secret-secret", body) }, body })
    expect(answer).toMatchObject({ status: 200, body: JSON.stringify({ challenge: "c-123" }) })
    const forged = await (receiver as SlackEventsReceiver).handle({ headers: { "content-type": "application/json", ...sign("other", body) }, body })
    expect(forged.status).toBe(401)
  })
})
