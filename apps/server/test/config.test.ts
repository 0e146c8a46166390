import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { PostgresDatabase } from "@pyexec/testing"
import { Effect } from "effect"
import { secretFileVariable, settings } from "../src/config/settings.js"
import * as SettingsFile from "../src/config/SettingsFile.js"
import { errorLines, pyexec, repoRoot, tempDir } from "./support/cli.js"
import { client } from "./support/httpCalls.js"
import { startServer } from "./support/server.js"

/** A folder with pyexec.yaml holding `yaml`, and a small script to run. */
const configured = (label: string, yaml: string) => {
  const cwd = tempDir(label)
  fs.writeFileSync(path.join(cwd, "pyexec.yaml"), yaml)
  fs.writeFileSync(path.join(cwd, "ok.py"), "results = {'answer': 42}\n")
  return { cwd, file: path.join(cwd, "pyexec.yaml"), env: { PYEXEC_CONFIG: path.join(cwd, "pyexec.yaml") } }
}

const slowScript = "import time\ntime.sleep(30)\nresults = {}\n"

const expectOneLine = (result: { code: number; stderr: string }, pattern: RegExp) => {
  expect(result.code).toBe(3)
  const lines = errorLines(result.stderr)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
}

/** `config check`'s row of a setting: its value and where it came from. */
const row = (stdout: string, key: string) => {
  const line = stdout.split("\n").find((l) => l.startsWith(`${key} `))
  if (!line) throw new Error(`no row for ${key} in:\n${stdout}`)
  const [, value, from] = line.split(/ {2,}/)
  return { value, from }
}

describe("pyexec.yaml", () => {
  it("its settings take effect: home (relative to the file), the time limit", async () => {
    const { cwd, env } = configured("config-file", "home: ./state\nlimits:\n  timeoutSeconds: 1\n")
    fs.writeFileSync(path.join(cwd, "slow.py"), slowScript)
    const other = tempDir("config-elsewhere")
    const slow = await pyexec(["exec", path.join(cwd, "slow.py"), "--json"], { cwd: other, env })
    expect(slow.code).toBe(1)
    const out = JSON.parse(slow.stdout)
    expect(out.outcome.reason).toBe("timeout")
    expect(out.notebook.startsWith(path.join(cwd, "state/runs/"))).toBe(true)
    expect(fs.existsSync(path.join(other, ".pyexec"))).toBe(false)
  })

  it("--config names the file as PYEXEC_CONFIG does", async () => {
    const { cwd, file } = configured("config-flag", "home: ./state\n")
    const result = await pyexec(["--config", file, "exec", "ok.py", "--json"], { cwd })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).notebook.startsWith(path.join(cwd, "state/runs/"))).toBe(true)
  })

  it("environment variables override it, setting by setting", async () => {
    const { cwd, env } = configured("config-env", "home: ./state\nclient:\n  user: carol\nlimits:\n  timeoutSeconds: 1\n")
    fs.writeFileSync(path.join(cwd, "slow.py"), slowScript)
    const overridden = { ...env, PYEXEC_HOME: path.join(cwd, "from-env"), PYEXEC_USER: "dave" }
    const result = await pyexec(["exec", "slow.py", "--json"], { cwd, env: overridden })
    const out = JSON.parse(result.stdout)
    expect(out.outcome.reason).toBe("timeout")
    expect(out.notebook.startsWith(path.join(cwd, "from-env/runs/"))).toBe(true)
    expect(fs.existsSync(path.join(cwd, "state"))).toBe(false)
    const [run] = JSON.parse((await pyexec(["runs", "--json"], { cwd, env: overridden })).stdout)
    expect(run.requester).toBe("dave")
  })
})

describe("pyexec serve configured by the file alone", () => {
  it("takes its home, executor, API tokens and log format from it", async () => {
    const token = "s3rv3r-t0ken-from-a-file"
    const { cwd, env } = configured(
      "config-serve",
      "home: ./state\nexecutor:\n  kind: local\nserver:\n  apiTokensFile: tokens\nlog:\n  format: json\n"
    )
    fs.writeFileSync(path.join(cwd, "tokens"), `ops:admin:${token}\n`)
    const server = await startServer(env, tempDir("config-serve-cwd"))
    try {
      const [first] = server.log().trim().split("\n")
      expect(JSON.parse(first!)).toMatchObject({ level: "info", message: `serving on ${server.url}` })
      expect((await client(server.url, token).get("/api/runs")).status).toBe(200)
      expect((await client(server.url, "not-the-token-0000").get("/api/runs")).status).toBe(401)
      expect(fs.existsSync(path.join(cwd, "state/db"))).toBe(true)
    } finally {
      await server.stop()
    }
  })
})

