import { dangerousCallRule } from "./dangerousCall.js"

export const subprocessCall = dangerousCallRule({
  code: "PY001",
  name: "subprocess-call",
  category: "process",
  severity: "error",
  verb: "starts another program",
  doc: {
    whatItDoes: "Finds code that starts other programs: `subprocess`, `os.system`, `os.popen`, `os.exec*`, `os.spawn*`, `pty.spawn`, asyncio subprocesses.",
    whyIsThisBad: "Another program can do anything, out of the analyzer's sight: write PVs with `caput`, delete files, reach the network.",
    example: 'import os\nos.system("caput SR:Q01:CURRENT_SP 12.5")',
    useInstead: "Do the work in Python, with the libraries the sandbox provides."
  }
})
