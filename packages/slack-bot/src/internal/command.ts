/** What `/pyexec <text>` asks for. */
export type Command =
  | { readonly kind: "help"; readonly problem?: string }
  | { readonly kind: "status"; readonly runId: string }
  | { readonly kind: "exec"; readonly code: string }
  | { readonly kind: "ask"; readonly query: string }

/** Slack escapes `&`, `<` and `>` in the text it sends; the code must get them back. */
const unescapeText = (text: string) => text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&")

/** The code of a ```fenced``` block (without a `python` word on the fence line), else the text itself. */
const codeOf = (text: string): string => {
  const fenced = /^```([\s\S]*?)```$/.exec(text.trim())
  if (!fenced) return text.trim()
  return (fenced[1] ?? "").replace(/^(python3?|py)[ \t]*\n/i, "").replace(/^\n/, "").trimEnd()
}

const execWord = /^exec(?=\s|```|$)/i

/** Reads the text after `/pyexec`. */
export const parse = (raw: string): Command => {
  const text = unescapeText(raw).trim()
  const [first = "", ...rest] = text.split(/\s+/)
  const word = first.toLowerCase()
  if (text === "" || word === "help") return { kind: "help" }
  if (word === "status") {
    const runId = rest[0]
    if (!runId || rest.length > 1) return { kind: "help", problem: "`/pyexec status` needs one run ID, as the run's message shows it" }
    return { kind: "status", runId }
  }
  if (execWord.test(text)) {
    const code = codeOf(text.slice(4))
    if (code === "") return { kind: "help", problem: "`/pyexec exec` needs the code after it, best in a ``` code block" }
    return { kind: "exec", code }
  }
  return { kind: "ask", query: text }
}
