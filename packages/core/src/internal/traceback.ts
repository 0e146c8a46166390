/** Keeps the head and the tail of a long text, where tracebacks say what matters. */
export const cutMiddle = (text: string, headLines = 12, tailLines = 25): string => {
  const lines = text.split("\n")
  if (lines.length <= headLines + tailLines) return text
  const cut = lines.length - headLines - tailLines
  return [...lines.slice(0, headLines), `... (${cut} lines cut) ...`, ...lines.slice(-tailLines)].join("\n")
}
