const fenced = /```[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)(?:```|$)/g

/**
 * How Python can begin: a comment, a decorator, a string, a keyword, a name assigned (also `a, b =` and
 * `x: int =`), called, indexed or followed by an attribute. Prose ("I cannot help with that.", "Sorry, ...")
 * begins otherwise.
 */
const pythonStart =
  /^(#|@|"""|'''|(import|from|def|class|if|for|while|with|try|async|await|return|raise|assert|print|results)\b|[A-Za-z_][\w.]*\s*(=|\(|\[|\+=|-=)|[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)+\s*=|[A-Za-z_]\w*\s*:\s*[\w.[\], ]+=)/

/**
 * The code in a model's reply: the first ```python block, else the first fenced block, else the whole reply.
 * Reasoning models' <think> sections are dropped first. `code` is empty when there is nothing; `prose` says the
 * reply has no fenced block and does not begin as Python (a refusal, a question): it holds no code.
 */
export const extractCode = (reply: string): { readonly code: string; readonly prose: boolean } => {
  const text = reply.replace(/<think>[\s\S]*?(<\/think>|$)/g, "").trim()
  const blocks = [...text.matchAll(fenced)].map((m) => ({ language: m[1]!.toLowerCase(), code: m[2]! }))
  const chosen =
    blocks.find((b) => b.language === "python" || b.language === "py" || b.language === "python3") ??
    blocks.find((b) => b.code.trim().length > 0)
  const code = (chosen ? chosen.code : text).replace(/^\s*\n/, "").trimEnd()
  return { code, prose: !chosen && code.length > 0 && !pythonStart.test(code) }
}
