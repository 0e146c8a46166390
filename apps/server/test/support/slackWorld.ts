import * as fs from "node:fs"
import * as path from "node:path"
import { FakeOllama, FakeSlack, FakeSlackSocketMode, SlackRequests, SoftIoc } from "@pyexec/testing"
import { afterAll, beforeAll, expect } from "vitest"
import { markerFile, sharedMarkers, tempDir } from "./cli.js"
import { client } from "./httpCalls.js"
import { type ServerProcess, startServer } from "./server.js"

export const botToken = "xoxb-1111-2222-pyexec-test-bot-token"
export const appToken = "xapp-1-A0PYEXEC-3333-pyexec-test-app-token"
export const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"
export const publicUrl = "https://pyexec.example.org"
export const channel = "C0CONTROL"
export const alice = "U0ALICE" // asks; no approver
export const bob = "U0BOB" // approver by ID
export const carol = "U0CAROL" // approver as a member of the user group
export const mallory = "U0MALLORY" // no approver

/** How Slack reaches the app: requests to /slack/events, or envelopes over the WebSocket the app opened. */
export type Connection = "http" | "socket"

const fence = (code: string) => `Here is the code:\n\`\`\`python\n${code}\n\`\`\``

/** A request whose reply the model server streams slowly (over about 8 s), and the read-only code it holds. */
export const streamedRequest = "greet the control room slowly"
export const streamedCode = 'greeting = "hello, control room"\nprint(greeting)\nresults = {"greeting": greeting}'

/** Code that writes a PV, notes each run in a marker file, and draws a figure. */
export const setpointCode = (pv: string, value: number, marker: string) =>
  [
    "from epics import caput",
    "import matplotlib.pyplot as plt",
    `with open(${JSON.stringify(marker)}, "a") as f:`,
    '    f.write("ran\\n")',
    `ok = caput("${pv}", ${value}, wait=True, timeout=5)`,
    `plt.plot([0, 1], [0, ${value}])`,
    `results = {"pv": "${pv}", "setpoint": ${value}, "ok": ok}`
  ].join("\n")

