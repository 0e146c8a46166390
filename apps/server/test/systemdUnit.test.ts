import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

// deploy/systemd/: systemd's own verifier reads the unit (and the ssh drop-in) with /opt/pyexec pointing at this
// checkout, whose .venv/bin/pyexec scripts/setup made; it prints nothing for a unit it accepts.
const repo = path.resolve(import.meta.dirname, "../../..")
const unit = (name: string) => fs.readFileSync(path.join(repo, "deploy/systemd", name), "utf8").replaceAll("/opt/pyexec", repo)

const verify = (dropIn?: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-unit-"))
  fs.writeFileSync(path.join(dir, "pyexec.service"), unit("pyexec.service"))
  if (dropIn) {
    fs.mkdirSync(path.join(dir, "pyexec.service.d"))
    fs.writeFileSync(path.join(dir, "pyexec.service.d", dropIn), unit(dropIn))
  }
  try {
    return execFileSync("systemd-analyze", ["verify", "--man=no", path.join(dir, "pyexec.service")], {
      env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:` },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"]
    })
  } catch (e) {
    return `${(e as { stderr?: string }).stderr ?? e}`
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

describe("the systemd unit", () => {
  it("passes systemd-analyze verify", () => {
    expect(verify()).toBe("")
  })

  it("passes with the ssh executor's unprivileged drop-in", () => {
    expect(verify("pyexec-ssh.conf")).toBe("")
  })

  it("keeps the hardening the README promises", () => {
    const text = unit("pyexec.service")
    for (const option of ["ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "SystemCallArchitectures=native", "RestrictAddressFamilies=", "CapabilityBoundingSet=", "LoadCredential=database_url"]) {
      expect(text).toContain(option)
    }
    expect(unit("pyexec-ssh.conf")).toMatch(/^NoNewPrivileges=yes$/m)
  })
})
