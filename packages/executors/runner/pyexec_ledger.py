"""The write ledger: in an approved (write) run, every EPICS write the code makes is recorded as it happens.

Each write is one JSON line appended to WORKDIR/writes.jsonl (flushed at once, so a run killed half-way still
shows what it wrote) and kept for the manifest: the channel, the value read just before, the value sent, when,
and how it ended (see WriteState in packages/core/src/WriteLedger.ts). Where the channel limits give a channel
a `verify` rule, the readback is read after the write and compared with the value sent within a tolerance.

This runs in the code's own process: it reports, it does not guard (the channel limits and the gateways do).
Client libraries are patched when the code imports them, as in pyexec_guards.py. Standard library only.
"""

import datetime
import fnmatch
import json
import math
import os
import re
import threading
import time

writes = []  # for the manifest
plan_violations = []  # writes outside the approved plan: the run fails even if the code catches the error
_file = None
_mode = "record"  # "record": write and record; "preview": record, send nothing; "plan": only what was approved
_shadow = {}  # preview: channel -> the value the code "wrote", which its later reads of the channel get
_plan = {}  # plan: channel -> the values approved for it
_lock = threading.Lock()
_active = threading.local()  # a write being recorded: the library's inner calls are part of it
_rules = []
_judge = None  # preview: the channel limits' verdict on a planned write (pyexec_guards.limits_judge), if any
_SEVERITIES = {0: "NO_ALARM", 1: "MINOR", 2: "MAJOR", 3: "INVALID"}


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _plain(value):
    """The value as JSON can hold it: numbers, strings, lists (numpy arrays and scalars included)."""
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return _plain(tolist())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return repr(value)


def _record(entry):
    with _lock:
        writes.append(entry)
        if _file is not None:
            _file.write(json.dumps(entry) + "\n")
            _file.flush()


def _number(value):
    value = _plain(value)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


class _Rule:
    """A channel's `verify` rule from the channel limits: where to read back, within what, for how long."""

    def __init__(self, channel):
        verify = channel["verify"]
        self.pattern = channel["pattern"]
        self.readback = verify.get("readback")
        self.tolerance = float(verify.get("tolerance", 0))
        self.within_s = float(verify.get("within_s", 0))
        # each `*` of the pattern becomes a group, which fills the same `*` of the readback's name
        self.regex = re.compile("^" + "(.*)".join(re.escape(part) for part in self.pattern.split("*")) + "$")

    def readback_of(self, channel):
        if not self.readback:
            return channel
        parts = iter(self.regex.match(channel).groups())
        return re.sub(r"\*", lambda _: next(parts, "*"), self.readback)


class PlanViolation(PermissionError):
    """Raised instead of a write the approved plan does not hold: another channel, or another value."""


def _within_plan(channel, value):
    """Why a write is outside the approved plan, or None when the plan holds it (within the channel's tolerance)."""
    planned = _plan.get(channel)
    if planned is None:
        return "%s is not among the channels the approved preview writes" % channel
    rule = _rule_for(channel)
    tolerance = rule.tolerance if rule is not None else 0.0
    got = _number(value)
    for want in planned:
        target = _number(want)
        if (got is not None and target is not None and abs(got - target) <= tolerance) or _plain(value) == want:
            return None
    return "%s := %r is not a value the approved preview writes there (%s, within %r)" % (
        channel, _plain(value), ", ".join(repr(v) for v in planned), tolerance)


def _rule_for(channel):
    for rule in _rules:
        if fnmatch.fnmatchcase(channel, rule.pattern):
            return rule
    return None


def _verify(entry, read):
    """Reads the channel's readback until it is within the tolerance or the rule's time is up."""
    rule = _rule_for(entry["channel"])
    if rule is None or entry["state"] not in ("sent", "completed"):
        return
    target = _number(entry["value"])
    readback = rule.readback_of(entry["channel"])
    deadline = time.monotonic() + rule.within_s
    while True:
        try:
            value, alarm = read(readback)
        except Exception as exc:  # noqa: BLE001 (any failure to read back is the state)
            value, alarm = None, None
            entry["detail"] = "%s: %s" % (type(exc).__name__, exc)
        got = _number(value)
        if got is not None and target is not None and abs(got - target) <= rule.tolerance:
            entry["state"] = "verified"
            break
        if time.monotonic() >= deadline:
            if got is None:
                entry["state"] = "readback-failed"
                entry.setdefault("detail", "%s could not be read back" % readback)
            else:
                entry["state"] = "verification-failed"
                entry["detail"] = "%s reads %r, not within %r of %r" % (readback, got, rule.tolerance, target)
            break
        time.sleep(0.1)
    entry["readback"] = {"channel": readback, "value": _plain(value), "tolerance": rule.tolerance}
    if alarm is not None:
        entry["readback"]["alarm"] = alarm


