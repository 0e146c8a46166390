import { dangerousCallRule } from "./dangerousCall.js"

export const networkAccess = dangerousCallRule({
  code: "PY005",
  name: "network-access",
  category: "network",
  severity: "error",
  verb: "opens a network connection",
  doc: {
    whatItDoes: "Finds network access other than EPICS: sockets, `urllib.request`, `requests`, `http.client`, `httpx`, `aiohttp`, FTP, SMTP, SSH.",
    whyIsThisBad: "Code in a control room should not talk to other hosts; a connection can leak data or reach services that change things (a REST gateway that writes PVs, an IOC shell). pyexec asks a person.",
    example: 'import requests\nrequests.post("http://archiver/api", json=data)',
    useInstead: "Read machine data through EPICS; ask for the archiver data in the request."
  }
})