export const until = async <A>(what: string, probe: () => A | undefined | Promise<A | undefined>, ms = 60_000): Promise<A> => {
  const end = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

// biome-ignore lint/suspicious/noExplicitAny: blocks are read as the JSON Slack gets
export const actionsOf = (blocks: ReadonlyArray<any>) => blocks.find((b) => b.type === "actions" && b.block_id === "pyexec_decision")

/** What Slack got back: the request taken (HTTP 200, or acknowledged over the socket) and the response body. */
export interface SlackAnswer {
  readonly taken: boolean
  // biome-ignore lint/suspicious/noExplicitAny: the JSON the app answered
  readonly json: any
}

/**
 * A real `pyexec serve` with its Slack bot connected one way, against a soft IOC, a local model server and the
 * local Slack servers; the helpers send what Slack would send for a user and wait for what the app does.
 */
export class SlackWorld {
  ioc!: SoftIoc.SoftIoc
  slack!: FakeSlack.FakeSlack
  /** Socket Mode only. */
  socket: FakeSlackSocketMode.FakeSlackSocketMode | undefined
  ollama!: FakeOllama.FakeOllama
  server!: ServerProcess
  home!: string
  env!: Record<string, string>
  /** the file the one generated request notes its runs in */
  e2eMarker!: string
  private adminToken!: string

  /** `moreEnv`: more settings of the server (a test's own, e.g. a JupyterLab). */
  constructor(
    readonly connection: Connection,
    readonly moreEnv: Record<string, string> = {}
  ) {}

  async start() {
    this.ioc = await SoftIoc.start()
    this.socket = this.connection === "socket" ? await FakeSlackSocketMode.start({ appToken }) : undefined
    this.slack = await FakeSlack.start({ token: botToken, usergroups: { S0APPROVERS: [carol] }, ...(this.socket ? { socketMode: this.socket } : {}) })
    this.home = tempDir(`slack-${this.connection}`)
    // the generated requests: the end-to-end one, and one whose reply streams slowly (the other tests give their code with `/pyexec exec`)
    this.e2eMarker = markerFile("e2e.txt")
    this.ollama = await FakeOllama.start([
      { content: fence(setpointCode(`${this.ioc.prefix}B`, 12.5, this.e2eMarker)) },
      { when: streamedRequest, content: fence(streamedCode), pieces: 12, pieceDelayMs: 650 }
    ])
    this.env = {
      ...this.ioc.env,
      PYEXEC_HOME: this.home,
      PYEXEC_EXECUTOR: "local",
      PYEXEC_GENERATOR: "ollama",
      OLLAMA_HOST: this.ollama.url,
      PYEXEC_MODEL: "qwen2.5-coder:7b",
      PYEXEC_FOUR_EYES: "true",
      PYEXEC_WORKER_POLL_MS: "200",
      SLACK_BOT_TOKEN: botToken,
      ...(this.connection === "socket" ? { SLACK_APP_TOKEN: appToken } : { SLACK_SIGNING_SECRET: signingSecret }),
      SLACK_API_URL: this.slack.apiUrl,
      SLACK_APPROVERS: `${bob},S0APPROVERS`,
      PYEXEC_PUBLIC_URL: publicUrl,
      ...sharedMarkers().env,
      ...this.moreEnv
    }
    this.server = await startServer(this.env, this.home)
    this.adminToken = fs.readFileSync(path.join(this.home, "admin-token"), "utf8").trim().split(":")[2]!
  }

  async stop() {
    await this.server?.stop()
    await Promise.all([this.ioc?.stop(), this.slack?.close(), this.socket?.close(), this.ollama?.close()])
  }

  /** Stops the server and starts it again on the same home and store. */
  async restart() {
    await this.server.stop()
    this.server = await startServer(this.env, this.home)
  }

  /** Sends what Slack sends for a request to the Request URL: posted and signed, or as an envelope over the socket. */
  send = async (body: string): Promise<SlackAnswer> => {
    if (!this.socket) {
      const answer = await SlackRequests.post(`${this.server.url}/slack/events`, signingSecret, body)
      return { taken: answer.status === 200, json: answer.json }
    }
    const delivery = await this.socket.deliverRequest(body)
    return { taken: delivery.acked, json: delivery.acked && Object.keys(delivery.payload).length > 0 ? delivery.payload : undefined }
  }

  command = (user: string, text: string) =>
    this.send(SlackRequests.slashCommand({ user, channel, text, responseUrl: this.slack.responseUrl(`cmd-${Date.now()}`) }))

  clickBody = (user: string, messageTs: string, actionId: string, value: string) =>
    SlackRequests.buttonClick({ user, channel, messageTs, actionId, value, responseUrl: this.slack.responseUrl(`click-${user}`) })

  api = () => client(this.server.url, this.adminToken)

  ephemeralsTo = (user: string) => this.slack.callsOf("chat.postEphemeral").filter((c) => c.args.user === user)

  /** Sends a request Slack would send (it must be taken), then the text of the next ephemeral `user` is shown. */
  answeredPrivately = async (user: string, what: string, sent: () => Promise<SlackAnswer>) => {
    const before = this.ephemeralsTo(user).length
    expect((await sent()).taken).toBe(true)
    await until(what, () => (this.ephemeralsTo(user).length > before ? true : undefined))
    return String(this.ephemeralsTo(user).at(-1)!.args.text)
  }

  topLevel = () => this.slack.messages(channel).filter((m) => m.threadTs === undefined).length

  /** The card of the next run asked in the channel, once it waits for approval: its message and its button value. */
  waitingCard = (postedBefore: number) =>
    until("an approval card", () => {
      const message = this.slack.messages(channel).filter((m) => m.threadTs === undefined)[postedBefore]
      const actions = message && actionsOf(message.blocks)
      if (!message || !actions) return undefined
      const value: string = actions.elements[0].value
      return { message, value, runId: JSON.parse(value).runId as string }
    })

  /** Asks in Slack for given code (`/pyexec exec` with a code block) and waits for its card. */
  askToRun = async (user: string, code: string) => {
    const posted = this.topLevel()
    expect((await this.command(user, `exec\n\`\`\`python\n${code}\n\`\`\``)).taken).toBe(true)
    return this.waitingCard(posted)
  }

  /** The card of a message once its blocks contain `text`. */
  cardSaying = (ts: string, text: string) =>
    until(`the card saying ${text}`, () => {
      const m = this.slack.message(channel, ts)!
      return JSON.stringify(m.blocks).includes(text) ? m : undefined
    })
}

/** A world for the tests of the enclosing `describe`: started before them, stopped after; `moreEnv`: more settings of the server. */
export const slackWorld = (connection: Connection, moreEnv: Record<string, string> = {}): SlackWorld => {
  const world = new SlackWorld(connection, moreEnv)
  beforeAll(() => world.start())
  afterAll(() => world.stop())
  return world
}