describe("secrets as files", () => {
  let db: PostgresDatabase.TestDatabase
  beforeAll(async () => {
    db = await PostgresDatabase.create()
  })
  afterAll(async () => {
    await db.drop()
  })

  it("the database URL from { file } in pyexec.yaml and from PYEXEC_DATABASE_URL_FILE, trailing newline trimmed", async () => {
    const { cwd, env } = configured("config-secret", "home: ./state\ndatabase:\n  url: { file: database-url }\n")
    fs.writeFileSync(path.join(cwd, "database-url"), `${db.url}\n`)
    const result = await pyexec(["exec", "ok.py", "--json"], { cwd, env })
    expect(result.code).toBe(0)
    const { runId } = JSON.parse(result.stdout)
    expect(fs.existsSync(path.join(cwd, "state/db"))).toBe(false)

    const secrets = tempDir("config-secrets")
    fs.writeFileSync(path.join(secrets, "url"), `${db.url}\n`)
    const other = tempDir("config-secret-env")
    const listed = await pyexec(["runs", "--json"], { cwd: other, env: { PYEXEC_DATABASE_URL_FILE: path.join(secrets, "url") } })
    expect(JSON.parse(listed.stdout).map((r: { id: string }) => r.id)).toEqual([runId])
    expect(fs.existsSync(path.join(other, ".pyexec/db"))).toBe(false)
  })

  it("a secret given directly and as a file at once is an error", async () => {
    const cwd = tempDir("config-both")
    expectOneLine(
      await pyexec(["runs"], { cwd, env: { PYEXEC_DATABASE_URL: db.url, PYEXEC_DATABASE_URL_FILE: "/run/secrets/db" } }),
      /^pyexec: PYEXEC_DATABASE_URL and PYEXEC_DATABASE_URL_FILE are both set: give the secret one way, unset one of them$/
    )
    const { cwd: inFile, env } = configured("config-both-file", "slack:\n  botToken: { file: /run/secrets/bot, value: xoxb-1 }\n")
    expectOneLine(await pyexec(["runs"], { cwd: inFile, env }), /^pyexec: \S+pyexec\.yaml: slack\.botToken: expected text or \{ file: PATH \}$/)
  })

  it("a secret file that cannot be read names the variable or key and the path", async () => {
    const cwd = tempDir("config-unreadable")
    const missing = path.join(cwd, "no-such-secret")
    expectOneLine(
      await pyexec(["runs"], { cwd, env: { SLACK_BOT_TOKEN_FILE: missing } }),
      new RegExp(`^pyexec: SLACK_BOT_TOKEN_FILE: the secret file ${missing} cannot be read \\(ENOENT\\)$`)
    )
    const { cwd: inFile, env } = configured("config-unreadable-file", "model:\n  openai:\n    apiKey: { file: missing-key }\n")
    expectOneLine(
      await pyexec(["runs"], { cwd: inFile, env }),
      new RegExp(`^pyexec: ${inFile}/pyexec\\.yaml: model\\.openai\\.apiKey: the secret file ${inFile}/missing-key cannot be read \\(ENOENT\\)$`)
    )
  })
})

