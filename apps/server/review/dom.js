/**
 * Builds an element. Children that are strings or numbers become text nodes, so text from the API is never
 * parsed as HTML. Attributes named on* are event listeners; false, null and undefined leave an attribute out.
 */
export const h = (tag, attributes = {}, ...children) => {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value)
    else if (name === "dataset") Object.assign(element.dataset, value)
    else element.setAttribute(name, value === true ? "" : String(value))
  }
  append(element, children)
  return element
}

/** Appends children as h does: nested arrays are flattened, empty values skipped. */
export const append = (element, children) => {
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === undefined || child === null || child === false) continue
    element.append(child instanceof Node ? child : String(child))
  }
  return element
}

/** Replaces everything inside an element. */
export const replace = (element, ...children) => {
  element.replaceChildren()
  return append(element, children)
}
