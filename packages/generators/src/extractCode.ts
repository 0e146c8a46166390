const fenced = /```[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)(?:```|$)/g

/**
 * The code in a model's reply: the first ```python block, else the first fenced block, else the
 * whole reply. Reasoning models' <think> sections are dropped first. Empty when there is no code.
 */
export const extractCode = (reply: string): string => {
  const text = reply.replace(/<think>[\s\S]*?(<\/think>|$)/g, "").trim()
  const blocks = [...text.matchAll(fenced)].map((m) => ({ language: m[1]!.toLowerCase(), code: m[2]! }))
  const chosen =
    blocks.find((b) => b.language === "python" || b.language === "py" || b.language === "python3") ??
    blocks.find((b) => b.code.trim().length > 0)
  const code = chosen ? chosen.code : text
  return code.replace(/^\s*\n/, "").trimEnd()
}
