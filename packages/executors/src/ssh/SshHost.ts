import { Schema } from "effect"

/** A host key fingerprint as `ssh-keygen -lf` prints it (the base64 SHA-256 of the key, no padding). */
export const Fingerprint = Schema.String.pipe(
  Schema.pattern(/^SHA256:[A-Za-z0-9+/]{43}=?$/),
  Schema.annotations({
    identifier: "Fingerprint",
    message: () => "must be a host key fingerprint as `ssh-keyscan -p PORT HOST | ssh-keygen -lf -` prints it: SHA256: and 43 base64 characters"
  })
)

/** How the host proves who it is: a pinned fingerprint, or an OpenSSH known_hosts file. An unknown key is refused. */
export const HostKey = Schema.Union(
  Schema.Struct({ fingerprint: Fingerprint }),
  Schema.Struct({
    /** Plain (`host`, `[host]:port`, patterns) and hashed (`|1|`) entries are read; `@revoked` is honoured. */
    knownHosts: Schema.NonEmptyString
  })
).annotations({ identifier: "HostKey", description: "{ fingerprint: SHA256:... } or { knownHosts: /path/to/known_hosts }" })
export type HostKey = typeof HostKey.Type

/**
 * The host's part of the read-only boundary (packages/executors/host): the command that runs pyexec-sandbox as
 * root, which one sudoers line allows, and the name of the pyexec-host-gateway whose namespace read-only runs use.
 */
export const SshSandbox = Schema.Struct({
  command: Schema.optionalWith(Schema.NonEmptyString, { default: () => "sudo -n /usr/local/sbin/pyexec-sandbox" }),
  gateway: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[a-z0-9][a-z0-9-]{0,31}$/)), { default: () => "default" })
}).annotations({ identifier: "SshSandbox" })
export type SshSandbox = typeof SshSandbox.Type

/** One machine the SSH executor runs code on, as the user the code runs as (or, with `sandbox`, in a sandbox there). */
export const SshHost = Schema.Struct({
  /** What execution profiles name in `hosts`, and what errors say. */
  name: Schema.NonEmptyString,
  host: Schema.NonEmptyString,
  port: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 65535)), { default: () => 22 }),
  user: Schema.NonEmptyString,
  /** Path of the private key file on this machine (OpenSSH, PEM or PuTTY format). */
  privateKey: Schema.NonEmptyString,
  passphrase: Schema.optional(Schema.String),
  hostKey: HostKey,
  /** The remote Python that runs the runner and the code (a venv's bin/python, or a command on PATH). */
  python: Schema.optionalWith(Schema.NonEmptyString, { default: () => "python3" }),
  /** Where each run gets a fresh folder (mktemp -d), removed after the run; relative to the user's home if relative. */
  workRoot: Schema.optionalWith(Schema.NonEmptyString, { default: () => "/tmp/pyexec" }),
  /** With it, each run goes through the host's pyexec-sandbox: the read-only boundary is built there. */
  sandbox: Schema.optional(SshSandbox)
}).annotations({ identifier: "SshHost" })
export type SshHost = typeof SshHost.Type

/** A host list from a configuration file: at least one host, each name once. */
export const SshHosts = Schema.Array(SshHost).pipe(
  Schema.minItems(1, { message: () => "needs at least one host" }),
  Schema.filter((hosts) => {
    const seen = new Set<string>()
    for (const [i, h] of hosts.entries()) {
      if (seen.has(h.name)) return { path: [i, "name"], message: `the host name '${h.name}' is used twice: names must be unique` }
      seen.add(h.name)
    }
    return true
  })
)

export const address = (host: SshHost) => (host.port === 22 ? host.host : `${host.host}:${host.port}`)
