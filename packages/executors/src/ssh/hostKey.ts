import { createHash, createHmac } from "node:crypto"
import * as fs from "node:fs/promises"
import type { HostKey, SshHost } from "./SshHost.js"

/** The fingerprint OpenSSH prints for a key (`ssh-keygen -lf`): SHA256: and the unpadded base64 digest. */
export const fingerprintOf = (key: Buffer) => `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`

/** The key's type from its wire form (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`...). */
export const keyTypeOf = (key: Buffer) => {
  if (key.length < 4) return "unknown"
  const length = key.readUInt32BE(0)
  return length > 0 && length < 64 && key.length >= 4 + length ? key.subarray(4, 4 + length).toString("latin1") : "unknown"
}

/** What the host showed when its key was refused, for the error message. */
export interface HostKeyRefusal {
  readonly fingerprint: string
  readonly keyType: string
  readonly why: string
}

export type Verdict = { readonly ok: true } | ({ readonly ok: false } & HostKeyRefusal)

interface Entry {
  readonly marker: string | undefined
  readonly hosts: string
  readonly key: Buffer
}

const parseKnownHosts = (text: string): Array<Entry> =>
  text.split("\n").flatMap((raw) => {
    const line = raw.trim()
    if (line === "" || line.startsWith("#")) return []
    const fields = line.split(/\s+/)
    const marker = fields[0]?.startsWith("@") ? fields.shift() : undefined
    const [hosts, , key] = fields
    return hosts && key ? [{ marker, hosts, key: Buffer.from(key, "base64") }] : []
  })

const glob = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i")

/** `|1|salt|hash`: HMAC-SHA1 of the name, keyed with the salt. */
const hashedMatches = (pattern: string, name: string) => {
  const [, , salt, hash] = pattern.split("|")
  if (!salt || !hash) return false
  return createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64") === hash
}

/** Whether a known_hosts host field names this host: comma-separated patterns, `!` negates, `|1|` is hashed. */
export const hostFieldMatches = (field: string, host: string, port: number) => {
  const name = port === 22 ? host : `[${host}]:${port}`
  if (field.startsWith("|1|")) return hashedMatches(field, name)
  let matched = false
  for (const pattern of field.split(",")) {
    const negated = pattern.startsWith("!")
    const hit = glob(negated ? pattern.slice(1) : pattern).test(name)
    if (hit && negated) return false
    matched ||= hit
  }
  return matched
}

const algorithmsOf = (keyType: string) => (keyType === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [keyType])

/** How one connection checks the host's key: read before connecting, so that a known_hosts edit counts next time. */
export interface HostKeyPolicy {
  /** Host key algorithms to ask for first: those of the keys known for the host, as OpenSSH does. */
  readonly preferred: ReadonlyArray<string>
  readonly check: (key: Buffer) => Verdict
}

export const policy = async (hostKey: HostKey, host: Pick<SshHost, "host" | "port">): Promise<HostKeyPolicy> => {
  const seen = (key: Buffer) => ({ fingerprint: fingerprintOf(key), keyType: keyTypeOf(key) })
  if ("fingerprint" in hostKey) {
    const pinned = hostKey.fingerprint.replace(/=+$/, "")
    return {
      preferred: [],
      check: (key) => (fingerprintOf(key) === pinned ? { ok: true } : { ok: false, ...seen(key), why: `does not match the pinned fingerprint ${pinned}` })
    }
  }
  const file = hostKey.knownHosts
  const entries = parseKnownHosts(await fs.readFile(file, "utf8")).filter((e) => hostFieldMatches(e.hosts, host.host, host.port))
  const plain = entries.filter((e) => e.marker === undefined)
  const types = [...new Set(plain.map((e) => keyTypeOf(e.key)))]
  const name = host.port === 22 ? host.host : `[${host.host}]:${host.port}`
  return {
    preferred: types.flatMap(algorithmsOf),
    check: (key) => {
      if (entries.some((e) => e.marker === "@revoked" && e.key.equals(key))) return { ok: false, ...seen(key), why: `is marked @revoked in ${file}` }
      if (plain.some((e) => e.key.equals(key))) return { ok: true }
      const why = plain.length === 0 ? `is not in ${file} (no entry for ${name})` : `differs from the ${types.join("/")} key that ${file} has for ${name}`
      return { ok: false, ...seen(key), why }
    }
  }
}

/** ssh2's own order of host key algorithms (all of them supported). */
const defaultAlgorithms = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]

/** The host key algorithms to offer, those of the known keys first; undefined keeps ssh2's default. */
export const hostKeyAlgorithms = (preferred: ReadonlyArray<string>): Array<string> | undefined => {
  const first = defaultAlgorithms.filter((a) => preferred.includes(a))
  return first.length === 0 ? undefined : [...first, ...defaultAlgorithms.filter((a) => !first.includes(a))]
}
