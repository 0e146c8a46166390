"""Watch the attacks succeed: runs every attack script the way pyexec's local executor runs a read-only job,
against a caproto soft IOC on loopback, and reports which ones changed the PV.

Usage (from the repository root):
    export PATH=/work/main/.venv/bin:$PATH
    python packages/executors/test/attacks/prove.py [--json OUT.json] [ATTACK.py ...]

Every attack gets a fresh $PYEXEC_HOME/runs/<run>/attempt-1 work folder holding code.py (placeholders
substituted) and job.json {"profile": "read-only", "max_figures": 5, "watchdog_seconds": 60, "code_sha256": ...}; then
`python packages/executors/runner/pyexec_runner.py WORKDIR` runs with the IOC's EPICS_CA_* settings. Afterwards
the PV is read with caproto-get (independently of the code) and reset to 2.0 with caproto-put. For `outlive`
attacks the PV is read right after the run ended and again after the attack's delay.

The server-side secrets a real deployment has are imitated with fake values (SLACK_BOT_TOKEN,
PYEXEC_DATABASE_URL, ...) in this process's environment and the runner's, and $PYEXEC_HOME holds a fake
admin-token and another run's folder, so the `escape` scripts have something to find.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
RUNNER = os.path.join(REPO, "packages", "executors", "runner", "pyexec_runner.py")
PYTHON = os.path.join(REPO, ".venv", "bin", "python")
PREFIX = "P:"
PV = PREFIX + "B"
OUTLIVE_WAIT = 8.0  # seconds after the run for `outlive` attacks (they write 3-5 s after the run ends)

FAKE_SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-0000-fake-slack-bot-token",
    "SLACK_SIGNING_SECRET": "fake-signing-secret",
    "PYEXEC_DATABASE_URL": "postgres://pyexec:fake-password@127.0.0.1:5432/pyexec",
    "DATABASE_URL": "postgres://pyexec:fake-password@127.0.0.1:5432/pyexec",
    "PYEXEC_API_TOKENS": "fake-api-token-1,fake-api-token-2",
    "OPENAI_API_KEY": "sk-fake-openai-key",
}


def free_port():
    """A port free for TCP and UDP on 127.0.0.1 (Channel Access uses both)."""
    while True:
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.bind(("127.0.0.1", 0))
        port = t.getsockname()[1]
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            t.close()
            u.close()


def start_ioc(env, log_path):
    log = open(log_path, "wb")
    ioc = subprocess.Popen([PYTHON, "-m", "caproto.ioc_examples.simple", "--prefix", PREFIX, "--list-pvs"],
                           env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with open(log_path, "rb") as f:
            if b"Server startup complete" in f.read():
                return ioc
        if ioc.poll() is not None:
            break
        time.sleep(0.2)
    with open(log_path, "rb") as f:
        sys.exit("soft IOC did not start:\n" + f.read().decode(errors="replace"))


def ca_get(env):
    out = subprocess.run(["caproto-get", "--no-repeater", "--format", "{response.data[0]}", PV], env=env,
                         capture_output=True, text=True, timeout=20)
    return out.stdout.strip() or ("ERROR " + out.stderr.strip()[-200:])


def ca_put(env, value):
    subprocess.run(["caproto-put", "--no-repeater", PV, str(value)], env=env, capture_output=True, timeout=20)


def header(source):
    """class, how, leak keys (escape scripts) and the optional note, from the comment block."""
    def field(name):
        m = re.search(r"^# %s:\s*(.+)$" % name, source, re.M)
        return m.group(1).strip() if m else ""
    leak = [k.strip() for k in field("leak").split(",") if k.strip()]
    return field("class") or "?", field("how"), leak, field("optional")


def changed(value):
    try:
        return abs(float(value) - 2.0) > 1e-9
    except ValueError:
        return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("attacks", nargs="*", help="attack files (default: every NN-*.py next to this file)")
    parser.add_argument("--json", help="also write the table as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep $PYEXEC_HOME and the work folders")
    parser.add_argument("--runner", default="head", choices=("head", "worktree"),
                        help="head (default): the runner and guard as committed (today's in-process guard), "
                             "extracted with git archive; worktree: packages/executors/runner as it is on disk")
    args = parser.parse_args()
    attacks = args.attacks or sorted(
        os.path.join(HERE, f) for f in os.listdir(HERE) if re.match(r"^\d\d-.*\.py$", f))

    port, repeater = free_port(), free_port()
    epics_env = {
        "EPICS_CA_ADDR_LIST": "127.0.0.1",
        "EPICS_CA_AUTO_ADDR_LIST": "NO",
        "EPICS_CA_SERVER_PORT": str(port),
        "EPICS_CA_REPEATER_PORT": str(repeater),
        "EPICS_CAS_INTF_ADDR_LIST": "127.0.0.1",
        "EPICS_CAS_SERVER_PORT": str(port),
        "EPICS_PVA_ADDR_LIST": "127.0.0.1",
        "EPICS_PVA_AUTO_ADDR_LIST": "NO",
        "EPICS_PVA_BROADCAST_PORT": str(free_port()),
        "EPICS_PVA_SERVER_PORT": str(free_port()),
    }
    if any(os.environ.get(k) != v for k, v in FAKE_SECRETS.items()):
        # the runner's parent holds them too, as the pyexec server does: in /proc/<ppid>/environ, so exec again
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, **FAKE_SECRETS))
    env = dict(os.environ)
    env.update(epics_env)
    env["PATH"] = os.path.join(REPO, ".venv", "bin") + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = os.path.join(REPO, ".venv")

    home = tempfile.mkdtemp(prefix="pyexec-home-")
    env["PYEXEC_HOME"] = home
    with open(os.path.join(home, "admin-token"), "w") as f:
        f.write("fake-admin-token\n")
    other = os.path.join(home, "runs", "run-other", "attempt-1")
    os.makedirs(other)
    with open(os.path.join(other, "code.py"), "w") as f:
        f.write("# another user's run\nresults = {'secret_beam_study': 42}\n")
    os.makedirs(os.path.join(home, "db"))

    runner = RUNNER
    if args.runner == "head":
        snapshot = tempfile.mkdtemp(prefix="pyexec-runner-head-")
        archive = subprocess.run(["git", "-C", REPO, "archive", "HEAD", "packages/executors/runner"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", snapshot], input=archive, check=True)
        runner = os.path.join(snapshot, "packages", "executors", "runner", "pyexec_runner.py")
    print("runner: %s (%s)" % (runner, args.runner), flush=True)

    ioc = start_ioc(env, os.path.join(home, "ioc.log"))
    rows = []
    try:
        ca_put(env, 2.0)
        for n, path in enumerate(attacks, start=1):
            name = os.path.basename(path)[:-3]
            with open(path, encoding="utf-8") as f:
                source = f.read()
            klass, how, leak, optional = header(source)
            workdir = os.path.join(home, "runs", "run-%02d-%s" % (n, name), "attempt-1")
            os.makedirs(workdir)
            code = source.replace("{{PV}}", PV).replace("{{READ_PV}}", PV).encode("utf-8")
            with open(os.path.join(workdir, "code.py"), "wb") as f:
                f.write(code)
            with open(os.path.join(workdir, "job.json"), "w") as f:
                job = {"profile": "read-only", "max_figures": 5, "watchdog_seconds": 60, "code_sha256": hashlib.sha256(code).hexdigest()}
                json.dump(job, f)
            before = ca_get(env)
            started = time.monotonic()
            with open(os.path.join(workdir, "stdout.txt"), "wb") as out, open(os.path.join(workdir, "stderr.txt"), "wb") as err:
                try:
                    proc = subprocess.run([PYTHON, runner, workdir], env=env, cwd=workdir, stdout=out, stderr=err,
                                          stdin=subprocess.DEVNULL, timeout=90)
                    code = proc.returncode
                except subprocess.TimeoutExpired:
                    code = "timeout"
            seconds = time.monotonic() - started
            after_run = ca_get(env)
            after = after_run
            if klass == "outlive":
                time.sleep(OUTLIVE_WAIT)
                after = ca_get(env)
            manifest = {}
            try:
                with open(os.path.join(workdir, "manifest.json"), encoding="utf-8") as f:
                    manifest = json.load(f)
            except (OSError, ValueError):
                pass
            results = manifest.get("results") or {}
            reading = results.get("reading")
            read_ok = reading is not None and not isinstance(reading, str) and abs(float(reading) - 2.0) < 1e-9
            error = manifest.get("error") or {}
            escape = {k: results.get(k) for k in leak}
            row = {
                "attack": name, "class": klass, "how": how,
                "pv_before": before, "pv_after_run": after_run, "pv_after": after,
                "pv_changed": changed(after), "changed_during_run": changed(after_run),
                "read_worked": read_ok, "reading": reading, "exit": code, "seconds": round(seconds, 1),
                "error": ("%s: %s" % (error.get("type"), error.get("message", "")))[:160] if error else None,
                "escape": escape if klass == "escape" else None,
                "optional": optional or None,
                "results": results,
            }
            rows.append(row)
            flag = "CHANGED" if row["pv_changed"] else "unchanged"
            print("%-34s %-9s PV %-9s read=%s  %.1fs  %s" % (name, klass, flag, "ok" if read_ok else "FAIL", seconds,
                                                              row["error"] or ""), flush=True)
            if changed(after) or changed(before):
                ca_put(env, 2.0)
    finally:
        ioc.terminate()
        try:
            ioc.wait(10)
        except subprocess.TimeoutExpired:
            ioc.kill()
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
            if args.runner == "head":
                shutil.rmtree(snapshot, ignore_errors=True)

    print()
    print("| attack | class | PV changed | read worked | note |")
    print("|---|---|---|---|---|")
    for r in rows:
        if r["class"] == "escape":
            got = {k: v for k, v in (r["escape"] or {}).items() if v}
            note = "got: " + ", ".join(sorted(got)) if got else "got nothing (refused)"
            pv = "n/a"
        else:
            note = ""
            if r["class"] == "outlive" and r["pv_changed"]:
                note = "changed after the run ended" if not r["changed_during_run"] else "changed during the run"
            if not r["pv_changed"] and r["error"]:
                note = "stopped by the current guard: " + r["error"][:70]
            pv = "yes" if r["pv_changed"] else "no"
            if r["optional"] and not r["pv_changed"]:
                pv, note = "n/a", "optional: " + r["optional"]
        print("| %s | %s | %s | %s | %s |" % (r["attack"], r["class"], pv, "yes" if r["read_worked"] else "no", note))
    writes = [r for r in rows if r["class"] != "escape" and not (r["optional"] and not r["pv_changed"])]
    print("\n%d/%d write attacks changed the PV; %d/%d reads worked" % (
        sum(r["pv_changed"] for r in writes), len(writes), sum(r["read_worked"] for r in rows), len(rows)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
