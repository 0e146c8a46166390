/** Slack's limits on Block Kit messages (docs: "Block Kit" reference and chat.postMessage). */
export const limits = {
  /** Blocks in one message. */
  blocks: 50,
  /** Characters of a section's text, and of each field. */
  sectionText: 3000,
  /** Characters of a header block's text. */
  headerText: 150,
  /** Elements of a context block. */
  contextElements: 10,
  /** Characters of a button's value. */
  buttonValue: 2000,
  /** Characters of a message's top-level `text`, kept short: it is the notification and the fallback. */
  fallbackText: 3000,
  /** Characters of a modal's private_metadata. */
  privateMetadata: 3000
} as const
