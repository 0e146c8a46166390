import { api } from "./api.js"
import { h } from "./dom.js"
import { jsonView } from "./outputs.js"
import { finalStatuses } from "./status.js"

/** A figure's URL needs the token in a header, so it is fetched and shown as a data: URL (the CSP allows those for images). */
const figureInto = (img, url) =>
  api(url)
    .then((response) => response.blob())
    .then(
      (blob) =>
        new Promise((resolve, reject) => {
          const reader = new FileReader()
          reader.onload = () => resolve(reader.result)
          reader.onerror = () => reject(reader.error)
          reader.readAsDataURL(blob)
        })
    )
    .then((dataUrl) => {
      img.src = dataUrl
    })
    .catch((error) => img.replaceWith(h("p", { class: "notice error" }, `The figure could not be read: ${error.message}`)))

/**
 * The answer first: once the run has ended, what its last attempt that ran returned (its results and figures),
 * above the code and the notebooks that tell how it got there.
 */
export const answerCard = (view) => {
  if (!finalStatuses.has(view.status)) return null
  const attempt = [...view.attempts].reverse().find((a) => a.result)
  if (!attempt) return null
  const { results, resultsText, resultsPresent, figures } = attempt.result
  const hasResults = resultsPresent && results && typeof results === "object" && Object.keys(results).length > 0
  if (!hasResults && figures.length === 0) return null
  return h(
    "section",
    { class: "card answer", "aria-label": "Answer" },
    h("div", { class: "card-head" }, h("h2", {}, "Answer"), h("span", { class: "muted" }, `attempt ${attempt.number}`)),
    hasResults ? jsonView(results, resultsText) : null,
    figures.map((url, i) => {
      const img = h("img", { class: "figure", alt: `Figure ${i + 1} of attempt ${attempt.number}` })
      figureInto(img, url)
      return img
    })
  )
}