describe("a configuration file with a mistake", () => {
  it("an unknown key names the nearest known one", async () => {
    const { cwd, env } = configured("config-unknown", "worker:\n  concurency: 2\n")
    expectOneLine(await pyexec(["runs"], { cwd, env }), /^pyexec: \S+pyexec\.yaml: unknown key worker\.concurency \(did you mean worker\.concurrency\?\)$/)
    const misplaced = configured("config-misplaced", "timeoutSeconds: 5\n")
    expectOneLine(await pyexec(["runs"], { cwd: misplaced.cwd, env: misplaced.env }), /unknown key timeoutSeconds \(did you mean limits\.timeoutSeconds\?\)$/)
  })

  it("a wrong type names the key and what was expected; a secret's value is never shown", async () => {
    const { cwd, env } = configured("config-type", "worker:\n  pollMs: fast\n")
    expectOneLine(await pyexec(["runs"], { cwd, env }), /^pyexec: \S+pyexec\.yaml: worker\.pollMs: expected a number, got "fast"$/)
    const secret = configured("config-secret-type", "slack:\n  signingSecret: 80215690\n")
    const result = await pyexec(["runs"], { cwd: secret.cwd, env: secret.env })
    expectOneLine(result, /slack\.signingSecret: expected text or \{ file: PATH \}$/)
    expect(result.stderr).not.toContain("80215690")
  })

  it("every problem at once", async () => {
    const { cwd, env } = configured("config-many", "home: 3\npolicy:\n  mode: strict\nslak: {}\n")
    const result = await pyexec(["runs"], { cwd, env })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain("3 problems in the configuration")
    expect(result.stderr).toContain('home: expected a path, got 3')
    expect(result.stderr).toContain('policy.mode: expected one of disabled, epics_writes, all_code, got "strict"')
    expect(result.stderr).toContain("unknown key slak (did you mean slack?)")
  })

  it("a value the code refuses names the file's key as well as the variable", async () => {
    const { cwd, env } = configured("config-range", "policy:\n  maxAttempts: 50\n")
    expectOneLine(await pyexec(["exec", "ok.py"], { cwd, env }), /PYEXEC_MAX_ATTEMPTS: "must be between 1 and 10 \(policy\.maxAttempts in \S+pyexec\.yaml\)"$/)
  })

  it("a missing file is one line that says what to do", async () => {
    const cwd = tempDir("config-missing")
    expectOneLine(
      await pyexec(["runs"], { cwd, env: { PYEXEC_CONFIG: "/etc/pyexec/nope.yaml" } }),
      /^pyexec: the configuration file \/etc\/pyexec\/nope\.yaml \(PYEXEC_CONFIG\) does not exist: write it \(deploy\/pyexec\.example\.yaml is one to start from\) or name another$/
    )
  })

  it("YAML that does not parse", async () => {
    const { cwd, env } = configured("config-yaml", "worker:\n  concurrency: 2\n   pollMs: 5\n")
    expectOneLine(await pyexec(["runs"], { cwd, env }), /^pyexec: \S+pyexec\.yaml: not valid YAML: Nested mappings are not allowed in compact mappings at line 2, column \d+$/)
  })
})

describe("pyexec config check", () => {
  it("prints the effective configuration: each value and where it came from, secrets redacted", async () => {
    const { cwd, file } = configured("config-check", "home: ./state\nworker:\n  concurrency: 2\ndatabase:\n  url: { file: db-url }\nslack:\n  approvers: [U012AB, S034CD]\n")
    fs.writeFileSync(path.join(cwd, "db-url"), "postgres://pyexec:hunter2-secret@db/pyexec\n")
    const result = await pyexec(["config", "check", file], { cwd, env: { PYEXEC_WORKER_POLL_MS: "250", PYEXEC_OPENAI_API_KEY: "sk-from-env-secret" } })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`${file}: valid`)
    expect(row(result.stdout, "home")).toEqual({ value: path.join(cwd, "state"), from: "file" })
    expect(row(result.stdout, "worker.concurrency")).toEqual({ value: "2", from: "file" })
    expect(row(result.stdout, "worker.pollMs")).toEqual({ value: "250", from: "env PYEXEC_WORKER_POLL_MS" })
    expect(row(result.stdout, "worker.leaseSeconds")).toEqual({ value: "30", from: "default" })
    expect(row(result.stdout, "slack.approvers")).toEqual({ value: "U012AB,S034CD", from: "file" })
    expect(row(result.stdout, "database.url")).toEqual({ value: "<redacted>", from: `file (secret file ${path.join(cwd, "db-url")})` })
    expect(row(result.stdout, "model.openai.apiKey")).toEqual({ value: "<redacted>", from: "env PYEXEC_OPENAI_API_KEY" })
    expect(row(result.stdout, "slack.botToken")).toEqual({ value: "-", from: "not set" })
    expect(result.stdout).not.toMatch(/hunter2|sk-from-env/)
  })

  it("checks the file PYEXEC_CONFIG names when no FILE is given, and a secret from <VAR>_FILE", async () => {
    const { cwd, env } = configured("config-check-env", "model:\n  name: llama3\n")
    fs.writeFileSync(path.join(cwd, "token"), "xoxb-secret-token\n")
    const result = await pyexec(["config", "check"], { cwd, env: { ...env, SLACK_BOT_TOKEN_FILE: path.join(cwd, "token") } })
    expect(result.code).toBe(0)
    expect(row(result.stdout, "model.name")).toEqual({ value: "llama3", from: "file" })
    expect(row(result.stdout, "slack.botToken")).toEqual({ value: "<redacted>", from: `env SLACK_BOT_TOKEN_FILE (secret file ${path.join(cwd, "token")})` })
    expect(result.stdout).not.toContain("xoxb-secret-token")
  })

  it("checks a fixed file, and shows help, while PYEXEC_CONFIG names a broken one", async () => {
    const broken = configured("config-check-broken", "worker:\n  concurrency: many\n")
    const fixed = configured("config-check-fixed", "worker:\n  concurrency: 2\n")
    const checked = await pyexec(["config", "check", fixed.file], { cwd: broken.cwd, env: broken.env })
    expect(checked.code, checked.stderr).toBe(0)
    expect(row(checked.stdout, "worker.concurrency")).toEqual({ value: "2", from: "file" })
    const help = await pyexec(["runs", "--help"], { cwd: broken.cwd, env: broken.env })
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toContain("runs")
    // every other command still refuses the broken file
    expect((await pyexec(["runs"], { cwd: broken.cwd, env: broken.env })).stderr).toContain('worker.concurrency: expected an integer, got "many"')
  })

  it("exits non-zero with every problem of an invalid file", async () => {
    const { cwd, file } = configured("config-check-bad", "worker:\n  concurrency: many\n  pol: 5\n")
    const result = await pyexec(["config", "check", file], { cwd })
    expect(result.code).toBe(3)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain('worker.concurrency: expected an integer, got "many"')
    expect(result.stderr).toContain("unknown key worker.pol (did you mean worker.pollMs?)")
  })
})

