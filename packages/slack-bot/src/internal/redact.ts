/** Replaces each secret in a text with `<redacted>`, so nothing logged carries a token. */
export const redactor =
  (secrets: ReadonlyArray<string>) =>
  (text: string): string =>
    secrets.filter((s) => s.length >= 8).reduce((t, s) => t.replaceAll(s, "<redacted>"), text)
