import { createHash } from "node:crypto"
import type { CodeSha256 } from "../Ids.js"

/** The SHA-256 of a text (UTF-8) as 64 lowercase hex digits: it is a CodeSha256 by construction. */
export const sha256 = (text: string): CodeSha256 => createHash("sha256").update(text, "utf8").digest("hex") as CodeSha256
