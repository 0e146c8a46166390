import * as fs from "node:fs"
import * as path from "node:path"
import { FakeSlack, FakeSlackSocketMode, SlackRequests } from "@pyexec/testing"
import { describe, expect, it } from "vitest"
import { markerFile, pyexec, tempDir, timesRun } from "./support/cli.js"
import { client } from "./support/httpCalls.js"
import { startServer } from "./support/server.js"
import {
  actionsOf,
  alice,
  appToken,
  bob,
  botToken,
  carol,
  channel,
  mallory,
  publicUrl,
  setpointCode,
  signingSecret,
  slackWorld,
  streamedRequest,
  until
} from "./support/slackWorld.js"

describe.each(["http", "socket"] as const)("Slack over %s: /pyexec, approval cards, results in the thread (against pyexec serve)", (connection) => {
  const w = slackWorld(connection)

  it("end to end: a slash command, the card with the EPICS write, a non-approver's click changes nothing, the approver's click runs it, the result in the thread", async () => {
    const { ioc, slack } = w
    const pv = `${ioc.prefix}B`
    const marker = w.e2eMarker
    const before = await ioc.get(pv)
    expect(before).not.toBe("12.5")
    const posted = w.topLevel()

    const asked = await w.command(alice, `set ${pv} to 12.5 A`)
    expect(asked.taken).toBe(true)
    const card = await w.waitingCard(posted)
    const blocks = JSON.stringify(card.message.blocks)
    expect(blocks).toContain(`<@${alice}> asked`)
    expect(blocks).toContain(`set ${pv} to 12.5 A`)
    expect(blocks).toMatch(/`EPICS001` [a-z-]+ · line 5/)
    expect(blocks).toContain(":warning: *write*")
    expect(blocks).toContain(`${publicUrl}/runs/${card.runId}`)
    expect(w.ollama.chats()).toHaveLength(1)

    // a non-approver's click: told why, only them; nothing changes
    const refused = await w.send(w.clickBody(mallory, card.message.ts, "pyexec_approve", card.value))
    expect(refused.taken).toBe(true)
    const told = await until("the ephemeral refusal", () => w.ephemeralsTo(mallory)[0])
    expect(told.args.text).toContain("Only the approvers configured for pyexec")
    expect((await w.api().get(`/api/runs/${card.runId}`)).body.status).toBe("awaiting_approval")
    expect(await ioc.get(pv)).toBe(before)
    expect(timesRun(marker)).toBe(0)
    expect(actionsOf(slack.message(channel, card.message.ts)!.blocks)).toBeDefined()

    // the approver's click runs it
    expect((await w.send(w.clickBody(bob, card.message.ts, "pyexec_approve", card.value))).taken).toBe(true)
    const done = await w.api().until(card.runId, (s) => s === "succeeded")
    expect(done.attempts[0].approval).toMatchObject({ verdict: "approved", decidedBy: `slack:${bob}` })
    expect(done.codeSha256).toBe(JSON.parse(card.value).codeSha256)
    expect(await ioc.get(pv)).toBe("12.5") // an independent read
    expect(timesRun(marker)).toBe(1)
    expect(done.audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: `slack:${mallory}`, action: "refused" }),
        expect.objectContaining({ actor: `slack:${bob}`, action: "approved" })
      ])
    )

    // the thread gets the result, with the figure uploaded as an image
    const [result] = await until("the results in the thread", () => {
      const replies = slack.thread(channel, card.message.ts)
      return replies.length > 0 ? replies : undefined
    })
    const resultText = JSON.stringify(result!.blocks)
    expect(resultText).toContain(":white_check_mark: Succeeded* in")
    expect(resultText).toMatch(/setpoint +12\.5/)
    expect(resultText).toContain(`${publicUrl}/api/runs/${card.runId}/notebook.ipynb`)
    const upload = await until("the figure upload", () => slack.uploads().find((u) => u.completed && u.threadTs === card.message.ts))
    expect(upload.channel).toBe(channel)
    expect(upload.bytes.subarray(1, 4).toString()).toBe("PNG")
    expect(slack.callsOf("files.getUploadURLExternal").length).toBeGreaterThan(0)

    // the card lost its buttons and names who decided
    const final = await w.cardSaying(card.message.ts, "Succeeded")
    expect(actionsOf(final.blocks)).toBeUndefined()
    expect(JSON.stringify(final.blocks)).toContain(`*Approved* by <@${bob}>`)
    // every Web API call carried the bot token (Socket Mode: the app-level token opens the connection, only that),
    // and the server never logged a secret
    const [opens, calls] = [slack.callsOf("apps.connections.open"), slack.calls().filter((c) => c.method !== "apps.connections.open")]
    expect(calls.every((c) => c.token === botToken)).toBe(true)
    expect(opens.map((c) => c.token)).toEqual(connection === "socket" ? [appToken] : [])
    for (const secret of [botToken, signingSecret, appToken]) expect(w.server.log()).not.toContain(secret)
  })

  it("reject with a reason: the modal asks for it, the run ends rejected, the reason is on the card and in the audit log, the PV unchanged", async () => {
    const { ioc, slack } = w
    const pv = `${ioc.prefix}A`
    const marker = markerFile("reject.txt")
    const before = await ioc.get(pv)
    const card = await w.askToRun(alice, setpointCode(pv, 77, marker))

    const clicked = await w.send(w.clickBody(carol, card.message.ts, "pyexec_reject", card.value))
    expect(clicked.taken).toBe(true)
    const opened = await until("the reject modal", () => slack.callsOf("views.open").at(-1))
    expect(opened.args.view.callback_id).toBe("pyexec_reject_reason")
    const metadata: string = opened.args.view.private_metadata
    expect(JSON.parse(metadata)).toEqual(JSON.parse(card.value))

    const submit = (reason: string | null) =>
      w.send(
        SlackRequests.viewSubmission({
          user: carol,
          callbackId: "pyexec_reject_reason",
          privateMetadata: metadata,
          values: { reason: { reason: { type: "plain_text_input", value: reason } } }
        })
      )
    const blank = await submit("   ")
    expect(blank.taken).toBe(true)
    expect(blank.json).toEqual({ response_action: "errors", errors: { reason: expect.stringContaining("Say why") } })
    expect((await w.api().get(`/api/runs/${card.runId}`)).body.status).toBe("awaiting_approval")

    expect((await submit("wrong magnet: A is the corrector")).taken).toBe(true)
    const done = await w.api().until(card.runId, (s) => s === "rejected")
    expect(done.outcome.message).toBe(`rejected by slack:${carol}: wrong magnet: A is the corrector`)
    expect(done.audit).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: `slack:${carol}`, action: "rejected", message: expect.stringContaining("wrong magnet: A is the corrector") })])
    )
    const final = await w.cardSaying(card.message.ts, "*Rejected* by")
    expect(actionsOf(final.blocks)).toBeUndefined()
    expect(JSON.stringify(final.blocks)).toContain("*Reason:* wrong magnet: A is the corrector")
    expect(JSON.stringify(final.blocks)).toContain(`<@${carol}>`)
    expect(await ioc.get(pv)).toBe(before)
    expect(timesRun(marker)).toBe(0)
  })

  it("two approvers clicking at once execute once; a replayed click executes nothing again and says it was decided", async () => {
    const marker = markerFile("race.txt")
    const card = await w.askToRun(alice, setpointCode(`${w.ioc.prefix}B`, 4.5, marker))
    const bobsClick = w.clickBody(bob, card.message.ts, "pyexec_approve", card.value)
    const carolsClick = w.clickBody(carol, card.message.ts, "pyexec_approve", card.value)
    const answers = await Promise.all([w.send(bobsClick), w.send(carolsClick)])
    expect(answers.map((a) => a.taken)).toEqual([true, true])
    const done = await w.api().until(card.runId, (s) => s === "succeeded")
    expect(timesRun(marker)).toBe(1)
    const winner = done.attempts[0].approval.decidedBy
    const loser = winner === `slack:${bob}` ? carol : bob
    const told = await until("the loser's ephemeral", () => w.ephemeralsTo(loser).find((c) => String(c.args.text).includes("Already decided")))
    expect(told.args.channel).toBe(channel)

    // the very same click again (HTTP: the same signed request, a replay within Slack's 5 minutes)
    expect(await w.answeredPrivately(bob, "the replay's ephemeral", () => w.send(bobsClick))).toContain("Already decided")
    await new Promise((r) => setTimeout(r, 1000))
    expect(timesRun(marker)).toBe(1)
    expect((await w.api().get(`/api/runs/${card.runId}`)).body.status).toBe("succeeded")
    expect(done.audit.filter((e: { action: string }) => e.action === "approved")).toHaveLength(1)
  })

  it("Restore… on the card of a finished write run: a new run with its own card and plan; approved, the channel is back", async () => {
    const { ioc, slack } = w
    const pv = `${ioc.prefix}B`
    const before = await ioc.get(pv)
    const card = await w.askToRun(alice, setpointCode(pv, 7.5, markerFile("restore.txt")))
    expect((await w.send(w.clickBody(bob, card.message.ts, "pyexec_approve", card.value))).taken).toBe(true)
    await w.api().until(card.runId, (s) => s === "succeeded")
    expect(await ioc.get(pv)).toBe("7.5")
    const restore = await until("the Restore button", () =>
      slack.message(channel, card.message.ts)!.blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])).find((e: { action_id: string }) => e.action_id === "pyexec_restore")
    )
    const posted = w.topLevel()
    expect((await w.send(w.clickBody(alice, card.message.ts, "pyexec_restore", restore.value))).taken).toBe(true)
    const restoring = await w.waitingCard(posted)
    const blocks = JSON.stringify(restoring.message.blocks)
    expect(blocks).toContain(`restore the writes of run ${card.runId}`)
    expect(blocks).toContain("*Planned writes*")
    expect(blocks).toMatch(new RegExp(`${pv} +7\\.5 -&gt; ${Number(before)} +planned +change -${7.5 - Number(before)}`))
    expect(await ioc.get(pv)).toBe("7.5")
    expect((await w.send(w.clickBody(bob, restoring.message.ts, "pyexec_approve", restoring.value))).taken).toBe(true)
    const done = await w.api().until(restoring.runId, (s) => s === "succeeded")
    expect(done.request.restores).toBe(card.runId)
    expect(await ioc.get(pv)).toBe(before)
  })

  it("Cancel run on a waiting card: refused to someone else, its requester's click ends it cancelled and the card says so", async () => {
    const marker = markerFile("slack-cancel.txt")
    const card = await w.askToRun(alice, setpointCode(`${w.ioc.prefix}B`, 8.5, marker))
    expect(await w.answeredPrivately(mallory, "the refusal", () => w.send(w.clickBody(mallory, card.message.ts, "pyexec_cancel", card.value)))).toContain("may not cancel")
    expect((await w.api().get(`/api/runs/${card.runId}`)).body.status).toBe("awaiting_approval")
    expect((await w.send(w.clickBody(alice, card.message.ts, "pyexec_cancel", card.value))).taken).toBe(true)
    const done = await w.api().until(card.runId, (s) => s === "cancelled")
    expect(done.outcome.message).toBe(`cancelled by slack:${alice}`)
    const final = await w.cardSaying(card.message.ts, "Cancelled")
    expect(actionsOf(final.blocks)).toBeUndefined()
    expect(timesRun(marker)).toBe(0)
  })

  it("while the code runs, its card shows the output so far; then the final card, without it", async () => {
    const { slack } = w
    const posted = w.topLevel()
    const code = 'import time\nprint("live line one")\ntime.sleep(6)\nprint("live line two")\nresults = {"ok": True}'
    expect((await w.command(alice, `exec\n\`\`\`python\n${code}\n\`\`\``)).taken).toBe(true)
    const message = await until("the run's message", () => slack.messages(channel).filter((m) => m.threadTs === undefined)[posted])
    const versions = () => slack.message(channel, message.ts)!.history.map((v) => v.blocks)
    // biome-ignore lint/suspicious/noExplicitAny: blocks are read as the JSON Slack gets
    const outputOf = (blocks: ReadonlyArray<any>): string | undefined => blocks.find((b) => b.type === "section" && b.text.text.startsWith("*Output so far*"))?.text.text
    // the card with the first line, while the run executes
    const live = await until("a card with the output so far", () => versions().findIndex((v) => outputOf(v)?.includes("live line one")) + 1 || undefined)
    expect(outputOf(versions()[live - 1]!)).not.toContain("live line two")
    const runId = /\/runs\/([0-9a-f-]{36})/.exec(JSON.stringify(versions()[live - 1]))![1]!
    expect((await w.api().get(`/api/runs/${runId}`)).body.status).toBe("executing")
    // then the final card, after it: no output section
    await w.api().until(runId, (s) => s === "succeeded")
    const final = await until("the final card", () => versions().findIndex((v, i) => i >= live && JSON.stringify(v).includes("Succeeded")) + 1 || undefined)
    expect(final).toBeGreaterThan(live)
    expect(outputOf(versions().at(-1)!)).toBeUndefined()
    // at most one live update every 2.5 s: the cards with output are few
    expect(versions().filter((v) => outputOf(v) !== undefined).length).toBeLessThanOrEqual(4)
  })

  it("while the model writes the code, its card shows the end of the reply so far; then the usual card, without it", async () => {
    const { slack } = w
    const posted = w.topLevel()
    expect((await w.command(alice, streamedRequest)).taken).toBe(true)
    const message = await until("the run's message", () => slack.messages(channel).filter((m) => m.threadTs === undefined)[posted])
    const versions = () => slack.message(channel, message.ts)!.history.map((v) => v.blocks)
    // biome-ignore lint/suspicious/noExplicitAny: blocks are read as the JSON Slack gets
    const replyOf = (blocks: ReadonlyArray<any>): string | undefined => blocks.find((b) => b.type === "section" && b.text.text.startsWith("*The model is still writing*"))?.text.text
    // a card with the start of the reply, while the run generates, before the model is done
    const live = await until("a card with the reply so far", () => versions().findIndex((v) => replyOf(v)?.includes("Here is the code")) + 1 || undefined)
    const runId = /\/runs\/([0-9a-f-]{36})/.exec(JSON.stringify(versions()[live - 1]))![1]!
    expect((await w.api().get(`/api/runs/${runId}`)).body.status).toBe("generating")
    expect(replyOf(versions()[live - 1]!)).not.toContain('results = {"greeting": greeting}')
    // then the usual card: the code, its findings, its end; no reply section
    await w.api().until(runId, (s) => s === "succeeded")
    const final = await until("the final card", () => versions().findIndex((v, i) => i >= live && JSON.stringify(v).includes("Succeeded")) + 1 || undefined)
    expect(final).toBeGreaterThan(live)
    expect(replyOf(versions().at(-1)!)).toBeUndefined()
    expect(JSON.stringify(versions().at(-1))).toContain("hello, control room")
    // at most one live update every 2.5 s over the reply's 8 s
    expect(versions().filter((v) => replyOf(v) !== undefined).length).toBeLessThanOrEqual(5)
  })

  it("four eyes: an approver may not approve the run they asked for", async () => {
    const marker = markerFile("own.txt")
    const card = await w.askToRun(bob, setpointCode(`${w.ioc.prefix}B`, 5.5, marker))
    expect(await w.answeredPrivately(bob, "the four-eyes refusal", () => w.send(w.clickBody(bob, card.message.ts, "pyexec_approve", card.value)))).toContain("four-eyes")
    expect((await w.api().get(`/api/runs/${card.runId}`)).body.status).toBe("awaiting_approval")
    expect(timesRun(marker)).toBe(0)
  })

  it("a card for superseded code cannot approve other code: the decision names the card's hash", async () => {
    const marker = markerFile("stale.txt")
    const card = await w.askToRun(alice, setpointCode(`${w.ioc.prefix}B`, 6.5, marker))
    const other = JSON.stringify({ runId: card.runId, codeSha256: "0".repeat(64) })
    expect(await w.answeredPrivately(bob, "the stale-code refusal", () => w.send(w.clickBody(bob, card.message.ts, "pyexec_approve", other)))).toContain(
      "review the current code and decide again"
    )
    expect((await w.api().get(`/api/runs/${card.runId}`)).body.status).toBe("awaiting_approval")
    expect(timesRun(marker)).toBe(0)
  })

  it("help and status answer only the one who asked; the API does not take a request's origin", async () => {
    const help = await w.command(alice, "help")
    expect(help.taken).toBe(true)
    expect(help.json).toMatchObject({ response_type: "ephemeral", text: "How to use /pyexec" })
    const runs = (await w.api().get("/api/runs?limit=1")).body.runs
    const status = await w.command(alice, `status ${runs[0].id}`)
    expect(status.json.response_type).toBe("ephemeral")
    expect(JSON.stringify(status.json.blocks)).toContain(`${publicUrl}/runs/${runs[0].id}`)
    expect(actionsOf(status.json.blocks)).toBeUndefined()
    expect((await w.command(alice, "status no-such-run")).json.text).toContain("no run with id no-such-run")
    const spoofed = await w.api().post("/api/runs", { code: "results = {}", origin: { kind: "slack", channel, ts: "1.000001", user: alice } })
    expect(spoofed.status).toBe(400)
  })

  it("the server restarted between the card and the click: the click still works and the new process updates the card", async () => {
    const { ioc, slack } = w
    const pv = `${ioc.prefix}B`
    const marker = markerFile("restart.txt")
    const card = await w.askToRun(alice, setpointCode(pv, 8.25, marker))
    await w.restart()
    expect((await w.send(w.clickBody(bob, card.message.ts, "pyexec_approve", card.value))).taken).toBe(true)
    await w.api().until(card.runId, (s) => s === "succeeded")
    expect(await ioc.get(pv)).toBe("8.25")
    expect(timesRun(marker)).toBe(1)
    const final = await w.cardSaying(card.message.ts, "Succeeded")
    expect(actionsOf(final.blocks)).toBeUndefined()
    await until("the results in the thread", () => (slack.thread(channel, card.message.ts).length > 0 ? true : undefined))
  })
})

