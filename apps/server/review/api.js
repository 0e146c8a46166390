import { token } from "./token.js"

/** An error answer of the API: `{error: {type, message, field?, reason?}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error.message)
    this.status = status
    this.type = error.type
    this.reason = error.reason
    this.field = error.field
  }
}

const errorOf = async (response) => {
  const body = await response.json().catch(() => undefined)
  return new ApiError(response.status, body?.error ?? { type: `HTTP ${response.status}`, message: response.statusText || "request failed" })
}

/** Calls the API with the stored token; an error answer throws an ApiError, and a 401 also tells the page. */
export const api = async (path, init = {}) => {
  const headers = { Authorization: `Bearer ${token()}`, ...init.headers }
  if (init.body !== undefined) headers["Content-Type"] = "application/json"
  const response = await fetch(path, { ...init, headers })
  if (response.ok) return response
  const error = await errorOf(response)
  if (response.status === 401) window.dispatchEvent(new CustomEvent("pyexec:unauthorized", { detail: error.message }))
  throw error
}

export const getJson = async (path, init) => (await api(path, init)).json()

export const postJson = async (path, body) => (await api(path, { method: "POST", body: JSON.stringify(body) })).json()

export const runPath = (runId) => `/api/runs/${encodeURIComponent(runId)}`
