import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import * as os from "node:os"
import { SoftIoc } from "@pyexec/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { repoRoot, tempDir } from "./support/cli.js"
import { call, client } from "./support/httpCalls.js"
import { clientSource, installClient, python } from "./support/pythonClient.js"
import { type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "pyclient-alice-requester-7f3a"
const bob = "pyclient-bob-approver-91c2e4"
const runNotebook = path.join(repoRoot, "apps/server/test/support/python-client/run_notebook.py")

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

/** A write to the test's IOC: the run waits for approval, and once approved it sets the PV. */
const writing = (pv: string, value: number) =>
  `import epics\nok = epics.caput("${pv}", ${value}, wait=True, timeout=5)\nprint("after the write")\nresults = {"written": ok == 1}\n`

describe("the Python client (clients/python) and %%pyexec, against a real pyexec serve and a real kernel", () => {
  let server: ServerProcess
  let home: string
  let site: string
  let ioc: SoftIoc.SoftIoc

  /** Runs a Python script with the installed client, as `token`'s holder (PYEXEC_SERVER, PYEXEC_API_TOKEN); its last line is JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: the scripts print JSON the tests read
  const py = async (script: string, token = alice, ...args: Array<string>): Promise<any> => {
    const done = await python(["-c", script, ...args], { site, cwd: home, env: { PYEXEC_SERVER: server.url, PYEXEC_API_TOKEN: token } })
    expect(done.code, done.stderr).toBe(0)
    return JSON.parse(done.stdout.trim().split("\n").at(-1)!)
  }

  beforeAll(async () => {
    home = tempDir("python-client")
    site = path.join(home, "site")
    ioc = await SoftIoc.start()
    const started = startServer({ ...serverEnv({ home, tokens: `alice:requester:${alice},bob:approver:${bob}` }), ...ioc.env }, home)
    await installClient(site, home)
    server = await started
  })
  afterAll(async () => {
    await server?.stop()
    await ioc?.stop()
  })

  it("pip installs as a typed package, and mypy --strict passes over it", async () => {
    expect(fs.existsSync(path.join(site, "pyexec_client/py.typed"))).toBe(true)
    expect(fs.readdirSync(site)).toContain("pyexec_client-0.1.0.dist-info")
    const mypy = await python(["-m", "mypy", "--strict", "--cache-dir", path.join(os.tmpdir(), "pyexec-client-mypy-cache"), path.join(clientSource, "src/pyexec_client")], { site: "", cwd: home })
    expect(mypy.stdout + mypy.stderr).toMatch(/^Success: no issues found in \d+ source files/)
    expect(mypy.code).toBe(0)
  }, 120_000)

  it("submits a read-only run and waits for its results; its figures and notebook download", async () => {
    const out = await py(`
import json, pyexec_client
from pyexec_client import Client
client = Client()
run = client.submit(code="import matplotlib.pyplot as plt\\nprint('reading')\\nplt.plot([1, 3, 2])\\nresults = {'peak': 3, 'names': ['a', 'b'], 'gain': 1.0, 'label': '1.0'}\\n", timeout_seconds=60)
done = client.wait(run.id, timeout=60)
notebook = json.loads(client.notebook(run.id))
print(json.dumps({"module": pyexec_client.__file__, "status": done.status, "requester": done.requester, "profile": done.profile,
  "results": done.results, "stdout": done.result.stdout, "figures": [png[:8].hex() for png in client.figures(run.id)],
  "nbformat": notebook["nbformat"], "attempts": len(done.attempts), "sha": done.attempts[0].code_sha256,
  "types": {key: type(value).__name__ for key, value in done.results.items()}}))
`)
    expect(out.module.startsWith(site)).toBe(true)
    expect(out).toMatchObject({ status: "succeeded", requester: "alice", profile: "read-only", results: { peak: 3, names: ["a", "b"], gain: 1, label: "1.0" }, stdout: "reading\n", nbformat: 4, attempts: 1 })
    // JSON makes 1.0 an 1; the client gives it back as the float the code set, and a string stays one
    expect(out.types).toEqual({ peak: "int", names: "list", gain: "float", label: "str" })
    expect(out.figures).toEqual(["89504e470d0a1a0a"])
  })

  it("a write run waits for approval; the requester may not approve it, the approver does, and it writes", async () => {
    const code = writing(`${ioc.prefix}B`, 7.5)
    expect(Number(await ioc.get(`${ioc.prefix}B`))).not.toBe(7.5)
    const out = await py(
      `
import json, sys
from pyexec_client import ApiError, Client
alice, bob = Client(), Client(token=sys.argv[1])
code = sys.argv[2]
waiting = alice.wait(alice.submit(code=code).id, timeout=60)
try:
    alice.approve(waiting.id)
    refused = None
except ApiError as e:
    refused = {"status": e.status, "type": e.type, "message": e.message}
as_bob = bob.get(waiting.id)
approved = bob.approve(waiting.id, comment="checked")
done = alice.wait(waiting.id, timeout=60)
print(json.dumps({"waiting": waiting.status, "waitingProfile": waiting.profile, "sha": waiting.code_sha256,
  "standing": [str(s) for s in waiting.attempt.standing], "rules": [f.rule for f in waiting.attempt.findings],
  "aliceMayDecide": waiting.you_may_decide, "bobMayDecide": as_bob.you_may_decide, "refused": refused,
  "afterApprove": approved.status, "status": done.status, "results": done.results, "stdout": done.result.stdout,
  "decidedBy": done.attempt.approval.decided_by, "comment": done.attempt.approval.comment}))
`,
      alice,
      bob,
      code
    )
    expect(out).toMatchObject({ waiting: "awaiting_approval", waitingProfile: "write", sha: sha256(code), aliceMayDecide: false, bobMayDecide: true })
    expect(out.rules).toContain("EPICS001")
    expect(out.standing).toEqual(["1 approval from an approver (for every run)"])
    expect(out.refused).toMatchObject({ status: 403, type: "Forbidden" })
    expect(out.refused.message).not.toBe("")
    expect(["approved", "executing", "succeeded"]).toContain(out.afterApprove)
    expect(out).toMatchObject({ status: "succeeded", results: { written: true }, decidedBy: "bob", comment: "checked" })
    expect(out.stdout).toBe("after the write\n")
    expect(Number(await ioc.get(`${ioc.prefix}B`))).toBe(7.5)
  })

  it("streams a run's output as it comes: each line arrives while the run still executes, then its final status", async () => {
    const out = await py(`
import json, time
from pyexec_client import Client, Output, Transition
client = Client()
run = client.submit(code="import time\\nfor i in range(5):\\n    print(f'tick {i}')\\n    time.sleep(0.5)\\nresults = {'ticks': 5}\\n")
start, events = time.monotonic(), []
for e in client.stream(run.id):
    at = time.monotonic() - start
    events.append({"at": at, "id": e.id, "kind": "output", "text": e.text, "stream": e.stream} if isinstance(e, Output) else {"at": at, "id": e.id, "kind": "transition", "to": e.to_status})
resumed = [e.text for e in client.stream(run.id, last_event_id=[e for e in events if e["kind"] == "output"][1]["id"]) if isinstance(e, Output)]
print(json.dumps({"events": events, "resumed": resumed}))
`)
    // biome-ignore lint/suspicious/noExplicitAny: the JSON the script printed
    const events: Array<any> = out.events
    const output = events.filter((e) => e.kind === "output")
    expect(output.map((e) => e.text).join("")).toBe("tick 0\ntick 1\ntick 2\ntick 3\ntick 4\n")
    expect(events.filter((e) => e.kind === "transition").map((e) => e.to)).toEqual(["queued", "analyzing", "executing", "succeeded"])
    const end = events.at(-1)
    expect(end).toMatchObject({ kind: "transition", to: "succeeded" })
    // the code prints for 2 s: the first line came well before the end, not all at once with it
    expect(end.at - output[0].at).toBeGreaterThan(1.5)
    expect(output[1].at - output[0].at).toBeGreaterThan(0.3)
    expect(out.resumed.join("")).toBe("tick 2\ntick 3\ntick 4\n")
  })

  it("errors are exceptions carrying the API's message: a bad token, an unknown run, a bad request, no server", async () => {
    const out = await py(
      `
import json, sys
from pyexec_client import ApiError, Client, ConnectionFailed, WaitTimeout
def fails(call):
    try:
        call()
    except ApiError as e:
        return {"class": "ApiError", "status": e.status, "type": e.type, "message": str(e), "field": e.field, "reason": e.reason}
    except (ConnectionFailed, WaitTimeout) as e:
        return {"class": type(e).__name__, "message": str(e)}
    return None
client = Client()
slow = client.submit(code="import time\\ntime.sleep(30)\\nresults = {}\\n")
print(json.dumps({
  "badToken": fails(lambda: Client(token="not-a-token-anyone-knows").get("x")),
  "unknown": fails(lambda: client.get("no-such-run")),
  "blank": fails(lambda: client.submit(code="   ")),
  "notAwaiting": fails(lambda: Client(token=sys.argv[1]).approve(slow.id, "0" * 64)),
  "timeout": fails(lambda: client.wait(slow.id, timeout=1)),
  "cancelled": client.cancel(slow.id).status,
  "noServer": fails(lambda: Client("http://127.0.0.1:9", "some-token-0123456789").get("x")),
}))
`,
      alice,
      bob
    )
    const unauthorized = await call(server.url, "GET", "/api/runs/x", { token: "not-a-token-anyone-knows" })
    expect(out.badToken).toEqual({ class: "ApiError", status: 401, type: "Unauthorized", message: unauthorized.body.error.message, field: null, reason: null })
    expect(out.unknown).toMatchObject({ status: 404, type: "RunNotFound", message: "no run with id no-such-run" })
    expect(out.blank).toMatchObject({ status: 400, type: "BadRequest", field: "code" })
    expect(out.notAwaiting).toMatchObject({ status: 409, type: "ApprovalRefused" })
    expect(out.timeout).toMatchObject({ class: "WaitTimeout" })
    expect(out.timeout.message).toMatch(/is still (executing|analyzing|queued) after 1 s/)
    expect(out.cancelled).toBe("cancelled")
    expect(out.noServer.class).toBe("ConnectionFailed")
    expect(out.noServer.message).toContain("cannot reach the pyexec server at http://127.0.0.1:9")
  })

  it("finds the server and the token as the CLI does: PYEXEC_API_TOKEN_FILE, or the serve on PYEXEC_HOME and its admin token", async () => {
    const script = `
import json
from pyexec_client import Client, NotConfigured
try:
    client = Client()
except NotConfigured as e:
    print(json.dumps({"notConfigured": str(e)}))
    raise SystemExit
done = client.wait(client.submit(code="results = {'ok': True}").id, timeout=60)
print(json.dumps({"url": client.url, "requester": done.requester, "status": done.status}))
`
    const last = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!)
    const tokenFile = path.join(home, "alice-token")
    fs.writeFileSync(tokenFile, `${alice}\n`)
    const fromFile = await python(["-c", script], { site, cwd: home, env: { PYEXEC_SERVER: server.url, PYEXEC_API_TOKEN_FILE: tokenFile } })
    expect(last(fromFile.stdout)).toEqual({ url: server.url, requester: "alice", status: "succeeded" })

    const nowhere = tempDir("python-client-nowhere")
    const unset = await python(["-c", script], { site, cwd: nowhere, env: { PYEXEC_HOME: nowhere } })
    expect(last(unset.stdout).notConfigured).toMatch(/^no pyexec server: set PYEXEC_SERVER/)

    // a server without configured tokens: its home says where it is, and its admin token acts for the person
    const localHome = tempDir("python-client-local")
    const local = await startServer({ PYEXEC_HOME: localHome, PYEXEC_EXECUTOR: "local", PYEXEC_WORKER_POLL_MS: "200" }, localHome)
    try {
      const found = await python(["-c", script], { site, cwd: nowhere, env: { PYEXEC_HOME: localHome, PYEXEC_USER: "carol" } })
      expect(last(found.stdout)).toEqual({ url: local.url, requester: "carol", status: "succeeded" })
    } finally {
      await local.stop()
    }
  }, 120_000)

  it("%%pyexec in a real kernel: streamed output, results and a figure; a write cell waits while approved through the API", async () => {
    const code = writing(`${ioc.prefix}B`, 2.5)
    const cells = [
      "%load_ext pyexec_client",
      `%pyexec_config ${server.url} ${alice}`,
      "%%pyexec --timeout 60\nimport time\nimport matplotlib.pyplot as plt\nprint('first line')\ntime.sleep(2)\nprint('second line')\nplt.plot([1, 3, 2])\nresults = {'peak': 3, 'name': 'beam'}",
      `%%pyexec\n${code}`,
      "%%pyexec\nraise ValueError('no beam')"
    ]
    const executed = python([runNotebook, JSON.stringify(cells)], { site, cwd: home })
    // the approver decides while the write cell waits
    const asBob = client(server.url, bob)
    let waiting: { id: string } | undefined
    for (const deadline = Date.now() + 90_000; !waiting && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      waiting = (await asBob.get("/api/runs?status=awaiting_approval")).body.runs[0]
    }
    expect(waiting, "no run waited for approval").toBeDefined()
    const view = (await asBob.get(`/api/runs/${waiting!.id}`)).body
    expect(view.attempts[0].code).toBe(code)
    expect((await asBob.post(`/api/runs/${waiting!.id}/approve`, { codeSha256: view.codeSha256 })).status).toBe(200)

    const done = await executed
    expect(done.code, done.stderr).toBe(0)
    const notebook = JSON.parse(done.stdout)
    // biome-ignore lint/suspicious/noExplicitAny: nbformat JSON
    const [, config, read, write, failing] = notebook.cells as Array<any>
    // biome-ignore lint/suspicious/noExplicitAny: nbformat JSON
    const text = (cell: any, name = "stdout") => cell.outputs.filter((o: any) => o.output_type === "stream" && o.name === name).map((o: any) => o.text).join("")
    // biome-ignore lint/suspicious/noExplicitAny: nbformat JSON
    const of = (cell: any, type: string) => cell.outputs.filter((o: any) => o.output_type === type)
    // biome-ignore lint/suspicious/noExplicitAny: nbformat JSON
    const arrived = (cell: any, line: string) => cell.metadata.arrivals.find((a: [number, string, string]) => a[1] === "stream" && a[2].includes(line))?.[0]

    expect(text(config)).toBe(`pyexec server: ${server.url}\n`)

    expect(text(read)).toBe("first line\nsecond line\n")
    // streamed: the first line was in the cell while the code still slept
    expect(arrived(read, "second line") - arrived(read, "first line")).toBeGreaterThan(1.5)
    expect(of(read, "execute_result")[0].data["text/plain"]).toBe("{'peak': 3, 'name': 'beam'}")
    const images = of(read, "display_data").filter((o: { data: Record<string, string> }) => o.data["image/png"])
    expect(images).toHaveLength(1)
    expect(Buffer.from(images[0].data["image/png"], "base64").subarray(1, 4).toString()).toBe("PNG")
    expect(of(read, "display_data")[0].data["text/plain"]).toMatch(/^pyexec run \S+: succeeded$/)

    const notice = of(write, "display_data").map((o: { data: Record<string, string> }) => o.data["text/plain"]).find((t: string) => t.includes("waits for approval"))
    expect(notice).toContain(`Run ${waiting!.id} waits for approval: it needs 1 approval from an approver (for every run).`)
    expect(notice).toContain(`Review it at ${server.url}/runs/${waiting!.id}`)
    expect(notice).toMatch(/line 2: EPICS001 /)
    expect(text(write)).toContain("after the write\n")
    expect(of(write, "execute_result")[0].data["text/plain"]).toBe("{'written': True}")
    expect(Number(await ioc.get(`${ioc.prefix}B`))).toBe(2.5)
    expect(of(write, "display_data")[0].data["text/plain"]).toBe(`pyexec run ${waiting!.id}: succeeded`)

    // a run that fails fails its cell, with its reason and no traceback of the client
    const [error] = of(failing, "error")
    expect(error.ename).toBe("CellFailed")
    expect(error.traceback).toEqual([expect.stringMatching(/^pyexec: run \S+ failed: .*no beam/)])
    expect(text(failing, "stderr")).toContain("ValueError: no beam")
  }, 180_000)
})
