#!/usr/bin/python3 -I
"""pyexec-sandbox: runs one pyexec run on this SSH host inside the read-only boundary.

Run as root through sudo by the SSH user pyexec logs in as (one sudoers line allows exactly this command):

    pyexec-sandbox --check [--gateway NAME]
    pyexec-sandbox --profile read-only|write --timeout SECONDS --dir RUN_FOLDER [--gateway NAME]

RUN_FOLDER is the folder the SSH run script unpacked the job into (code.py, job.json, env.json and the runner in
.pyexec/); it must be the caller's (SUDO_UID), as must its parent (the work root). The run gets a user of its own,
a fresh 0700 folder with a copy of the job, a cgroup (memory and processes of the whole run, all killed at the
end), bubblewrap's view of the system (the system, the Python, its own folder, a private /tmp and /proc) and an
allow-listed environment; a read-only run lives in the network namespace of pyexec-host-gateway NAME, which
reaches only the read-only gateways. Afterwards manifest.json and the figures are copied back as regular files
(never through a link), with sandbox.json (whether the runner started, the writes the gateway refused), and the
status is the runner's. Nothing from the caller but the profile, the folder and the timeout reaches a command
line; the caller's files are read only if they are the caller's, and the caller's runner runs as the run's user.

Host settings: /etc/pyexec/host.json (root's), {"python": "/opt/pyexec/venv/bin/python", "maxMemoryMb": 4096,
"maxProcesses": 256, "maxTimeoutSeconds": 3600}. Standard library only.
"""
import argparse
import ctypes
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

CONFIG = "/etc/pyexec/host.json"
STATE_DIR = "/run/pyexec"
RUNS = "/var/lib/pyexec/runs"
CGROUP_ROOT = "/sys/fs/cgroup"
CGROUP_PARENT = "pyexec-ssh"
FIRST_UID, UID_COUNT = 2_100_100_000, 10_000
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RUNNER_FILES = ("pyexec_runner.py", "pyexec_guards.py", "pyexec_epics_writes.py", "pyexec_ledger.py")
MAX_INPUT = 40 << 20  # the code, the runner and up to 16 MiB of input files
INPUT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MAX_OUTPUT = 256 << 20
REFUSAL = re.compile(r"^pyexec-ca-gateway: refused \S+ to (\S+) from \S+ \(([^@)]*)@")
CLONE_NEWNET = 0x40000000
# exit statuses before the runner started (the code did not run); sandbox.json says why
BAD_USE, NOT_READY = 64, 78

# Runs inside the sandbox as root, with the host's Python: hides other users' processes, becomes the run's user
# for good, then starts the caller's runner with the profile's environment.
ENTRY = r"""
import ctypes, json, os, sys
uid, env_file, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
libc = ctypes.CDLL(None, use_errno=True)
flags = 32 | 2 | 4 | 8  # MS_REMOUNT | MS_NOSUID | MS_NODEV | MS_NOEXEC
if libc.mount(b"proc", b"/proc", b"proc", flags, b"hidepid=invisible") and libc.mount(b"proc", b"/proc", b"proc", flags, b"hidepid=2"):
    sys.exit("pyexec-sandbox: cannot hide other processes: " + os.strerror(ctypes.get_errno()))
with open(env_file) as f:
    env = json.load(f)
os.unlink(env_file)
if libc.prctl(38, 1, 0, 0, 0):  # PR_SET_NO_NEW_PRIVS
    sys.exit("pyexec-sandbox: no_new_privs refused")
os.setgroups([])
os.setresgid(uid, uid, uid)
os.setresuid(uid, uid, uid)
if os.getresuid() != (uid, uid, uid) or os.getresgid() != (uid, uid, uid) or os.getgroups():
    sys.exit("pyexec-sandbox: the user did not change")
os.environ.update(env)
os.execv(argv[0], argv)
"""


class NotReady(Exception):
    """The boundary cannot be built: the code does not run."""


def say(message):
    print(f"pyexec-sandbox: {message}", file=sys.stderr, flush=True)


