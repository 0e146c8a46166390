import type * as http from "node:http"
import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { Layer } from "effect"
import * as AccessLog from "./AccessLog.js"
import { Api } from "./Api.js"
import * as Authentication from "./Authentication.js"
import * as FailedRequests from "./FailedRequests.js"
import * as Health from "./Health.js"
import * as JsonBody from "./JsonBody.js"
import * as ReviewPage from "./ReviewPage.js"
import * as RunsApi from "./RunsApi.js"

/** The API with `/openapi.json`, the review page, health and metrics, and bad input answered as 400. */
export const routes = Layer.mergeAll(
  HttpLayerRouter.addHttpApi(Api, { openapiPath: "/openapi.json" }).pipe(
    Layer.provide(RunsApi.layer),
    Layer.provide([Authentication.layer, JsonBody.layer])
  ),
  ReviewPage.layer,
  Health.layer,
  FailedRequests.layer
)

/**
 * The routes on a Node HTTP server; it listens while the layer lives. Needs the pipeline's services and ApiTokens.
 * Slack: `extra` adds the Slack bot and its /slack/events route (see ../slack/SlackServer.ts).
 */
export const layer = <E, R>(
  server: http.Server,
  listen: { readonly host: string; readonly port: number },
  extra: Layer.Layer<never, E, R> = Layer.empty as Layer.Layer<never, E, R>
) =>
  HttpLayerRouter.serve(Layer.merge(routes, extra), { disableLogger: true, disableListenLog: true, middleware: AccessLog.middleware }).pipe(
    Layer.provide(NodeHttpServer.layer(() => server, listen))
  )