describe("Slack over HTTP: signed requests, approval routes (against pyexec serve)", () => {
  const w = slackWorld("http")
  const events = () => `${w.server.url}/slack/events`

  it("a forged signature or a stale timestamp gets 401 and changes nothing", async () => {
    const { slack } = w
    const card = await w.askToRun(alice, setpointCode(`${w.ioc.prefix}B`, 3, markerFile("forged.txt")))
    const callsBefore = slack.calls().length
    const runsBefore = (await w.api().get("/api/runs")).body.total
    const ask = SlackRequests.slashCommand({ user: alice, channel, text: "exec\nresults = {}", responseUrl: slack.responseUrl("forged") })
    const approve = w.clickBody(bob, card.message.ts, "pyexec_approve", card.value)
    const forged = SlackRequests.sign("not-the-signing-secret", approve)["x-slack-signature"]
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60
    const post = (body: string, override: { timestamp?: number; signature?: string }) => SlackRequests.post(events(), signingSecret, body, override)

    for (const body of [ask, approve]) {
      expect((await post(body, { signature: forged })).status).toBe(401)
      expect((await post(body, { timestamp: sixMinutesAgo })).status).toBe(401) // correctly signed, but stale
      expect((await post(body, { signature: "v0=" })).status).toBe(401)
    }
    const unsigned = await fetch(events(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: ask })
    expect(unsigned.status).toBe(401)

    await new Promise((r) => setTimeout(r, 500))
    expect(slack.calls().length).toBe(callsBefore)
    expect((await w.api().get("/api/runs")).body.total).toBe(runsBefore)
    expect((await w.api().get(`/api/runs/${card.runId}`)).body.status).toBe("awaiting_approval")
  })

  it("a channel under approval routes: the card says who must approve; a first approval is counted and shown, the same person twice is refused, the group's member completes it", async () => {
    // a server of its own: a write run its preview cannot show (the other tests' code writes marker files) would
    // fall under every channel route
    const routedHome = tempDir("slack-routes")
    const routes = path.join(routedHome, "routes.yaml")
    fs.writeFileSync(routes, `groups:\n  names: ["slack:${carol}"]\nroutes:\n  - channels: ["*:A"]\n    group: names\n  - channels: ["*:A"]\n    approvals: 2\n`)
    const routed = await startServer({ ...w.env, PYEXEC_HOME: routedHome, PYEXEC_APPROVAL_ROUTES: routes }, routedHome)
    try {
      const post = (body: string) => SlackRequests.post(`${routed.url}/slack/events`, signingSecret, body)
      const routedApi = client(routed.url, fs.readFileSync(path.join(routedHome, "admin-token"), "utf8").trim().split(":")[2]!)
      const { ioc, slack } = w
      const pv = `${ioc.prefix}A`
      const posted = w.topLevel()
      const code = `from epics import caput\ncaput("${pv}", 77, wait=True)\nresults = {}\n`
      expect((await post(SlackRequests.slashCommand({ user: alice, channel, text: `exec\n\`\`\`python\n${code}\`\`\``, responseUrl: slack.responseUrl("cmd-routed") }))).status).toBe(200)
      const card = await w.waitingCard(posted)
      const needs = JSON.stringify(card.message.blocks)
      expect(needs).toContain("*Approvals needed*")
      expect(needs).toContain(`1 approval from group *names* · *:A (${pv}) · *still needs 1*`)
      expect(needs).toContain(`2 approvals · *:A (${pv}) · *still needs 2*`)

      expect((await post(w.clickBody(bob, card.message.ts, "pyexec_approve", card.value))).status).toBe(200)
      const counted = await until("bob's approval counted", () => w.ephemeralsTo(bob).find((c) => String(c.args.text).includes("Your approval is counted")))
      expect(counted.args.text).toContain("still needs 1 approval from group names")
      const updated = await until("the card with bob's approval", () => {
        const blocks = JSON.stringify(slack.message(channel, card.message.ts)!.blocks)
        return blocks.includes(`approved by <@${bob}> · *still needs 1*`) ? blocks : undefined
      })
      expect(updated).toContain(`1 approval from group *names* · *:A (${pv}) · *still needs 1*`)
      expect(actionsOf(slack.message(channel, card.message.ts)!.blocks)).toBeDefined()
      expect((await routedApi.get(`/api/runs/${card.runId}`)).body.status).toBe("awaiting_approval")
      expect(await ioc.get(pv)).not.toBe("77")

      const told = w.ephemeralsTo(bob).length
      expect((await post(w.clickBody(bob, card.message.ts, "pyexec_approve", card.value))).status).toBe(200)
      await until("the second click's refusal", () => (w.ephemeralsTo(bob).length > told ? true : undefined))
      expect(String(w.ephemeralsTo(bob).at(-1)!.args.text)).toContain("already approved")

      expect((await post(w.clickBody(carol, card.message.ts, "pyexec_approve", card.value))).status).toBe(200)
      const done = await routedApi.until(card.runId, (s) => s === "succeeded")
      expect(done.attempts[0].standing.map((s: { by: Array<string> }) => s.by)).toEqual([[`slack:${carol}`], [`slack:${bob}`, `slack:${carol}`]])
      expect(await ioc.get(pv)).toBe("77")
      const final = await until("the final card", () => {
        const blocks = JSON.stringify(slack.message(channel, card.message.ts)!.blocks)
        return blocks.includes("Succeeded") ? blocks : undefined
      })
      expect(final).toContain(`*Approved* by <@${bob}>`)
      expect(final).toContain(`*Approved* by <@${carol}>`)
    } finally {
      await routed.stop()
    }
  })

})