def root_json(path, what):
    """A JSON file only root can have written."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as error:
        raise NotReady(f"{what} {path}: {error.strerror}")
    with os.fdopen(fd) as f:
        st = os.fstat(f.fileno())
        if st.st_uid != 0 or st.st_mode & 0o022:
            raise NotReady(f"{what} {path} must be root's and not writable by others")
        return json.load(f)


def host_config():
    config = root_json(CONFIG, "the host's pyexec settings")
    python = config.get("python")
    if not isinstance(python, str) or not os.path.isabs(python) or not os.access(python, os.X_OK):
        raise NotReady(f"{CONFIG}: 'python' must be the absolute path of the Python runs use")
    return {
        "python": python,
        "memory": int(config.get("maxMemoryMb", 4096)) << 20,
        "processes": int(config.get("maxProcesses", 256)),
        "timeout": float(config.get("maxTimeoutSeconds", 3600)),
    }


def gateway(name):
    """The namespace and client settings pyexec-host-gateway published, if it still runs."""
    state = root_json(os.path.join(STATE_DIR, f"gateway-{name}.json"), "the read-only gateway's state (is pyexec-gateway running?)")
    netns = state.get("netns", "")
    if not re.match(r"^/proc/\d+/fd/\d+$", netns):
        raise NotReady("the read-only gateway's state names no namespace")
    try:
        current = os.readlink(netns)
    except OSError:
        current = None
    if current != state.get("netnsId") or current == os.readlink("/proc/self/ns/net"):
        raise NotReady(f"the read-only gateway '{name}' is not running (its namespace is gone): start pyexec-gateway")
    env = state.get("clientEnv") or {}
    return netns, {k: str(v) for k, v in env.items() if ENV_NAME.match(k)}, state.get("log")


def tools():
    found = {name: shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin") for name in ("bwrap",)}
    missing = [name for name, where in found.items() if not where]
    if missing:
        raise NotReady(f"{', '.join(missing)} is not installed: apt-get install bubblewrap")
    return found


# --- cgroups: v2, or v1's memory, pids and freezer ---------------------------------------------------------

def cgroup_layout():
    if os.path.exists(os.path.join(CGROUP_ROOT, "cgroup.controllers")):
        with open(os.path.join(CGROUP_ROOT, "cgroup.controllers")) as f:
            if {"memory", "pids"} <= set(f.read().split()):
                return 2
    elif all(os.path.exists(os.path.join(CGROUP_ROOT, c, "cgroup.procs")) for c in ("memory", "pids", "freezer")):
        return 1
    raise NotReady("no cgroup hierarchy with the memory and pids controllers (cgroup v2, or v1 memory+pids+freezer)")


def write(path, value):
    with open(path, "w") as f:
        f.write(value)


class Cgroup:
    def __init__(self, name, memory, processes):
        self.version = cgroup_layout()
        if self.version == 2:
            parent = os.path.join(CGROUP_ROOT, CGROUP_PARENT)
            os.makedirs(parent, exist_ok=True)
            for d in (CGROUP_ROOT, parent):
                try:
                    write(os.path.join(d, "cgroup.subtree_control"), "+memory +pids")
                except OSError:
                    pass
            self.dirs = [os.path.join(parent, name)]
            os.mkdir(self.dirs[0])
            write(os.path.join(self.dirs[0], "memory.max"), str(memory))
            if os.path.exists(os.path.join(self.dirs[0], "memory.swap.max")):
                write(os.path.join(self.dirs[0], "memory.swap.max"), "0")
            write(os.path.join(self.dirs[0], "pids.max"), str(processes))
        else:
            self.dirs = [os.path.join(CGROUP_ROOT, c, CGROUP_PARENT, name) for c in ("memory", "pids", "freezer")]
            for d in self.dirs:
                os.makedirs(d)
            write(os.path.join(self.dirs[0], "memory.limit_in_bytes"), str(memory))
            if os.path.exists(os.path.join(self.dirs[0], "memory.memsw.limit_in_bytes")):
                write(os.path.join(self.dirs[0], "memory.memsw.limit_in_bytes"), str(memory))
            write(os.path.join(self.dirs[1], "pids.max"), str(processes))
        self.procs = [os.path.join(d, "cgroup.procs") for d in self.dirs]

    def join(self):
        for procs in self.procs:
            write(procs, "0")

    def pids(self):
        try:
            with open(self.procs[-1]) as f:
                return [int(p) for p in f.read().split()]
        except OSError:
            return []

    def kill(self):
        d = self.dirs[-1]
        if self.version == 2 and os.path.exists(os.path.join(d, "cgroup.kill")):
            write(os.path.join(d, "cgroup.kill"), "1")
        else:
            # frozen, nothing can fork while the list is read and killed
            state, frozen, thawed = ("cgroup.freeze", "1", "0") if self.version == 2 else ("freezer.state", "FROZEN", "THAWED")
            write(os.path.join(d, state), frozen)
            self._signal()
            write(os.path.join(d, state), thawed)
        for i in range(250):
            if not self.pids():
                return
            if i % 10 == 9:
                self._signal()
            time.sleep(0.02)
        raise NotReady(f"processes are left in {d} after they were killed")

    def _signal(self):
        for pid in self.pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def remove(self):
        try:
            self.kill()
        finally:
            for d in self.dirs:
                for _ in range(50):
                    try:
                        os.rmdir(d)
                        break
                    except FileNotFoundError:
                        break
                    except OSError:
                        time.sleep(0.02)


# --- the caller's folder: read and written through descriptors, never through a link ---------------------

def open_dir(path, dir_fd=None):
    return os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)


def read_owned(name, dir_fd, owner, budget):
    """A regular file of the caller's, or None if it is missing."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not os.path.stat.S_ISREG(st.st_mode) or st.st_uid != owner:
            raise ValueError(f"{name} is not a regular file of the caller's")
        if st.st_size > budget[0]:
            raise ValueError(f"{name} is too large")
        budget[0] -= st.st_size
        return f.read()


