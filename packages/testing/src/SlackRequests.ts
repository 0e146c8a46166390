import { createHmac } from "node:crypto"

/**
 * Requests as Slack sends them to an app's Request URL: form-encoded bodies (a slash command's fields, or
 * `payload=<json>` for interactions), signed with the app's signing secret.
 */

export interface Signed {
  readonly "x-slack-request-timestamp": string
  readonly "x-slack-signature": string
}

/** Slack's v0 signature: HMAC-SHA256 over `v0:<timestamp>:<body>` with the signing secret, hex, `v0=` in front. */
export const sign = (signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Signed => ({
  "x-slack-request-timestamp": String(timestamp),
  "x-slack-signature": `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`
})

export interface Team {
  readonly teamId?: string
  readonly responseUrl: string
}

/** The body of a slash command invocation. */
export const slashCommand = (fields: { user: string; channel: string; text: string; command?: string; triggerId?: string } & Team) =>
  new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: fields.teamId ?? "T0TEST",
    team_domain: "pyexec-test",
    channel_id: fields.channel,
    channel_name: "control-room",
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: fields.command ?? "/pyexec",
    text: fields.text,
    api_app_id: "A0PYEXEC",
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `${Date.now()}.trigger`
  }).toString()

const interaction = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString()

/** The body of a click on a button in a message (`block_actions`). */
export const buttonClick = (
  fields: { user: string; channel: string; messageTs: string; actionId: string; value: string; blockId?: string } & Team
) =>
  interaction({
    type: "block_actions",
    user: { id: fields.user, username: fields.user.toLowerCase(), name: fields.user.toLowerCase(), team_id: fields.teamId ?? "T0TEST" },
    api_app_id: "A0PYEXEC",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: fields.messageTs, channel_id: fields.channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.trigger`,
    team: { id: fields.teamId ?? "T0TEST", domain: "pyexec-test" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: fields.channel, name: "control-room" },
    message: { type: "message", ts: fields.messageTs, bot_id: "B0BOT", text: "" },
    response_url: fields.responseUrl,
    actions: [
      {
        type: "button",
        action_id: fields.actionId,
        block_id: fields.blockId ?? "decision",
        value: fields.value,
        text: { type: "plain_text", text: fields.actionId, emoji: true },
        action_ts: `${Date.now() / 1000}`
      }
    ]
  })

/** The body of a modal's submission (`view_submission`) with its input values. */
export const viewSubmission = (fields: {
  user: string
  callbackId: string
  privateMetadata: string
  values: Record<string, Record<string, { type: string; value: string | null }>>
  teamId?: string
}) =>
  interaction({
    type: "view_submission",
    team: { id: fields.teamId ?? "T0TEST", domain: "pyexec-test" },
    user: { id: fields.user, username: fields.user.toLowerCase(), name: fields.user.toLowerCase(), team_id: fields.teamId ?? "T0TEST" },
    api_app_id: "A0PYEXEC",
    token: "deprecated-verification-token",
    trigger_id: `${Date.now()}.trigger`,
    view: {
      id: "V0MODAL",
      team_id: fields.teamId ?? "T0TEST",
      type: "modal",
      callback_id: fields.callbackId,
      private_metadata: fields.privateMetadata,
      state: { values: fields.values },
      hash: "1700000000.abcdef",
      app_id: "A0PYEXEC",
      bot_id: "B0BOT"
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null
  })

export interface SlackAnswer {
  readonly status: number
  readonly text: string
  readonly json: any
}

/**
 * Posts a body to an app's events URL signed as Slack does; `signature` and `timestamp` override the signed
 * values (a forged or stale request).
 */
export const post = async (
  url: string,
  signingSecret: string,
  body: string,
  override: { readonly timestamp?: number; readonly signature?: string } = {}
): Promise<SlackAnswer> => {
  const headers = sign(signingSecret, body, override.timestamp)
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
      ...(override.signature ? { "x-slack-signature": override.signature } : {})
    },
    body
  })
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: response.status, text, json }
}
