import { Errors } from "@pyexec/core"
import type { HostKeyRefusal } from "./hostKey.js"
import { address, type SshHost } from "./SshHost.js"

type Reason = Errors.ExecutorUnavailable["reason"]

interface SshErrorCause {
  readonly code?: string
  readonly level?: string
  readonly message?: string
}

const networkDown = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET", "EPIPE", "EADDRNOTAVAIL"])

export const unavailable = (reason: Reason, message: string, codeMayHaveRun: boolean, cause?: unknown) =>
  new Errors.ExecutorUnavailable({ reason, message, codeMayHaveRun, ...(cause !== undefined ? { cause } : {}) })

/** The host refused: its key is not the one pinned. Never retried elsewhere silently: it may be an attack. */
export const hostKeyRefused = (host: SshHost, refusal: HostKeyRefusal, cause?: unknown) => {
  const pin =
    "fingerprint" in host.hostKey
      ? `set hostKey.fingerprint of host '${host.name}' to ${refusal.fingerprint}`
      : `add the host's key to ${host.hostKey.knownHosts} (ssh-keyscan -p ${host.port} ${host.host} >> ${host.hostKey.knownHosts})`
  return unavailable(
    "misconfigured",
    `SSH host '${host.name}' (${address(host)}) was refused: its ${refusal.keyType} host key ${refusal.fingerprint} ${refusal.why}. ` +
      `If the host's key was changed on purpose, check the new fingerprint on the host itself (ssh-keygen -lf /etc/ssh/ssh_host_${refusal.keyType.replace(/^ssh-/, "").replace(/-.*/, "")}_key.pub) and ${pin}; ` +
      `otherwise someone may be between this server and the host`,
    false,
    cause
  )
}

/** What went wrong reaching or logging in to a host, as an infrastructure error that names the fix. */
export const connectError = (host: SshHost, cause: unknown): Errors.ExecutorUnavailable => {
  if (cause instanceof Errors.ExecutorUnavailable) return cause
  const e = (cause ?? {}) as SshErrorCause
  const where = `SSH host '${host.name}' (${host.user}@${address(host)})`
  const detail = e.message ?? String(cause)
  if (e.level === "client-authentication") {
    return unavailable(
      "misconfigured",
      `${where} refused the key ${host.privateKey}: add ${host.privateKey}.pub to ~${host.user}/.ssh/authorized_keys on ${host.host}, or fix user/privateKey of host '${host.name}'`,
      false,
      cause
    )
  }
  if (e.level === "client-timeout") {
    return unavailable("unreachable", `${where} did not complete the SSH handshake in time: check that sshd runs there and that host/port are right`, false, cause)
  }
  if (e.level === "client-dns" || e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") {
    return unavailable("unreachable", `${where}: the name ${host.host} does not resolve (${e.code ?? detail}): fix host of host '${host.name}'`, false, cause)
  }
  if (e.code && networkDown.has(e.code)) {
    return unavailable(
      "unreachable",
      `${where} does not answer (${e.code}): start sshd there, or fix host/port of host '${host.name}' in the SSH executor's configuration`,
      false,
      cause
    )
  }
  if (/passphrase|private key|privateKey|Unsupported key format|Cannot parse/i.test(detail)) {
    return unavailable("misconfigured", `the private key ${host.privateKey} of host '${host.name}' cannot be used: ${detail} (check the file, and passphrase)`, false, cause)
  }
  return unavailable("unreachable", `${where}: ${detail}`, false, cause)
}

/** A connection that ended while the code may have been running. */
export const lost = (host: SshHost, detail: string, cause?: unknown) =>
  unavailable(
    "lost",
    `the SSH connection to host '${host.name}' (${address(host)}) was lost during the run (${detail}): the code may have run; the runner's watchdog ends it on the host`,
    true,
    cause
  )