def create_for(name, data, dir_fd, owner):
    """A new file in the caller's folder, the caller's; an existing name (or a link there) is left alone."""
    try:
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=dir_fd)
    except OSError:
        return False
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        os.fchown(f.fileno(), owner, -1)
    return True


def replace_for(name, data, dir_fd, owner):
    tmp = f".{name}.{os.getpid()}"
    if create_for(tmp, data, dir_fd, owner):
        os.rename(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)


def caller_folder(path, owner):
    if not os.path.isabs(path) or os.path.normpath(path) != path or path == "/":
        raise ValueError("--dir must be a normalized absolute path")
    parent = open_dir(os.path.dirname(path))
    try:
        if os.fstat(parent).st_uid != owner:
            raise ValueError("--dir must be in a work root of the caller's")
        fd = open_dir(os.path.basename(path), dir_fd=parent)
    finally:
        os.close(parent)
    st = os.fstat(fd)
    if st.st_uid != owner or st.st_mode & 0o022:
        os.close(fd)
        raise ValueError("--dir must be the caller's and not writable by others")
    return fd


def read_job(dir_fd, owner):
    budget = [MAX_INPUT]
    code = read_owned("code.py", dir_fd, owner, budget)
    job = json.loads(read_owned("job.json", dir_fd, owner, budget) or b"{}")
    env = json.loads(read_owned("env.json", dir_fd, owner, budget) or b"{}")
    if code is None or not isinstance(job, dict) or not isinstance(env, dict):
        raise ValueError("the folder holds no job (code.py, job.json as an object, env.json as an object)")
    if not all(isinstance(k, str) and ENV_NAME.match(k) and isinstance(v, str) and "\0" not in v for k, v in env.items()):
        raise ValueError("env.json: names a shell can take, string values")
    runner_fd = open_dir(".pyexec", dir_fd=dir_fd)
    try:
        if os.fstat(runner_fd).st_uid != owner:
            raise ValueError(".pyexec is not the caller's")
        runner = {name: read_owned(name, runner_fd, owner, budget) for name in RUNNER_FILES}
    finally:
        os.close(runner_fd)
    if runner["pyexec_runner.py"] is None:
        raise ValueError("the folder holds no runner (.pyexec/pyexec_runner.py)")
    inputs = {}
    for name in job.get("input_files") or {}:
        # plain names only (core's InputFiles.ts): the runner checks each file's SHA-256 before the code runs
        if not isinstance(name, str) or not INPUT_NAME.match(name) or name in ("code.py", "job.json", "env.json"):
            raise ValueError("job.json: an input file's name must be a plain file name")
        inputs[name] = read_owned(name, dir_fd, owner, budget)
        if inputs[name] is None:
            raise ValueError(f"the input file {name} is missing")
    return code, job, env, runner, inputs


