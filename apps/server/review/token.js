const key = "pyexec.token"

/** Keeps a token handed over in the address (`#token=...`) and removes it from the address bar. */
export const takeTokenFromAddress = () => {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash)
  if (!match) return
  setToken(decodeURIComponent(match[1]))
  history.replaceState(history.state, "", location.pathname + location.search)
}

export const token = () => localStorage.getItem(key)

export const setToken = (value) => localStorage.setItem(key, value.trim())

export const clearToken = () => localStorage.removeItem(key)
