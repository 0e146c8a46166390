import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect, Layer } from "effect"

/** apps/server/review, from src/http (tsx) and from dist/http alike. */
const folder = fileURLToPath(new URL("../../review/", import.meta.url))

const contentTypes: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  json: "application/json"
}

/**
 * A file name in the folder itself, or in its vendor/ folder (the libraries, copied there by
 * scripts/vendor-review.mjs): no other separator, no leading dot, so nothing outside them can be named.
 */
const plainName = /^(vendor\/)?[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)+$/

/**
 * What the page may load and who may frame it: its own scripts, styles and API only, figures as data: URLs, no
 * framing (clickjacking an Approve button), no referrer (a run's address carries no token, but it is nobody's business).
 */
const securityHeaders = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff"
}

const notFound = HttpServerResponse.text("not found", { status: 404 })

const page = (name: string) =>
  Effect.suspend(() => {
    const type = contentTypes[name.split(".").at(-1) ?? ""]
    const file = `${folder}${name}`
    if (!plainName.test(name) || type === undefined || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return Effect.succeed(notFound)
    // the Node platform takes a file's type from the headers only
    return HttpServerResponse.file(file, {
      headers: { ...securityHeaders, "content-type": type, "cache-control": "no-cache" }
    }).pipe(Effect.orElseSucceed(() => notFound))
  })

/** The file name after `/review/`, or "" when it is not a decodable name. */
const nameIn = (url: string) => {
  try {
    return decodeURIComponent(url.slice("/review/".length).split("?")[0] ?? "")
  } catch {
    return ""
  }
}

/**
 * The review page: its own static files, no token needed to load them (the page asks for one and calls the API
 * with it). `/` and `/runs/{id}` are the page's addresses; the page reads the run id from the address itself.
 */
export const layer = Layer.mergeAll(
  HttpLayerRouter.add("GET", "/", page("index.html")),
  HttpLayerRouter.add("GET", "/runs/:id", page("index.html")),
  HttpLayerRouter.add("GET", "/review/*", (request) => page(nameIn(request.url)))
)