# --- run users -----------------------------------------------------------------------------------------------

def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def take_uid():
    """A run user no other run of this host holds: a lock file per uid, with the holder's pid."""
    locks = os.path.join(STATE_DIR, "uids")
    os.makedirs(locks, mode=0o700, exist_ok=True)
    start = random.randrange(UID_COUNT)
    for i in range(UID_COUNT):
        uid = FIRST_UID + (start + i) % UID_COUNT
        path = os.path.join(locks, str(uid))
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            try:
                with open(path) as f:
                    holder = int(f.read() or 0)
            except (OSError, ValueError):
                continue
            if holder and not alive(holder):
                os.unlink(path)
            continue
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        return uid, path
    raise NotReady("all run users are in use")


# --- refusals: which writes the gateway refused this run ----------------------------------------------------

class Refusals:
    """A refusal belongs to this run when it carries the run's name, or when no other read-only run was active."""

    def __init__(self, log, client):
        self.log, self.client = log, client
        self.active = os.path.join(STATE_DIR, "active")
        os.makedirs(self.active, mode=0o700, exist_ok=True)
        others = [p for p in os.listdir(self.active) if p.isdigit() and alive(int(p))]
        self.overlapped = bool(others)
        self.mine = os.path.join(self.active, str(os.getpid()))
        open(self.mine, "w").close()
        self.fd = os.open(log, os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW) if log else None
        if self.fd is not None:
            self.offset = os.lseek(self.fd, 0, os.SEEK_END)
            os.write(self.fd, f"pyexec-sandbox: start {client}\n".encode())

    def refused(self):
        try:
            os.unlink(self.mine)
        except OSError:
            pass
        if self.fd is None:
            return []
        os.lseek(self.fd, self.offset, os.SEEK_SET)
        text = b""
        while chunk := os.read(self.fd, 1 << 16):
            text += chunk
        os.close(self.fd)
        found, overlapped = [], self.overlapped
        for line in text.decode(errors="replace").splitlines():
            if line.startswith("pyexec-sandbox: start ") and line != f"pyexec-sandbox: start {self.client}":
                overlapped = True
            m = REFUSAL.match(line)
            if m:
                found.append(m.groups())
        return sorted({pv for pv, client in found if client == self.client or not overlapped})


# --- the sandbox -------------------------------------------------------------------------------------------

SYSTEM_DIRS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


def python_dirs(python):
    script = ("import json, os, sys; print(json.dumps([sys.executable, sys.prefix, sys.base_prefix, sys.exec_prefix,"
              " sys.base_exec_prefix] + [p for p in sys.path if p and os.path.isdir(p)]))")
    out = subprocess.run([python, "-I", "-c", script], capture_output=True, text=True, timeout=20, env={"PATH": "/usr/bin:/bin"}, check=True)
    executable, *dirs = json.loads(out.stdout)
    found = {os.path.dirname(executable), os.path.dirname(os.path.realpath(executable))}
    found.update(dirs, (os.path.realpath(d) for d in dirs))
    ordered = sorted(found)
    return [d for i, d in enumerate(ordered) if not any(d.startswith(o + "/") for o in ordered[:i])]