def _recorded(library, protocol, original, channel_and_value, read_before, outcome, read_back, planned_result=None):
    """Wraps a write function: records the write around the original call, once per write (not its inner calls)."""

    def write(*args, **kwargs):
        if getattr(_active, "on", False):
            return original(*args, **kwargs)
        channel, value = channel_and_value(*args, **kwargs)
        entry = {"channel": channel, "protocol": protocol, "library": library, "value": _plain(value), "at": _now()}
        _active.on = True
        try:
            try:
                entry["before"] = _plain(read_before(*args, **kwargs))
            except Exception:  # noqa: BLE001 (no value before is recorded as none)
                pass
            if _mode == "preview":
                # nothing is sent: the write is the plan, and the code's later reads of the channel see it
                entry["state"] = "planned" if entry.get("before") is not None else "not-connected"
                if entry["state"] == "not-connected":
                    entry["detail"] = "the channel could not be read in the preview"
                if _judge is not None:
                    verdict = _judge(channel, value, entry.get("before"))
                    entry["limits"] = {"rule": verdict["rule"], "within": verdict["within"]}
                    if "why" in verdict:
                        entry["detail"] = verdict["why"]
                _shadow[channel] = value
                return planned_result
            if _mode == "plan":
                why = _within_plan(channel, value)
                if why is not None:
                    entry["state"], entry["detail"] = "refused", "outside the approved plan: " + why
                    plan_violations.append(entry["detail"])
                    raise PlanViolation(entry["detail"])
            try:
                result = original(*args, **kwargs)
            except BaseException as exc:
                refused = type(exc).__name__ in ("ChannelLimitViolation", "EpicsWriteRefused", "PlanViolation")
                entry["state"] = "refused" if refused else "failed"
                entry["detail"] = "%s: %s" % (type(exc).__name__, exc)
                raise
            entry["state"], detail = outcome(result, args, kwargs)
            if detail:
                entry["detail"] = detail
            _verify(entry, read_back)
            return result
        finally:
            _active.on = False
            if "before" in entry and entry["before"] is None:
                del entry["before"]
            _record(entry)

    write.__pyexec_ledger__ = True
    return write


# ---- pyepics: caput (which returns before PV.put when the channel does not connect), PV.put, ca.put ----


def _shadowed(original, channel_of, dressed=None):
    """
    A read that returns what the preview "wrote" to the channel, once it did; the real value before. `dressed`
    puts the planned value into what the library's read returns (caproto's response, p4p's wrapped value).
    """

    def read(*args, **kwargs):
        if _mode == "preview":
            channel = channel_of(*args, **kwargs)
            if isinstance(channel, str) and channel in _shadow:
                return _shadow[channel] if dressed is None else dressed(original(*args, **kwargs), _shadow[channel])
        return original(*args, **kwargs)

    read.__pyexec_ledger__ = True
    return read


def _pyepics_outcome(result, args, kwargs, wait_index):
    wait = kwargs.get("wait", args[wait_index] if len(args) > wait_index else False)
    if result is None:
        return "not-connected", "the channel did not connect"
    if isinstance(result, int) and result < 0:
        return "failed", "the put returned status %d" % result
    return ("completed" if wait else "sent"), None


def _pyepics_before(name):
    import epics

    pv = epics.get_pv(name, connect=True, timeout=1.0)
    return pv.get(use_monitor=False, timeout=1.0) if pv.connected else None


def _pyepics_read(name):
    import epics

    pv = epics.get_pv(name, connect=True, timeout=2.0)
    if not pv.connected:
        raise TimeoutError("%s did not connect" % name)
    value = pv.get(use_monitor=False, timeout=2.0)
    alarm = {"status": str(pv.status), "severity": _SEVERITIES.get(pv.severity, str(pv.severity))} if pv.severity is not None else None
    return value, alarm


def _arg(args, kwargs, index, name):
    return kwargs[name] if name in kwargs else args[index] if len(args) > index else None


