import { h } from "./dom.js"

/** "just now", "3 min ago", "5 h ago", "2 d ago". */
export const age = (iso, now = Date.now()) => {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000)
  if (seconds < 45) return "just now"
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 36) return `${hours} h ago`
  return `${Math.round(hours / 24)} d ago`
}

/** "in 12 min" for a time ahead, else the age. */
export const until = (iso, now = Date.now()) => {
  const minutes = Math.round((Date.parse(iso) - now) / 60000)
  if (minutes < 0) return age(iso, now)
  if (minutes < 90) return `in ${minutes} min`
  return `in ${Math.round(minutes / 60)} h`
}

/**
 * The one way the page writes a time: "2026-12-05 14:03:12 UTC", in UTC as the CLI and the notebooks write
 * theirs (ISO 8601), so a time read on the page, in a terminal and in a notebook is the same text.
 */
export const exactTime = (iso) => `${new Date(iso).toISOString().slice(0, 19).replace("T", " ")} UTC`

/** A time as a <time> element in the one format. */
export const timeElement = (iso) => h("time", { datetime: iso }, exactTime(iso))

/** A relative time that refreshAges keeps current; the exact time is its tooltip. */
export const ageElement = (iso) => h("time", { datetime: iso, title: exactTime(iso), dataset: { age: iso } }, age(iso))

/** A time ahead ("in 12 min"), kept current like an age. */
export const untilElement = (iso) => h("time", { datetime: iso, title: exactTime(iso), dataset: { until: iso } }, until(iso))

export const refreshAges = (root) => {
  for (const element of root.querySelectorAll("time[data-age]")) element.textContent = age(element.dataset.age)
  for (const element of root.querySelectorAll("time[data-until]")) element.textContent = until(element.dataset.until)
}
