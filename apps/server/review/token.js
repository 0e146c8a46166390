const key = "pyexec.token"

/** Keeps a token handed over in the address (`#token=...`), removes it from the address bar, and says whether there was one. */
export const takeTokenFromAddress = () => {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash)
  if (!match) return false
  setToken(decodeURIComponent(match[1]))
  history.replaceState(history.state, "", location.pathname + location.search)
  return true
}

export const token = () => localStorage.getItem(key)

export const setToken = (value) => localStorage.setItem(key, value.trim())

export const clearToken = () => localStorage.removeItem(key)