/** Every name in double quotes that looks like one of pyexec's variables, in the sources. */
const variablesReadByTheCode = () => {
  const sources = ["apps/server/src", ...fs.readdirSync(path.join(repoRoot, "packages")).map((p) => `packages/${p}/src`)]
  const files = sources.flatMap((dir) =>
    fs.existsSync(path.join(repoRoot, dir)) ? fs.readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: "utf8" }).map((f) => path.join(repoRoot, dir, f)) : []
  )
  const names = files
    .filter((f) => f.endsWith(".ts") && !f.includes(`${path.sep}config${path.sep}`))
    .flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/"((?:PYEXEC|SLACK|OLLAMA|OTEL)_[A-Z_]+)"/g)].map((m) => m[1]!))
  return new Set(names)
}

describe("the table of settings", () => {
  it("holds every variable the code reads, and only those", () => {
    const inTable = new Set(settings.map((s) => s.env))
    const read = variablesReadByTheCode()
    expect([...read].filter((name) => !inTable.has(name))).toEqual([])
    expect([...inTable].filter((name) => !read.has(name))).toEqual([])
  })

  it("gives each setting one key and one variable, and no variable the name of another's _FILE", () => {
    expect(new Set(settings.map((s) => s.key)).size).toBe(settings.length)
    expect(new Set(settings.map((s) => s.env)).size).toBe(settings.length)
    const fileVariables = settings.flatMap((s) => secretFileVariable(s) ?? [])
    expect(fileVariables.filter((v) => settings.some((s) => s.env === v))).toEqual([])
  })

  it("README's table gives every variable its key in the file, and marks the secrets", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8")
    const missing = settings.filter((s) => !readme.includes(`| \`${s.env}\` | \`${s.key}\`${s.secret ? " (secret)" : ""} |`))
    expect(missing.map((s) => s.env)).toEqual([])
  })

  it.effect("deploy/pyexec.example.yaml is a valid configuration file", () =>
    Effect.gen(function* () {
      const file = yield* SettingsFile.load({ file: path.join(repoRoot, "deploy/pyexec.example.yaml"), by: "test" })
      expect(file.values.get("PYEXEC_HOME")).toEqual({ text: "/var/lib/pyexec" })
      expect(file.values.get("SLACK_BOT_TOKEN")).toEqual({ secretFile: "/run/secrets/slack_bot_token" })
    })
  )
})
