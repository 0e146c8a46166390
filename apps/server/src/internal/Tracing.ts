import { Config, ConfigError, Effect, Either, Layer, Option } from "effect"
import { version } from "./version.js"

/**
 * OpenTelemetry traces of the runs' stages (and of the API's requests), sent by OTLP over HTTP when an endpoint is
 * configured, with OpenTelemetry's own variables: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (the whole URL) or
 * OTEL_EXPORTER_OTLP_ENDPOINT (the collector's base; traces go to /v1/traces), OTEL_EXPORTER_OTLP_PROTOCOL
 * (http/protobuf, the default, or http/json), OTEL_EXPORTER_OTLP_HEADERS (`key=value,…`), OTEL_SERVICE_NAME.
 * Without an endpoint nothing is loaded.
 */

const endpoint = Effect.gen(function* () {
  const traces = yield* Config.option(Config.url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
  if (Option.isSome(traces)) return Option.some(traces.value.href)
  const base = yield* Config.option(Config.url("OTEL_EXPORTER_OTLP_ENDPOINT"))
  return Option.map(base, (url) => new URL(`${url.pathname.replace(/\/+$/, "")}/v1/traces`, url).href)
})

const protocol = Config.string("OTEL_EXPORTER_OTLP_PROTOCOL").pipe(
  Config.withDefault("http/protobuf"),
  Config.validate({ message: "pyexec sends OTLP over HTTP: set http/protobuf or http/json", validation: (p) => p === "http/protobuf" || p === "http/json" })
)

/** `key=value` pairs separated by commas, values URL-encoded, as the OpenTelemetry specification has them. */
const headers = Config.string("OTEL_EXPORTER_OTLP_HEADERS").pipe(
  Config.withDefault(""),
  Config.mapOrFail((list) => {
    const pairs: Record<string, string> = {}
    for (const entry of list.split(",").filter((e) => e.trim() !== "")) {
      const at = entry.indexOf("=")
      if (at <= 0) return Either.left(ConfigError.InvalidData(["OTEL_EXPORTER_OTLP_HEADERS"], `'${entry.trim()}' is not key=value`))
      pairs[entry.slice(0, at).trim()] = decodeURIComponent(entry.slice(at + 1).trim())
    }
    return Either.right(pairs)
  })
)

export const layer = Layer.unwrapEffect(
  Effect.gen(function* () {
    const url = yield* endpoint
    if (Option.isNone(url)) return Layer.empty
    const settings = { protocol: yield* protocol, headers: yield* headers, serviceName: yield* Config.string("OTEL_SERVICE_NAME").pipe(Config.withDefault("pyexec")) }
    const [OtlpTracer, OtlpSerialization, NodeHttpClient] = yield* Effect.promise(() =>
      Promise.all([import("@effect/opentelemetry/OtlpTracer"), import("@effect/opentelemetry/OtlpSerialization"), import("@effect/platform-node/NodeHttpClient")])
    )
    return OtlpTracer.layer({
      url: url.value,
      resource: { serviceName: settings.serviceName, serviceVersion: version },
      headers: settings.headers,
      exportInterval: "1 second",
      shutdownTimeout: "3 seconds"
    }).pipe(
      Layer.provide(settings.protocol === "http/json" ? OtlpSerialization.layerJson : OtlpSerialization.layerProtobuf),
      Layer.provide(NodeHttpClient.layer)
    )
  })
)