describe("Slack configuration", () => {
  it("a bot token without a signing secret or an app token stops pyexec serve with one line naming the variable", async () => {
    const cwd = tempDir("slack-config")
    const result = await pyexec(["serve", "--port", "0"], { cwd, env: { PYEXEC_HOME: cwd, SLACK_BOT_TOKEN: botToken } })
    expect(result.code).toBe(3)
    const lines = result.stderr.split("\n").filter((l) => l.trim() !== "")
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^pyexec: configuration: .*SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/)
    expect(result.stderr).not.toContain(botToken)
  })

  it("a bot token Slack refuses stops pyexec serve with one line, the token redacted", async () => {
    const slack = await FakeSlack.start({ token: "xoxb-the-right-one" })
    try {
      const cwd = tempDir("slack-auth")
      const result = await pyexec(["serve", "--port", "0"], {
        cwd,
        env: { PYEXEC_HOME: cwd, SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl }
      })
      expect(result.code).toBe(3)
      const lines = result.stderr.split("\n").filter((l) => l.trim() !== "")
      expect(lines, result.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(/^pyexec: Slack auth\.test failed \(.*invalid_auth\): check SLACK_BOT_TOKEN/)
      expect(result.stderr).not.toContain(botToken)
    } finally {
      await slack.close()
    }
  })

  it("Socket Mode: an app-level token Slack refuses stops pyexec serve with one line, the token redacted", async () => {
    const socket = await FakeSlackSocketMode.start({ appToken: "xapp-1-A0PYEXEC-9-the-right-one" })
    const slack = await FakeSlack.start({ token: botToken, socketMode: socket })
    try {
      const cwd = tempDir("slack-app-token")
      const result = await pyexec(["serve", "--port", "0"], {
        cwd,
        env: { PYEXEC_HOME: cwd, SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_API_URL: slack.apiUrl }
      })
      expect(result.code).toBe(3)
      const lines = result.stderr.split("\n").filter((l) => l.trim() !== "")
      expect(lines, result.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(/^pyexec: Slack connecting failed \(.*invalid_auth\): check SLACK_BOT_TOKEN and SLACK_APP_TOKEN/)
      expect(slack.callsOf("apps.connections.open").map((c) => c.token)).toEqual([appToken])
      expect(socket.connections()).toEqual([])
      expect(result.stderr).not.toContain(appToken)
    } finally {
      await Promise.all([slack.close(), socket.close()])
    }
  })

  it("Socket Mode: a WebSocket that never opens (a proxy refusing it) stops pyexec serve after 30 s, the last line naming the host", async () => {
    const socket = await FakeSlackSocketMode.start({ appToken })
    const slack = await FakeSlack.start({ token: botToken, socketMode: socket })
    socket.block(true)
    try {
      const cwd = tempDir("slack-blocked")
      const result = await pyexec(["serve", "--port", "0"], {
        cwd,
        env: { PYEXEC_HOME: cwd, SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_API_URL: slack.apiUrl }
      })
      expect(result.code, result.stderr).toBe(3)
      const host = new URL(socket.url).host
      const lines = result.stderr.split("\n").filter((l) => l.trim() !== "")
      expect(lines.at(-1)).toMatch(new RegExp(`^pyexec: Slack connecting failed \\(no hello within 30 s on the WebSocket to ${host}: may this host open WebSockets to it\\?\\)`))
      expect(socket.connections()).toEqual([])
      expect(result.stderr).not.toContain(appToken)
    } finally {
      await Promise.all([slack.close(), socket.close()])
    }
  }, 90_000)
})
