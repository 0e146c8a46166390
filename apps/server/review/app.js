import { getJson } from "./api.js"
import { h, replace } from "./dom.js"
import { runList } from "./runList.js"
import { runPage } from "./runPage.js"
import { loadStatuses } from "./status.js"
import { refreshAges } from "./time.js"
import { clearToken, setToken, takeTokenFromAddress, token } from "./token.js"

const main = document.getElementById("main")
const who = document.getElementById("who")
let leave = () => {}
let me

const navigate = (href) => {
  history.pushState(null, "", href)
  route()
}

const signOut = () => {
  clearToken()
  me = undefined
  route()
}

const showWho = () =>
  replace(
    who,
    me
      ? [
          h("span", { class: "me" }, me.name),
          me.roles.map((role) => h("span", { class: `role ${role}` }, role)),
          h("button", { type: "button", class: "link", onclick: signOut }, "Sign out")
        ]
      : null
  )

const tokenForm = (problem) => {
  const input = h("input", { type: "password", name: "token", autocomplete: "off", required: true, placeholder: "API token", "aria-label": "API token" })
  return h(
    "form",
    {
      class: "card token-form",
      onsubmit: (event) => {
        event.preventDefault()
        setToken(input.value)
        route()
      }
    },
    h("h1", {}, "Sign in"),
    problem ? h("p", { class: "notice error", role: "alert" }, problem) : null,
    h("p", { class: "muted" }, "Paste your pyexec API token. ", h("code", {}, "pyexec serve"), " prints an address with the token in it; opening that address signs you in."),
    h("div", { class: "token-row" }, input, h("button", { type: "submit", class: "primary" }, "Sign in"))
  )
}

const showTokenForm = (problem) => {
  leave()
  leave = () => {}
  showWho()
  replace(main, tokenForm(problem))
}

/** Shows the page the address names: the run list at /, a run at /runs/{id}. */
const route = async () => {
  leave()
  leave = () => {}
  if (!token()) return showTokenForm()
  try {
    me ??= await getJson("/api/me")
    await loadStatuses()
  } catch (error) {
    if (error.status !== 401) replace(main, h("p", { class: "notice error", role: "alert" }, `The server could not be reached: ${error.message}`))
    return
  }
  showWho()
  const run = /^\/runs\/([^/]+)\/?$/.exec(location.pathname)
  leave = run ? runPage(main, decodeURIComponent(run[1]), me) : runList(main, navigate)
  window.scrollTo(0, 0)
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]")
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const url = new URL(link.href)
  if (url.origin !== location.origin || !(url.pathname === "/" || url.pathname.startsWith("/runs/"))) return
  event.preventDefault()
  navigate(url.pathname + url.search)
})
window.addEventListener("popstate", route)
window.addEventListener("pyexec:unauthorized", () => {
  clearToken()
  me = undefined
  showTokenForm("The server did not accept this token. Paste a valid one.")
})
// a `#token=` link pasted into a tab that has the page open already changes only the fragment: no new page load
window.addEventListener("hashchange", () => {
  if (!takeTokenFromAddress()) return
  me = undefined
  route()
})
setInterval(() => refreshAges(document), 10_000)

takeTokenFromAddress()
route()
