import * as fs from "node:fs/promises"
import { Errors, Executor } from "@pyexec/core"
import { Config, ConfigError, Effect, Either, Layer, Option, ParseResult, Schema } from "effect"
import { parse as parseYaml } from "yaml"
import * as ContainerExecutor from "./ContainerExecutor.js"
import * as ReadOnlyNetwork from "./container/ReadOnlyNetwork.js"
import * as LocalExecutor from "./LocalExecutor.js"
import * as Interpreter from "./local/Interpreter.js"
import * as Profiles from "./Profiles.js"
import { defaultPreload } from "./Runner.js"
import * as RunLimits from "./RunLimits.js"
import * as SshExecutor from "./SshExecutor.js"

export const defaultImage = "pyexec-sandbox:2026.11.1"

const positive = Schema.Number.pipe(Schema.positive())
const port = Schema.Int.pipe(Schema.between(1, 65535))
/** See container/ReadOnlyNetwork.ts; deploy/compose.yaml makes one. */
const ReadOnlyNetworkSection = Schema.Struct({
  /** An internal Docker network (`--internal -o com.docker.network.bridge.inhibit_ipv4=true`). */
  name: Schema.NonEmptyString,
  /** The read-only gateway container on it, the network's only other endpoint. */
  gateway: Schema.NonEmptyString,
  caPort: Schema.optional(port),
  pvaPort: Schema.optional(port),
  pvaBroadcastPort: Schema.optional(port)
})
const ContainerSection = Schema.Struct({
  /** Pinned: a site upgrades the sandbox by changing this tag, never by a moving `latest`. */
  image: Schema.optional(Schema.NonEmptyString),
  poolSize: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
  memoryMb: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(64))),
  cpus: Schema.optional(positive),
  pidsLimit: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(16))),
  workDirMb: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(16))),
  /** A Docker engine socket other than DOCKER_HOST or /var/run/docker.sock. */
  socketPath: Schema.optional(Schema.NonEmptyString),
  /** Read-only runs join this network and reach the control system through its gateway container only. */
  readOnlyNetwork: Schema.optional(ReadOnlyNetworkSection)
})

const SshSection = Schema.Struct({
  /** Runs go to these hosts in turns, among those the run's profile allows. */
  hosts: SshExecutor.SshHosts
})

const GatewaySection = Schema.Struct({
  /**
   * What the read-only gateways read from: EPICS_* client settings (EPICS_CA_ADDR_LIST, EPICS_PVA_ADDR_LIST...).
   * Default: the server's own. A site with its own read-only gateway names it here.
   */
  upstream: Schema.optional(Schema.Record({ key: Schema.String.pipe(Schema.pattern(/^EPICS_[A-Z0-9_]+$/)), value: Schema.String }))
})

/** The executor configuration file (PYEXEC_EXECUTOR_CONFIG). */
export const ConfigFile = Schema.Struct({
  executor: Schema.optional(Executor.ExecutorKind),
  gateway: Schema.optional(GatewaySection),
  profiles: Schema.optional(Profiles.Profiles),
  container: Schema.optional(ContainerSection),
  ssh: Schema.optional(SshSection)
})
export type ConfigFile = typeof ConfigFile.Type

const misconfigured = (message: string) => new Errors.ExecutorUnavailable({ reason: "misconfigured", message, codeMayHaveRun: false })

