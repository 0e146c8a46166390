"""pyexec zygote: a warm Python that forks one child per run, so that a local run pays neither the
interpreter's start-up nor the imports analysis code makes (PYEXEC_PRELOAD, e.g. numpy,matplotlib.pyplot).

Protocol, JSON lines. Requests on stdin:   {"id": 1, "workdir": "...", "env": {...}}  (env: the run's whole environment)
Replies on stdout:  {"id": 1, "pid": 123}                      the child started (its own session and group)
                    {"id": 1, "out": "<base64>"} / {"err": ...}  what the child wrote
                    {"id": 1, "exit": 0, "signal": null}         the child ended and its output is complete
When a child ends, what is left of its process group is killed, as the executor does for a cold run.
Standard library only; single-threaded (a select loop), so fork is safe.
"""

import base64
import json
import os
import select
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyexec_guards  # noqa: E402,F401 (imported once here, installed per child)
import pyexec_runner  # noqa: E402

for _name in filter(None, (n.strip() for n in os.environ.get("PYEXEC_PRELOAD", "").split(","))):
    try:
        __import__(_name)
    except Exception:
        pass  # not installed: the code imports it itself, or fails as it would in a cold run

CHUNK = 65536


def send(message):
    """One whole line. A write to a pipe returns early when a signal (SIGCHLD) arrives after part of it is written,
    so the rest is written in a loop: a line cut in two would be two lines of broken JSON."""
    data = memoryview((json.dumps(message) + "\n").encode())
    while data:
        data = data[os.write(1, data) :]


def start_child(request, inherited):
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            for fd in (null, out_r, out_w, err_r, err_w, wake_r, wake_w, *inherited):
                os.close(fd)  # other runs' pipes too: their output must end when their run does
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.environ.clear()  # the run's environment is the request's, whole: nothing of the zygote's
            os.environ.update(request.get("env") or {})
            pyexec_runner.run_and_exit(request["workdir"])
        finally:
            os._exit(70)
    os.close(out_w)
    os.close(err_w)
    return pid, out_r, err_r


def end_with_runs(runs):
    """Kills what each run left running (its process group), then ends the zygote. Only runs not yet reaped: a
    reaped run's pid may belong to another process by now."""
    for pid in [p for p, r in runs.items() if r["status"] is None]:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    os._exit(0)


def end_when_parent_dies(runs):
    """The executor closing stdin ends the zygote and its runs; a parent killed outright closes it too. As a second
    line, Linux sends SIGTERM when the parent dies, whatever the zygote is doing (a write to a full pipe blocks it)."""

    def end(*_):
        end_with_runs(runs)

    signal.signal(signal.SIGTERM, end)
    parent = int(os.environ.pop("PYEXEC_PARENT_PID", None) or os.getppid())
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: stdin's end-of-file is the only sign
    if os.getppid() != parent:
        end()  # the parent died before the request was in place (it says its pid in PYEXEC_PARENT_PID)


def main():
    global wake_r, wake_w
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    runs = {}  # pid -> {"id", "fds": {fd: stream}, "status"}
    end_when_parent_dies(runs)
    by_fd = {}
    buffer = b""
    while True:
        readable, _, _ = select.select([0, wake_r, *by_fd], [], [])
        if 0 in readable:
            data = os.read(0, CHUNK)
            if not data:
                end_with_runs(runs)
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                request = json.loads(line)
                pid, out_r, err_r = start_child(request, list(by_fd))
                runs[pid] = {"id": request["id"], "fds": {out_r: "out", err_r: "err"}, "status": None}
                by_fd[out_r] = by_fd[err_r] = pid
                send({"id": request["id"], "pid": pid})
        if wake_r in readable:
            os.read(wake_r, 4096)
            while True:
                try:
                    ended = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
                except ChildProcessError:
                    break
                if ended is None:
                    break
                pid = ended.si_pid
                if pid in runs:
                    # killed while the run is a zombie, not yet reaped: its pid, and so its group, is still its own
                    try:
                        os.killpg(pid, signal.SIGKILL)  # what the code left running; its pipes close with it
                    except OSError:
                        pass
                _, status = os.waitpid(pid, 0)
                if pid in runs:
                    runs[pid]["status"] = status
        for fd in [fd for fd in readable if fd in by_fd]:
            pid = by_fd[fd]
            run = runs[pid]
            data = os.read(fd, CHUNK)
            if data:
                send({"id": run["id"], run["fds"][fd]: base64.b64encode(data).decode()})
            else:
                os.close(fd)
                del by_fd[fd]
                del run["fds"][fd]
        for pid in [p for p, r in runs.items() if r["status"] is not None and not r["fds"]]:
            run = runs.pop(pid)
            status = run["status"]
            if os.WIFSIGNALED(status):
                send({"id": run["id"], "exit": None, "signal": os.WTERMSIG(status)})
            else:
                send({"id": run["id"], "exit": os.WEXITSTATUS(status), "signal": None})


if __name__ == "__main__":
    main()