def _patch_epics(module):
    """`epics` (caput) and `epics.pv` (PV.put): the two entry points every pyepics write goes through."""
    if module.__name__ == "epics" and hasattr(module, "caput"):
        module.caput = _recorded(
            "pyepics", "ca", module.caput,
            lambda *a, **k: (_arg(a, k, 0, "pvname"), _arg(a, k, 1, "value")),
            lambda *a, **k: _pyepics_before(_arg(a, k, 0, "pvname")),
            lambda r, a, k: _pyepics_outcome(r, a, k, 2), _pyepics_read, planned_result=1)
    if module.__name__ == "epics.pv" and hasattr(module, "PV"):
        module.PV.put = _recorded(
            "pyepics", "ca", module.PV.put,
            lambda self, *a, **k: (self.pvname, _arg(a, k, 0, "value")),
            lambda self, *a, **k: self.get(use_monitor=False, timeout=1.0) if self.connected else None,
            lambda r, a, k: _pyepics_outcome(r, a[1:], k, 1), _pyepics_read, planned_result=1)
        module.PV.get = _shadowed(module.PV.get, lambda self, *a, **k: self.pvname)
    if module.__name__ == "epics" and hasattr(module, "caget"):
        module.caget = _shadowed(module.caget, lambda *a, **k: _arg(a, k, 0, "pvname"))


# ---- caproto and p4p: the writes the channel limits check too ----


def _one(data):
    """caproto's data is always an array: one element is the channel's scalar value."""
    return data[0] if len(data) == 1 else data


def _caproto_read(name):
    from caproto.sync.client import read

    return _one(read(name, timeout=2.0).data), None


def _caproto_dressed(response, value):
    """caproto's read response, its data the planned value (its type, alarm and time as read)."""
    from caproto import ReadNotifyResponse

    data = value if isinstance(value, (list, tuple)) else [value]
    return ReadNotifyResponse(data, response.data_type, len(data), 1, response.ioid, metadata=response.metadata)


def _p4p_dressed(got, value):
    """p4p's wrapped scalar, its value the planned one (its alarm and time as read)."""
    raw = getattr(got, "raw", None)
    if raw is None:
        return value
    raw["value"] = value
    return type(got)(value)._store(raw)


def _patch_caproto(module):
    if module.__name__ == "caproto.threading.client":
        module.PV.read = _shadowed(module.PV.read, lambda self, *a, **k: self.name, _caproto_dressed)
        module.PV.write = _recorded(
            "caproto", "ca", module.PV.write,
            lambda self, *a, **k: (self.name, _arg(a, k, 0, "data")),
            lambda self, *a, **k: _one(self.read(timeout=1.0).data),
            lambda r, a, k: (("completed" if k.get("wait", True) else "sent"), None), _caproto_read)
    if module.__name__ == "caproto.sync.client":
        module.read = _shadowed(module.read, lambda *a, **k: _arg(a, k, 0, "pv_name"), _caproto_dressed)
        module.write = _recorded(
            "caproto", "ca", module.write,
            lambda *a, **k: (_arg(a, k, 0, "pv_name"), _arg(a, k, 1, "data")),
            lambda *a, **k: _one(module.read(_arg(a, k, 0, "pv_name"), timeout=1.0).data),
            lambda r, a, k: (("completed" if k.get("notify", False) else "sent"), None), _caproto_read)


def _patch_p4p(module):
    if module.__name__ == "p4p.client.thread":
        module.Context.put = _recorded(
            "p4p", "pva", module.Context.put,
            lambda self, *a, **k: (_arg(a, k, 0, "name"), _arg(a, k, 1, "values")),
            lambda self, *a, **k: self.get(_arg(a, k, 0, "name"), timeout=1.0),
            lambda r, a, k: (("completed" if k.get("wait", True) else "sent"), None), _caproto_read)
        module.Context.get = _shadowed(module.Context.get, lambda self, *a, **k: _arg(a, k, 0, "name"), _p4p_dressed)


_PATCHES = {"epics": _patch_epics, "epics.pv": _patch_epics, "caproto.threading.client": _patch_caproto,
            "caproto.sync.client": _patch_caproto, "p4p.client.thread": _patch_p4p}


def install(workdir, limits, install_hook, mode="record", plan=None, judge=None):
    """
    Records every write from now on into WORKDIR/writes.jsonl; `verify` rules come from the channel limits. In
    `preview` mode nothing is sent (each write is `planned`, with the limits' verdict from `judge`); in `plan` mode
    only the writes of `plan` (the approved preview's: [{channel, value}]) are let through.
    """
    global _file, _mode, _judge
    _mode = mode
    _judge = judge
    for write in plan or ():
        _plan.setdefault(write["channel"], []).append(write["value"])
    _rules[:] = [_Rule(c) for c in (limits or {}).get("channels", []) if c.get("verify")]
    _file = open(os.path.join(workdir, "writes.jsonl"), "a", encoding="utf-8")
    install_hook(set(_PATCHES), lambda module: _PATCHES[module.__name__](module))