export const load = (file: string) =>
  Effect.tryPromise({ try: () => fs.readFile(file, "utf8"), catch: (e) => misconfigured(`executor configuration ${file} cannot be read (${String(e)}): check PYEXEC_EXECUTOR_CONFIG`) }).pipe(
    Effect.flatMap((text) =>
      Effect.try({ try: () => parseYaml(text) as unknown, catch: (e) => misconfigured(`executor configuration ${file} is not valid YAML: ${String(e)}`) })
    ),
    Effect.flatMap((raw) =>
      Schema.decodeUnknown(ConfigFile, { onExcessProperty: "error" })(raw ?? {}).pipe(
        Effect.mapError((e) => {
          const issues = ParseResult.ArrayFormatter.formatErrorSync(e).map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`)
          return misconfigured(`executor configuration ${file}: ${issues.join("; ")}`)
        })
      )
    )
  )

const fileConfig = Effect.flatMap(Config.option(Config.nonEmptyString("PYEXEC_EXECUTOR_CONFIG")), (file) =>
  Option.match(file, { onNone: () => Effect.succeed({} as ConfigFile), onSome: load })
)

const orFile = <A>(name: string, config: Config.Config<A>, fromFile: A | undefined, fallback: A) =>
  Config.option(config).pipe(Effect.map(Option.getOrElse(() => fromFile ?? fallback)), Effect.mapError((e) => misconfigured(`${name}: ${e}`)))

/**
 * PYEXEC_SHARED_FOLDERS: host folders every local run sees at the same path, `PATH` (read-only) or `PATH:rw`,
 * separated by commas. Without them a run sees only its own folder.
 */
const sharedFolders = Config.string("PYEXEC_SHARED_FOLDERS").pipe(
  Config.withDefault(""),
  Config.mapOrFail((text) => {
    const folders = []
    for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
      const m = /^(\/.*?)(?::(ro|rw))?$/.exec(entry)
      if (!m) return Either.left(ConfigError.InvalidData([], `'${entry}' is not an absolute path, optionally followed by :ro or :rw`))
      folders.push({ path: m[1]!, writable: m[2] === "rw" })
    }
    return Either.right(folders)
  })
)

/**
 * The executor as configured: PYEXEC_EXECUTOR (local | container | ssh) and the file PYEXEC_EXECUTOR_CONFIG
 * (profiles, container and ssh settings); the environment wins over the file.
 */
export const layer = Layer.unwrapEffect(
  Effect.gen(function* () {
    const file = yield* fileConfig
    const kind = yield* orFile("PYEXEC_EXECUTOR", Config.literal(...Executor.ExecutorKind.literals)("PYEXEC_EXECUTOR"), file.executor, "local")
    const limits = yield* RunLimits.fromEnvironment.pipe(Effect.mapError((e) => (e instanceof Errors.ExecutorUnavailable ? e : misconfigured(String(e)))))
    const profiles = file.profiles ?? Profiles.none
    const preloadList = yield* orFile("PYEXEC_PRELOAD", Config.string("PYEXEC_PRELOAD"), undefined, defaultPreload.join(","))
    const preload = preloadList.split(",").map((m) => m.trim()).filter((m) => m !== "" && m !== "none")
    switch (kind) {
      case "local": {
        const python = yield* Interpreter.fromEnvironment([...preload, ...Interpreter.gatewayModules])
        const shared = yield* sharedFolders.pipe(Effect.mapError((e) => misconfigured(`PYEXEC_SHARED_FOLDERS: ${e}`)))
        return Layer.scoped(
          Executor.Executor,
          LocalExecutor.scoped({ ...limits, python, profiles, preload: preload.length ? preload : undefined, gatewayUpstream: file.gateway?.upstream, sharedFolders: shared })
        )
      }
      case "container": {
        const c = file.container ?? {}
        const image = yield* orFile("PYEXEC_CONTAINER_IMAGE", Config.nonEmptyString("PYEXEC_CONTAINER_IMAGE"), c.image, defaultImage)
        const poolSize = yield* orFile("PYEXEC_CONTAINER_POOL_SIZE", Config.integer("PYEXEC_CONTAINER_POOL_SIZE"), c.poolSize, ContainerExecutor.defaults.poolSize)
        const mib = 1024 * 1024
        // with a read-only network the gateways run in their own container, not under this server
        const python = c.readOnlyNetwork ? undefined : yield* Interpreter.fromEnvironment(Interpreter.gatewayModules)
        return ContainerExecutor.layer({
          ...limits,
          python,
          gatewayUpstream: file.gateway?.upstream,
          image,
          poolSize,
          profiles,
          preload,
          memoryBytes: c.memoryMb ? c.memoryMb * mib : ContainerExecutor.defaults.memoryBytes,
          cpus: c.cpus ?? ContainerExecutor.defaults.cpus,
          pidsLimit: c.pidsLimit ?? ContainerExecutor.defaults.pidsLimit,
          workDirBytes: c.workDirMb ? c.workDirMb * mib : ContainerExecutor.defaults.workDirBytes,
          docker: c.socketPath ? { socketPath: c.socketPath } : undefined,
          readOnlyNetwork: c.readOnlyNetwork && {
            name: c.readOnlyNetwork.name,
            gateway: c.readOnlyNetwork.gateway,
            caPort: c.readOnlyNetwork.caPort ?? ReadOnlyNetwork.defaultPorts.caPort,
            pvaPort: c.readOnlyNetwork.pvaPort ?? ReadOnlyNetwork.defaultPorts.pvaPort,
            pvaBroadcastPort: c.readOnlyNetwork.pvaBroadcastPort ?? ReadOnlyNetwork.defaultPorts.pvaBroadcastPort
          }
        })
      }
      case "ssh": {
        if (!file.ssh) return yield* misconfigured("the ssh executor needs an `ssh:` section with its hosts in PYEXEC_EXECUTOR_CONFIG")
        const names = new Set(file.ssh.hosts.map((h) => h.name))
        for (const [profile, settings] of Object.entries(profiles)) {
          const unknown = (settings.hosts ?? []).filter((h) => !names.has(h))
          if (unknown.length) return yield* misconfigured(`profile '${profile}' names SSH host(s) ${unknown.join(", ")}, which the ssh section does not define`)
        }
        return SshExecutor.layer({ ...limits, hosts: file.ssh.hosts, profiles })
      }
    }
  })
)
