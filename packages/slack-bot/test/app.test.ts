import { FakeSlack, FakeSlackSocketMode, SlackRequests } from "@pyexec/testing"
import { Effect, Option, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { makeApp, makeReceiver } from "../src/app.js"
import type { BotContext } from "../src/internal/BotContext.js"
import { redactingLogger } from "../src/internal/logger.js"
import { redactor } from "../src/internal/redact.js"
import type { SlackSettings } from "../src/SlackConfig.js"
import { SlackEventsReceiver } from "../src/SlackEventsReceiver.js"
import { SlackSocketModeReceiver } from "../src/SlackSocketModeReceiver.js"

const botToken = "xoxb-1-2-socket-mode-test"
const appToken = "xapp-1-A0PYEXEC-1-socket-mode-test"

describe("the Bolt app", () => {
  let socket: FakeSlackSocketMode.FakeSlackSocketMode
  let slack: FakeSlack.FakeSlack
  const lines: Array<string> = []
  beforeAll(async () => {
    socket = await FakeSlackSocketMode.start({ appToken })
    slack = await FakeSlack.start({ token: botToken, socketMode: socket })
  })
  afterAll(() => Promise.all([slack?.close(), socket?.close()]))

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

  it("Socket Mode: SLACK_APP_TOKEN gives a Socket Mode receiver; the app opens its connection at SLACK_API_URL with the app-level token, is greeted, and closes it politely when stopped", async () => {
    const s = settings({ mode: "socket", appToken: Redacted.make(appToken) })
    const receiver = makeReceiver(s, logger(), bot(s).warn)
    expect(receiver).toBeInstanceOf(SlackSocketModeReceiver)
    const app = makeApp(s, receiver, logger(), bot(s))
    await app.init()
    expect(slack.callsOf("auth.test").map((c) => c.token)).toEqual([botToken])
    await app.start() // resolves on Slack's hello
    expect(slack.callsOf("apps.connections.open").map((c) => c.token)).toEqual([appToken])
    expect(socket.connections()).toEqual([{ id: 1, closed: undefined }])

    // a command the app has no listener for is not acknowledged: Slack's 3 s pass, the app says so
    const unheard = await socket.deliverRequest(SlackRequests.slashCommand({ user: "U0ALICE", channel: "C0X", text: "hi", command: "/other", responseUrl: slack.responseUrl("x") }))
    expect(unheard).toEqual({ acked: false })
    await vi.waitFor(() => expect(lines.join("\n")).toContain("no listener acknowledged a /other command within 3 s"), { timeout: 2_000 })

    await app.stop()
    expect(socket.connections()[0]!.closed).toEqual({ code: 1000, reason: "" })
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
