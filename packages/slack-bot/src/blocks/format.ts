import { limits } from "./limits.js"

/** Text cut to `max` characters with a marker at the cut. */
export const truncate = (text: string, max: number, marker = "…"): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - marker.length))}${marker}`

/** Text shown as is in mrkdwn: Slack wants `&`, `<` and `>` escaped. */
export const escapeText = (text: string): string => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")

/** A link in mrkdwn; Slack reads &amp; in its URL as & too (a signed link has several parameters). */
export const link = (url: string, label: string): string => `<${url.replaceAll("&", "&amp;")}|${escapeText(label).replaceAll("|", "¦")}>`

/**
 * A preformatted block of at most `max` characters of mrkdwn, escaped; a fence inside the text cannot end
 * it. Returns whether the text had to be cut.
 */
export const preformatted = (text: string, max: number): { readonly text: string; readonly cut: boolean } => {
  const body = escapeText(text.replaceAll("```", "`\u200b``"))
  const room = max - 8
  if (body.length <= room) return { text: `\`\`\`${body}\`\`\``, cut: false }
  // cut at a line end and never inside an escapeText such as &amp;
  let end = body.lastIndexOf("\n", room - 2)
  if (end < room / 2) end = room - 2
  const amp = body.lastIndexOf("&", end)
  if (amp >= 0 && body.indexOf(";", amp) >= end) end = amp
  return { text: `\`\`\`${body.slice(0, end)}\n…\`\`\``, cut: true }
}

/** A Slack user ID as a mention when the name is a Slack identity (`slack:U123`), else the name. */
export const person = (name: string): string => {
  const id = /^slack:([UW][A-Z0-9]+)$/.exec(name)?.[1]
  return id ? `<@${id}>` : escapeText(name)
}

/** A time every reader sees in their own time zone, with the ISO text where that is not possible. */
export const when = (iso: string): string => {
  const seconds = Math.floor(Date.parse(iso) / 1000)
  return Number.isNaN(seconds) ? escapeText(iso) : `<!date^${seconds}^{date_short_pretty} at {time_secs}|${iso}>`
}

/** A short form of a run ID for reading, the whole ID stays in links. */
export const shortId = (runId: string): string => runId.slice(0, 8)

export const duration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`)

/** The top-level text of a message (notifications, screen readers). */
export const fallback = (text: string): string => truncate(text, limits.fallbackText)