def bwrap_argv(bwrap, read_only, run_dir):
    targets = [*read_only, run_dir]
    parents = set()
    for t in targets:
        d = os.path.dirname(t)
        while d != "/":
            parents.add(d)
            d = os.path.dirname(d)
    covered = lambda d: any(d == t or d.startswith(t + "/") for t in targets)  # noqa: E731
    argv = [bwrap, "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for d in sorted((p for p in parents if not covered(p)), key=lambda p: p.count("/")):
        argv += ["--perms", "0755", "--dir", d]
    for d in SYSTEM_DIRS:
        argv += ["--ro-bind-try", d, d]
    for d in read_only:
        argv += ["--ro-bind", d, d]
    argv += ["--bind", run_dir, run_dir, "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
             "--hostname", "pyexec-sandbox", "--clearenv", "--chdir", "/"]
    return argv


def setns(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        if ctypes.CDLL(None, use_errno=True).setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns")
    finally:
        os.close(fd)


def run(args, owner):
    config = host_config()
    bwrap = tools()["bwrap"]
    netns, gateway_env, log = gateway(args.gateway) if args.profile == "read-only" else (None, {}, None)
    dir_fd = caller_folder(args.dir, owner)
    try:
        code, job, env, runner, inputs = read_job(dir_fd, owner)
    except (ValueError, OSError) as error:
        os.close(dir_fd)
        raise ValueError(str(error))
    memory = max(64 << 20, min(int(job.get("max_memory_bytes") or config["memory"]), config["memory"]))
    processes = max(16, min(int(job.get("max_processes") or config["processes"]), config["processes"]))
    job.pop("uid", None)
    job.pop("cgroup_procs", None)  # the run joins its cgroup before it starts
    job.update(profile=args.profile, max_memory_bytes=memory, max_processes=processes)
    if args.profile == "read-only":
        env = {k: v for k, v in env.items() if k not in gateway_env}
    cleanup = []
    status = {"started": False}
    try:
        uid, lock = take_uid()
        cleanup.append(lambda: os.unlink(lock))
        cgroup = Cgroup(f"run-{os.getpid()}-{uid}", memory, processes)
        cleanup.append(cgroup.remove)
        os.makedirs(RUNS, mode=0o711, exist_ok=True)
        st = os.lstat(RUNS)
        if st.st_uid != 0 or st.st_mode & 0o022:
            raise NotReady(f"{RUNS} must be root's and not writable by others")
        run_dir = os.path.join(RUNS, os.urandom(8).hex())
        os.mkdir(run_dir, 0o700)
        cleanup.append(lambda: shutil.rmtree(run_dir, ignore_errors=True))
        os.chown(run_dir, uid, uid)
        files = {"code.py": (code, uid, 0o600), "job.json": (json.dumps(job).encode(), 0, 0o644), "env.json": (json.dumps(env).encode(), 0, 0o600)}
        os.mkdir(os.path.join(run_dir, ".pyexec"), 0o755)
        files.update({f".pyexec/{name}": (text, 0, 0o644) for name, text in runner.items() if text is not None})
        files.update({name: (data, 0, 0o644) for name, data in inputs.items()})
        for name, (data, file_owner, mode) in files.items():
            path = os.path.join(run_dir, name)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chown(path, file_owner, file_owner)
        client = f"pyexec-run-{uid}"
        python = config["python"]
        base = {"PATH": f"{os.path.dirname(python)}:/usr/local/bin:/usr/bin:/bin", "HOME": run_dir, "USER": client, "LOGNAME": client,
                "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", **gateway_env}
        argv = bwrap_argv(bwrap, ["/usr", "/etc", *python_dirs(python), *python_dirs(sys.executable)], run_dir)
        for k, v in base.items():
            argv += ["--setenv", k, v]
        argv += ["--", sys.executable, "-I", "-S", "-c", ENTRY, str(uid), os.path.join(run_dir, "env.json"),
                 python, os.path.join(run_dir, ".pyexec", "pyexec_runner.py"), run_dir]
        refusals = Refusals(log, client) if args.profile == "read-only" else None

        def enter():
            cgroup.join()
            if netns:
                setns(netns)

        replace_for("sandbox.json", json.dumps({"started": True}).encode(), dir_fd, owner)
        status["started"] = True
        exit_status = wait(subprocess.Popen(argv, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}, stdin=subprocess.DEVNULL, preexec_fn=enter), args.timeout)
        cgroup.kill()
        copy_back(run_dir, dir_fd, owner)
        status["refused"] = refusals.refused() if refusals else []
        return exit_status
    finally:
        for step in reversed(cleanup):
            try:
                step()
            except Exception as error:  # noqa: BLE001 (clean up the rest)
                say(f"cleaning up: {error}")
        if status["started"]:
            replace_for("sandbox.json", json.dumps(status).encode(), dir_fd, owner)
        os.close(dir_fd)


stop_wanted = []


def wait(proc, timeout):
    """The runner's status; the run is ended at its timeout, on SIGTERM/SIGHUP, or when the caller is gone."""
    parent, deadline = os.getppid(), time.monotonic() + timeout
    while proc.poll() is None:
        if stop_wanted or time.monotonic() > deadline or os.getppid() != parent:
            proc.kill()
            proc.wait()
            return 137
        time.sleep(0.1)
    return proc.returncode if proc.returncode >= 0 else 128 - proc.returncode


def copy_back(run_dir, dir_fd, owner):
    budget = [MAX_OUTPUT]
    run_fd = open_dir(run_dir)
    try:
        for name in ("manifest.json", "writes.jsonl"):
            data = read_regular(name, run_fd, budget)
            if data is not None:
                create_for(name, data, dir_fd, owner)
        try:
            figures_fd = open_dir("figures", dir_fd=run_fd)
        except OSError:
            return
        try:
            names = sorted(n for n in os.listdir(figures_fd) if re.match(r"^figure-\d+\.png$", n))
            if not names:
                return
            try:
                os.mkdir("figures", 0o700, dir_fd=dir_fd)
            except FileExistsError:
                pass
            out_fd = open_dir("figures", dir_fd=dir_fd)
            try:
                os.fchown(out_fd, owner, -1)
                for name in names:
                    data = read_regular(name, figures_fd, budget)
                    if data is not None:
                        create_for(name, data, out_fd, owner)
            finally:
                os.close(out_fd)
        finally:
            os.close(figures_fd)
    finally:
        os.close(run_fd)


def read_regular(name, dir_fd, budget):
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not os.path.stat.S_ISREG(st.st_mode) or st.st_size > budget[0]:
            return None
        budget[0] -= st.st_size
        return f.read()


def check(args):
    config = host_config()
    tools()
    cgroup_layout()
    _, env, _ = gateway(args.gateway)
    print(json.dumps({"ok": True, "python": config["python"], "gateway": args.gateway, "clientEnv": env}), flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], allow_abbrev=False)
    parser.add_argument("--check", action="store_true", help="answer whether this host can run a sandbox")
    parser.add_argument("--profile", choices=("read-only", "write"))
    parser.add_argument("--timeout", type=float)
    parser.add_argument("--dir")
    parser.add_argument("--gateway", default="default")
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, lambda *_: stop_wanted.append(True))
    try:
        args = parser.parse_args()
    except SystemExit:
        return BAD_USE
    os.umask(0o022)
    owner = os.environ.get("SUDO_UID", "")
    if os.geteuid() != 0 or not owner.isdigit():
        say("run it as root through sudo (sudo -n pyexec-sandbox ...)")
        return BAD_USE
    if not NAME.match(args.gateway):
        say("--gateway: lower-case letters, digits and '-', at most 32")
        return BAD_USE
    try:
        if args.check:
            return check(args)
        if not args.profile or not args.dir or args.timeout is None or not 0 < args.timeout <= host_config()["timeout"]:
            say("usage: pyexec-sandbox --profile read-only|write --timeout SECONDS (up to maxTimeoutSeconds) --dir RUN_FOLDER")
            return BAD_USE
        return run(args, int(owner))
    except ValueError as error:
        say(f"refused: {error}")
        return BAD_USE
    except (NotReady, OSError, subprocess.SubprocessError) as error:
        say(f"the boundary cannot be built on this host: {error}")
        return NOT_READY


if __name__ == "__main__":
    sys.exit(main())
