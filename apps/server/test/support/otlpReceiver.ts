import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** A span as OTLP/JSON carries it, with its attributes made plain. */
export interface ReceivedSpan {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId: string | undefined
  readonly name: string
  readonly attributes: Readonly<Record<string, unknown>>
  readonly service: unknown
}

interface AnyValue {
  readonly stringValue?: string
  readonly intValue?: string | number
  readonly doubleValue?: number
  readonly boolValue?: boolean
}
interface KeyValue {
  readonly key: string
  readonly value: AnyValue
}

const plain = (value: AnyValue) => value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.doubleValue ?? value.boolValue))
const attributesOf = (list: ReadonlyArray<KeyValue> = []) => Object.fromEntries(list.map((kv) => [kv.key, plain(kv.value)]))

/**
 * An OTLP/HTTP trace receiver, as a collector's `otlp` receiver answers: POST /v1/traces, JSON bodies decoded into
 * spans, protobuf bodies kept as they came (the test looks for the bytes it expects in them).
 */
export const startOtlpReceiver = async () => {
  const spans: Array<ReceivedSpan> = []
  const protobufBodies: Array<Buffer> = []
  const server = http.createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (c: Buffer) => chunks.push(c))
    request.on("end", () => {
      if (request.method !== "POST" || request.url !== "/v1/traces") {
        response.writeHead(404).end()
        return
      }
      const body = Buffer.concat(chunks)
      if (request.headers["content-type"]?.startsWith("application/x-protobuf")) {
        protobufBodies.push(body)
        response.writeHead(200, { "content-type": "application/x-protobuf" }).end()
        return
      }
      const payload = JSON.parse(body.toString("utf8")) as {
        resourceSpans: ReadonlyArray<{
          resource: { attributes: ReadonlyArray<KeyValue> }
          scopeSpans: ReadonlyArray<{ spans: ReadonlyArray<{ traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: ReadonlyArray<KeyValue> }> }>
        }>
      }
      for (const resource of payload.resourceSpans) {
        const service = attributesOf(resource.resource.attributes)["service.name"]
        for (const scope of resource.scopeSpans)
          for (const span of scope.spans)
            spans.push({ traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, attributes: attributesOf(span.attributes), service })
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans: () => [...spans],
    protobufBodies: () => [...protobufBodies],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
