import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { python } from "./support/python.js"

const gatewayDir = fileURLToPath(new URL("../gateway/", import.meta.url))

/**
 * The gateway and the relay end when their parent closes their stdin (a thread waits for it). When a signal has
 * ended their loop first, that thread must end quietly: its error was a traceback on the stderr of the pyexec that
 * started them (under load, a server stopped at start-up printed 11 lines of it instead of its one).
 */
const script = `
import asyncio, importlib, io, sys, threading, time
sys.path.insert(0, ${JSON.stringify(gatewayDir)})
errors = []
threading.excepthook = lambda args: errors.append(repr(args.exc_value))
class Main:
    def cancel(self):
        pass
for name in ("pyexec_ca_gateway", "pyexec_netns_relay"):
    module = importlib.import_module(name)
    loop = asyncio.new_event_loop()
    loop.close()
    sys.stdin = io.StringIO("")
    module.end_with_parent(loop, Main())
time.sleep(0.5)
print(errors)
`

describe("the read-only gateway and relay, their parent gone after their loop ended", () => {
  it("end without a traceback", async () => {
    const outcome = await python(script, {})
    expect(outcome.stdout.trim(), outcome.stderr).toBe("[]")
  })
})
