"""pyexec runner: runs one code file and writes one manifest. Every executor uses this file.

Usage: python3 pyexec_runner.py WORKDIR

WORKDIR holds code.py (the code to run) and job.json (its SHA-256 and limits). The runner runs the code, only
if it has the SHA-256 job.json names (else nothing runs), with the matplotlib Agg backend, saves every open figure to WORKDIR/figures/, serialises the `results`
dict to JSON and writes WORKDIR/manifest.json. It leaves with os._exit so that an exit hook or a thread
left behind by a library (pyepics is known for both) cannot keep the process alive.

Standard library only: it must run on any Python 3.8+ the site has.
"""

import json
import math
import os
import shutil
import sys
import time

MANIFEST_VERSION = 1
BOUNDARY_FAILED = 71  # the exit status when the run's boundary could not be entered (the code did not run)
MAX_FIGURE_PIXELS = 4000  # per side: a figure made 1000 inches wide must not fill the disk or the notebook
MAX_RESULT_TEXT = 4000  # characters of one result's text; its JSON value is whole
RUNNER_FILE = os.path.abspath(__file__)


def load_job(workdir):
    path = os.path.join(workdir, "job.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def to_json(value, seen=None, depth=0):
    """Turns what analysis code puts in `results` into plain JSON: numpy, pandas, datetime and more."""
    if seen is None:
        seen = set()
    if depth > 64:
        return repr(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None  # numpy's float64 is a float: made a plain one
    # A value of a type whose module was never imported cannot exist: look the modules up, do not import them
    # (start-up time is part of every run).
    enum, datetime, decimal = (sys.modules.get(m) for m in ("enum", "datetime", "decimal"))
    if enum and isinstance(value, enum.Enum):
        return to_json(value.value, seen, depth + 1)
    if datetime and isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if datetime and isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if decimal and isinstance(value, decimal.Decimal):
        return to_json(float(value), seen, depth + 1)
    if isinstance(value, complex):
        return {"real": to_json(value.real), "imag": to_json(value.imag)}
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            import base64

            return base64.b64encode(bytes(value)).decode("ascii")
    if id(value) in seen:
        return "<cycle>"
    seen = seen | {id(value)}
    module = type(value).__module__ or ""
    if module.startswith("pandas"):
        converted = pandas_to_json(value, seen, depth)
        if converted is not NotImplemented:
            return converted
    if module.startswith("numpy"):
        if hasattr(value, "tolist"):
            return to_json(value.tolist(), seen, depth + 1)
    if isinstance(value, dict):
        return {str(k): to_json(v, seen, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [to_json(v, seen, depth + 1) for v in items]
    dataclasses = sys.modules.get("dataclasses")
    if dataclasses and dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(dataclasses.asdict(value), seen, depth + 1)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return to_json(value.tolist(), seen, depth + 1)
    if hasattr(value, "item"):
        try:
            return to_json(value.item(), seen, depth + 1)
        except Exception:
            pass
    return repr(value)


def pandas_to_json(value, seen, depth):
    kind = type(value).__name__
    if kind == "DataFrame":
        frame = value if type(value.index).__name__ == "RangeIndex" else value.reset_index()
        return [to_json(row, seen, depth + 1) for row in frame.to_dict(orient="records")]
    if kind == "Series":
        return {str(k): to_json(v, seen, depth + 1) for k, v in value.items()}
    if kind in ("Timestamp", "Timedelta", "Period"):
        return value.isoformat()
    if kind in ("NaTType", "NAType"):
        return None
    if "Index" in kind:
        return [to_json(v, seen, depth + 1) for v in value.tolist()]
    return NotImplemented


class CodeNotApproved(Exception):
    """The code file is not the code that was approved (or judged read-only): it is not run."""


def approved_source(code_path, expected):
    """The code to run, only if its SHA-256 (of its UTF-8 bytes, as written) is the one the job names."""
    import hashlib

    with open(code_path, "rb") as f:
        raw = f.read()
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        raise CodeNotApproved("the code to run has SHA-256 %s, not the approved %s: it was not run" % (actual, expected or "(none named)"))
    return raw.decode("utf-8")


def check_input_files(workdir, expected):
    """Each input file must have the SHA-256 the job names (the run's, as it was approved): else nothing runs."""
    import hashlib

    for name, sha in sorted((expected or {}).items()):
        digest = hashlib.sha256()
        try:
            with open(os.path.join(workdir, name), "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            raise CodeNotApproved("the input file %s is missing (%s): the code was not run" % (name, exc.strerror))
        if digest.hexdigest() != sha:
            raise CodeNotApproved(
                "the input file %s has SHA-256 %s, not the run's %s: the code was not run" % (name, digest.hexdigest(), sha))


def describe_error(exc, code_path):
    """The exception with its traceback, runner frames left out, and the line in the code it points at."""
    import traceback

    te = traceback.TracebackException.from_exception(exc)
    frames = [f for f in te.stack if os.path.abspath(f.filename) != RUNNER_FILE]
    line = None
    for f in frames:
        if os.path.abspath(f.filename) == code_path:
            line = f.lineno
    if isinstance(exc, SyntaxError) and exc.lineno is not None and os.path.abspath(exc.filename or "") == code_path:
        line = exc.lineno
    te.stack = traceback.StackSummary.from_list(frames)
    text = "".join(te.format())
    return {"type": type(exc).__name__, "message": str(exc), "traceback": text.rstrip("\n"), "line": line}


def results_text(results):
    """How each result reads in Python (`1.0` stays a float, which JSON cannot tell from `1`): for displays."""
    import pprint

    def text(value):
        shown = value if isinstance(value, str) else pprint.pformat(value, width=100, sort_dicts=False)
        return shown if len(shown) <= MAX_RESULT_TEXT else shown[:MAX_RESULT_TEXT] + " ..."

    return {str(key): text(value) for key, value in results.items()}


def save_figures(workdir, max_figures, notes):
    if "matplotlib.pyplot" not in sys.modules:
        return []
    plt = sys.modules["matplotlib.pyplot"]
    numbers = plt.get_fignums()
    if len(numbers) > max_figures:
        notes.append("%d figures were open; only the first %d were saved" % (len(numbers), max_figures))
        numbers = numbers[:max_figures]
    saved = []
    if numbers:
        os.makedirs(os.path.join(workdir, "figures"), exist_ok=True)
    for i, number in enumerate(numbers, start=1):
        name = os.path.join("figures", "figure-%d.png" % i)
        figure = plt.figure(number)
        dpi = 100
        largest = max(figure.get_size_inches()) * dpi
        if largest > MAX_FIGURE_PIXELS:
            dpi = dpi * MAX_FIGURE_PIXELS / largest
            notes.append("figure %d was scaled down to %d pixels on its longer side" % (i, MAX_FIGURE_PIXELS))
        # tight: axis labels and text outside the axes are kept, not clipped at the figure's edge
        figure.savefig(os.path.join(workdir, name), format="png", dpi=dpi, bbox_inches="tight")
        saved.append(name)
    plt.close("all")
    return saved


def limit_memory(max_bytes):
    """Caps the address space, so a huge allocation is a MemoryError in the code, not a host out of memory."""
    if not max_bytes:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (int(max_bytes), int(max_bytes)))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass  # not a POSIX system, or a hard limit below ours: the executor's own limits still hold


def hide_other_processes():
    """Remounts the sandbox's /proc so that a user sees its own processes only: not the zygote, not other runs."""
    try:
        import ctypes

        ms_remount, ms_nosuid, ms_nodev, ms_noexec = 32, 2, 4, 8
        libc = ctypes.CDLL(None, use_errno=True)
        libc.mount(b"proc", b"/proc", b"proc", ms_remount | ms_nosuid | ms_nodev | ms_noexec, b"hidepid=invisible")
    except (OSError, AttributeError):
        pass  # the run's own user still cannot read other processes' environment or signal them


def enter_boundary(job):
    """Joins the run's cgroup (memory and processes of the whole run, killed as one at its end), then becomes the
    run's own user for good, before the code exists in this process. Fails closed: a step that fails ends the
    runner, and the code does not run."""
    try:
        for procs in job.get("cgroup_procs") or ():
            with open(procs, "w") as f:
                f.write("0")  # this process; its children are born in the cgroup
        uid = job.get("uid")
        if uid is not None:
            uid = int(uid)
            hide_other_processes()
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            if os.getresuid() != (uid, uid, uid) or os.getresgid() != (uid, uid, uid) or os.getgroups():
                raise OSError("the user did not change")
    except OSError as exc:
        sys.stderr.write("pyexec: the run's boundary could not be entered (%s); the code did not run\n" % exc)
        os._exit(BOUNDARY_FAILED)


def limit_processes(max_processes):
    """Bounds the processes the code may start, so a fork bomb ends as a clear error in the code.
    RLIMIT_NPROC counts the user's processes and does not bind root: a container's pids limit does."""
    if not max_processes:
        return
    try:
        import resource

        # the limit counts threads of every process of this user: leave room for those running now
        mine = sum(_threads("/proc/" + d) for d in os.listdir("/proc") if d.isdigit())
        limit = mine + int(max_processes)
        resource.setrlimit(resource.RLIMIT_NPROC, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _threads(proc):
    try:
        return len(os.listdir(proc + "/task")) if os.stat(proc).st_uid == os.getuid() else 0
    except OSError:
        return 0


def start_watchdog(seconds):
    """Kills the runner's process group a little after the time limit, or as soon as the process that started
    the runner is gone (a server killed outright, a dropped SSH connection): nobody would be left to stop the
    code or read its results. The executor's own timer normally acts first."""
    if not seconds:
        return
    import signal
    import threading

    if os.getpgrp() != os.getpid():
        os.setpgrp()
    parent = os.getppid()
    deadline = time.monotonic() + float(seconds)

    def watch():
        while time.monotonic() < deadline and os.getppid() == parent:
            time.sleep(0.2)
        os.killpg(os.getpgrp(), signal.SIGKILL)

    threading.Thread(target=watch, name="pyexec-watchdog", daemon=True).start()


def end_process_group():
    """Kills what the code left running in the runner's process group, so that nothing writes after the runner."""
    import signal

    me, group = os.getpid(), os.getpgrp()
    if group != me:
        return
    try:
        entries = os.listdir("/proc")
    except OSError:
        return  # no /proc: the executor ends the group
    for entry in entries:
        if entry.isdigit() and int(entry) != me:
            try:
                if os.getpgid(int(entry)) == group:
                    os.kill(int(entry), signal.SIGKILL)
            except OSError:
                pass


def line_buffered():
    """Each line the code prints leaves at once, as on a terminal: stdout is a pipe here (to the executor, which
    shows the output while the code runs), and Python would otherwise hold it in blocks of 8 KiB until the end.
    Python programs the code starts inherit PYTHONUNBUFFERED."""
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except (AttributeError, ValueError, OSError):
            pass  # replaced by something else, or closed: it is not ours to change


def write_manifest(workdir, manifest):
    path = os.path.join(workdir, "manifest.json")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, allow_nan=False)
    os.replace(tmp, path)


def run(workdir):
    started = time.monotonic()
    runner_pid = os.getpid()
    job = load_job(workdir)
    enter_boundary(job)
    line_buffered()
    code_path = os.path.join(workdir, "code.py")
    os.environ["MPLBACKEND"] = "Agg"
    # The run's folder is not on sys.path (nor the current folder, which `python -c` puts first): the code can
    # write there, and a file named like a library it imports later (`tabulate.py`) would run in its place.
    os.chdir(workdir)
    sys.path[:] = [p for p in sys.path if p not in ("", ".") and os.path.realpath(p) != os.path.realpath(workdir)]
    sys.argv = [code_path]
    manifest = {
        "version": MANIFEST_VERSION,
        "python": sys.version.split()[0],
        "results_present": False,
        "results": None,
        "figures": [],
        "error": None,
        "notes": [],
        "refused_writes": [],
        "limit_violations": [],
        "writes": [],
    }
    sys.path.insert(0, os.path.dirname(RUNNER_FILE))
    import pyexec_guards as guards  # noqa: E402 (next to this file)
    import pyexec_ledger as ledger  # noqa: E402

    sys.path.pop(0)
    _quiet_ca_repeater(os.path.join(workdir, ".pyexec-bin"))
    read_only = job.get("profile", "read-only") != "write"
    if read_only:
        guards.install(os.path.join(workdir, ".pyexec-guards"))
        if job.get("preview"):
            # the preview of a write run: reads are real (through the read-only path), writes are recorded, not sent
            limits = job.get("channel_limits")
            judge = guards.limits_judge(limits) if limits is not None else None
            ledger.install(workdir, limits, guards._install_hook, mode="preview", judge=judge)
    else:
        if job.get("channel_limits") is not None:
            guards.install_limits(job["channel_limits"])
        # after the limits: the ledger's wrappers sit outside theirs, so a refused write is recorded as refused
        plan = job.get("plan")
        ledger.install(workdir, job.get("channel_limits"), guards._install_hook, mode="plan" if plan is not None else "record", plan=plan)
    manifest["profile"] = "read-only" if read_only else "write"
    limit_memory(job.get("address_space_bytes") or job.get("max_memory_bytes"))
    limit_processes(job.get("max_processes"))
    start_watchdog(job.get("watchdog_seconds"))
    namespace = {"__name__": "__main__", "__file__": code_path, "__builtins__": __builtins__}
    try:
        source = approved_source(code_path, job.get("code_sha256"))
        check_input_files(workdir, job.get("input_files"))
        exec(compile(source, code_path, "exec"), namespace)
    except SystemExit as exc:
        if exc.code not in (None, 0):
            manifest["error"] = describe_error(exc, code_path)
            manifest["error"]["message"] = "the code called sys.exit(%r)" % (exc.code,)
    except BaseException as exc:  # the code's KeyboardInterrupt, MemoryError... are its errors too
        manifest["error"] = describe_error(exc, code_path)
        if isinstance(exc, MemoryError) and job.get("max_memory_bytes"):
            manifest["error"]["message"] = "the code needed more than its memory limit of %d MiB (PYEXEC_MAX_MEMORY_MB)" % (
                int(job["max_memory_bytes"]) >> 20)
    if os.getpid() != runner_pid:
        os._exit(1)  # a child the code forked came back through the runner: only the runner writes a manifest
    manifest["writes"] = list(ledger.writes)
    # the write tools the code ran in child processes (shadowed on PATH): refused there, told here
    guards.refused.extend(guards.tool_refusals())
    try:
        manifest["figures"] = save_figures(workdir, int(job.get("max_figures", 20)), manifest["notes"])
    except Exception as exc:
        manifest["notes"].append("saving figures failed: %s: %s" % (type(exc).__name__, exc))
    if "results" in namespace:
        results = namespace["results"]
        if isinstance(results, dict):
            manifest["results_present"] = True
            try:
                manifest["results"] = to_json(results)
                manifest["results_text"] = results_text(manifest["results"])
            except Exception as exc:
                manifest["results_present"] = False
                manifest["error"] = manifest["error"] or describe_error(exc, code_path)
        elif manifest["error"] is None:
            manifest["error"] = {
                "type": "TypeError",
                "message": "`results` must be a dict, not %s" % type(results).__name__,
                "traceback": "TypeError: `results` must be a dict, not %s" % type(results).__name__,
                "line": None,
            }
    if ledger.plan_violations:
        # a write outside the approved plan is final, as a broken channel limit is
        message = ledger.plan_violations[0]
        manifest["error"] = {"type": "PlanViolation", "message": message, "traceback": "PlanViolation: " + message, "line": None}
    elif guards.violations:
        # a broken channel limit is final: the pipeline does not retry it
        manifest["limit_violations"] = list(guards.violations)
        message = guards.violations[0]
        manifest["error"] = {"type": "ChannelLimitViolation", "message": message, "traceback": "ChannelLimitViolation: " + message, "line": None}
    elif guards.refused:
        # the code may have caught the refusal: the run still failed, and says why
        manifest["refused_writes"] = list(guards.refused)
        if manifest["error"] is None or manifest["error"]["type"] != "EpicsWriteRefused":
            message = guards.refused[0]
            manifest["error"] = {"type": "EpicsWriteRefused", "message": message, "traceback": "EpicsWriteRefused: " + message, "line": None}
    manifest["duration_ms"] = (time.monotonic() - started) * 1000.0
    return manifest


def _quiet_ca_repeater(folder):
    """libca starts a caRepeater from PATH when none runs, and pyepics' wheels carry none for Linux: every run that
    used Channel Access printed four lines of 'The executable "caRepeater" couldn't be located' on its stderr. A run
    is one short-lived client, which needs no repeater: a stand-in that exits at once (a caRepeater on PATH is used)."""
    if shutil.which("caRepeater"):
        return
    os.makedirs(folder, exist_ok=True)
    stand_in = os.path.join(folder, "caRepeater")
    with open(stand_in, "w") as f:
        f.write("#!/bin/sh\nexit 0\n")
    os.chmod(stand_in, 0o755)
    os.environ["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.stderr.write("usage: pyexec_runner.py WORKDIR (a folder holding code.py)\n")
        os._exit(2)
    run_and_exit(os.path.abspath(sys.argv[1]))


def run_and_exit(workdir, results_marker=None):
    """Runs the code, records the manifest and leaves; also the entry of pyexec_zygote.py's children and of
    pyexec_boot.py. With `results_marker`, the manifest and figures also go to stderr, as a tar after the marker."""
    manifest = run(workdir)
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass
    write_manifest(workdir, manifest)
    end_process_group()
    if results_marker:
        send_results(workdir, results_marker)
    os._exit(0 if manifest["error"] is None else 1)


def send_results(workdir, marker):
    import tarfile

    out = os.fdopen(2, "wb", closefd=False)
    out.write(("\n%s\n" % marker).encode())
    with tarfile.open(fileobj=out, mode="w|") as archive:
        archive.add(os.path.join(workdir, "manifest.json"), "manifest.json")
        figures = os.path.join(workdir, "figures")
        if os.path.isdir(figures):
            for name in sorted(os.listdir(figures)):
                archive.add(os.path.join(figures, name), "figures/" + name)
    out.flush()


if __name__ == "__main__":
    main()
