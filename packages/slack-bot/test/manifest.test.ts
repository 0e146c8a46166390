import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"

const manifest = (name: string) => parse(fs.readFileSync(fileURLToPath(new URL(`../../../slack/${name}`, import.meta.url)), "utf8"))

/** The Web API methods the bot calls, by the bot scope each needs. */
const scopesNeeded = {
  commands: ["/pyexec"],
  "chat:write": ["chat.postMessage", "chat.update", "chat.postEphemeral"],
  "files:write": ["files.getUploadURLExternal", "files.completeUploadExternal"],
  "usergroups:read": ["usergroups.users.list"]
}

describe("the shipped Slack app manifests", () => {
  it.each(["manifest.yaml", "manifest-http.yaml"])("%s declares /pyexec, interactivity and every scope the bot uses", (name) => {
    const m = manifest(name)
    expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(["/pyexec"])
    expect(m.settings.interactivity.is_enabled).toBe(true)
    expect([...m.oauth_config.scopes.bot].sort()).toEqual(Object.keys(scopesNeeded).sort())
  })

  it("Socket Mode without URLs; HTTP mode with /slack/events for commands and interactivity", () => {
    const socket = manifest("manifest.yaml")
    expect(socket.settings.socket_mode_enabled).toBe(true)
    expect(socket.features.slash_commands[0].url).toBeUndefined()
    const http = manifest("manifest-http.yaml")
    expect(http.settings.socket_mode_enabled).toBe(false)
    expect(http.features.slash_commands[0].url).toMatch(/^https:\/\/.+\/slack\/events$/)
    expect(http.settings.interactivity.request_url).toBe(http.features.slash_commands[0].url)
  })
})
