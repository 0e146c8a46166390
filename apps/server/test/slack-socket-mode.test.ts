import { SlackRequests } from "@pyexec/testing"
import { describe, expect, it } from "vitest"
import { markerFile, timesRun } from "./support/cli.js"
import { actionsOf, alice, bob, channel, setpointCode, slackWorld, until } from "./support/slackWorld.js"

describe("Slack over Socket Mode: the connection (against pyexec serve)", () => {
  const w = slackWorld("socket")
  const socket = () => w.socket!
  const opensSoFar = () => w.slack.callsOf("apps.connections.open").length
  /** The server's log gets `line` (it is written a moment after what it tells). */
  const logged = (line: string) => until(`the log line "${line}"`, () => w.server.log().includes(line) || undefined, 10_000)

  it("starts connected: one connection opened with the app-level token, and serve says so", async () => {
    expect(socket().connections()).toEqual([{ id: 1, closed: undefined }])
    expect(opensSoFar()).toBe(1)
    await logged("\npyexec: Slack bot connected in Socket Mode\n")
  })

  it("the connection drops in the middle of an approval: the app asks for a new one, the click arrives over it, the run executes once", async () => {
    const pv = `${w.ioc.prefix}B`
    const marker = markerFile("dropped.txt")
    const before = await w.ioc.get(pv)
    const card = await w.askToRun(alice, setpointCode(pv, 9.25, marker))
    const [connections, opens] = [socket().connections().length, opensSoFar()]
    const click = w.clickBody(bob, card.message.ts, "pyexec_approve", card.value)

    socket().drop()
    // while the app is away, Slack has no connection to deliver the click on: the user is told it failed
    expect(await socket().deliverRequest(click)).toEqual({ acked: false })
    const renewed = await socket().connected(connections + 1)
    expect(socket().connections()[connections - 1]!.closed?.code).toBe(1006) // gone without a close frame
    expect(opensSoFar()).toBe(opens + 1) // a URL works once: a new one was asked for
    expect((await w.api().get(`/api/runs/${card.runId}`)).body.status).toBe("awaiting_approval")
    expect(timesRun(marker)).toBe(0)

    // the user clicks again
    const delivery = await socket().deliverRequest(click)
    expect(delivery).toMatchObject({ acked: true, connection: renewed.id })
    const done = await w.api().until(card.runId, (s) => s === "succeeded")
    expect(done.attempts[0].approval).toMatchObject({ verdict: "approved", decidedBy: `slack:${bob}` })
    expect(await w.ioc.get(pv)).toBe("9.25")
    expect(before).not.toBe("9.25")
    expect(timesRun(marker)).toBe(1)
    const final = await w.cardSaying(card.message.ts, "Succeeded")
    expect(actionsOf(final.blocks)).toBeUndefined()
    await logged("the Socket Mode connection to Slack was lost; reconnecting")
    await logged("Socket Mode connection back")
  })

  it("Slack asks for a new connection (disconnect, refresh_requested): the app closes the old one politely and commands arrive over the new one", async () => {
    const connections = socket().connections().length
    socket().disconnect("refresh_requested")
    const renewed = await socket().connected(connections + 1)
    await until("the old connection closed", () => socket().connections()[connections - 1]!.closed)
    expect(socket().connections()[connections - 1]!.closed).toEqual({ code: 1000, reason: "" })
    const help = await socket().deliverRequest(SlackRequests.slashCommand({ user: alice, channel, text: "help", responseUrl: w.slack.responseUrl("refreshed") }))
    expect(help).toMatchObject({ acked: true, connection: renewed.id, payload: { response_type: "ephemeral", text: "How to use /pyexec" } })
    await logged("Slack asked for a new Socket Mode connection (refresh_requested); reconnecting")
    await logged("Socket Mode connection renewed")
  })

  it("an envelope no listener acknowledges: Slack hears nothing within 3 s, the server warns, nothing runs", async () => {
    const runs = (await w.api().get("/api/runs")).body.total
    const calls = w.slack.calls().length
    const unknown = SlackRequests.slashCommand({ user: alice, channel, text: "exec\nresults = {}", command: "/pyexec-old", responseUrl: w.slack.responseUrl("old") })
    expect(await socket().deliverRequest(unknown)).toEqual({ acked: false })
    await logged("no listener acknowledged a /pyexec-old command within 3 s")
    expect((await w.api().get("/api/runs")).body.total).toBe(runs)
    expect(w.slack.calls().length).toBe(calls)
  })

  it("Slack's Web API down while the app reconnects: it keeps asking for a connection and is back once Slack answers; the server stays up", async () => {
    const connections = socket().connections().length
    const opens = opensSoFar()
    w.slack.outage(true)
    socket().drop()
    try {
      await until("three refused requests for a connection", () => opensSoFar() >= opens + 3 || undefined, 30_000)
    } finally {
      w.slack.outage(false)
    }
    await socket().connected(connections + 1, 20_000)
    expect(w.server.child.exitCode).toBeNull()
    const help = await socket().deliverRequest(SlackRequests.slashCommand({ user: alice, channel, text: "help", responseUrl: w.slack.responseUrl("after-outage") }))
    expect(help).toMatchObject({ acked: true, payload: { text: "How to use /pyexec" } })
  })

  it("stopping the server closes its connection politely (close frame 1000) and logs no lost connection; the next process connects", async () => {
    const connections = socket().connections().length
    const stopped = w.server
    const logged = stopped.log().length
    await w.restart()
    expect(socket().connections()[connections - 1]!.closed).toEqual({ code: 1000, reason: "" })
    expect(stopped.log().slice(logged)).not.toContain("Socket Mode connection to Slack was lost")
    await socket().connected(connections + 1)
    expect(socket().connections()[connections]!.closed).toBeUndefined()
  })

  it("stopping the server while it reconnects (its WebSocket refused) ends it cleanly; the next process connects once Slack lets it", async () => {
    const connections = socket().connections().length
    const opens = opensSoFar()
    socket().block(true)
    socket().drop()
    try {
      await logged("Unexpected server response: 403")
      expect(opensSoFar()).toBeGreaterThan(opens)
      const stopped = w.server
      await stopped.stop()
      expect(stopped.child.exitCode).toBe(130) // interrupted, as serve ends on SIGTERM; an unhandled rejection is 1
      expect(stopped.log()).not.toContain("Unhandled")
    } finally {
      socket().block(false)
    }
    await w.restart()
    await socket().connected(connections + 1)
  })
})
