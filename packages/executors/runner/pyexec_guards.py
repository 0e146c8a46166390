"""Read-only guards: in a run whose profile is `read-only`, EPICS writes are refused at run time.

The analyzer decides a run's profile before it runs; these guards make a read-only run read-only even
if the analyzer missed a write. Each client library is patched when the code imports it (an import
hook), so a run that never imports one pays nothing for it. The command-line write tools are shadowed
on PATH. Which functions, methods and tools: pyexec_epics_writes.py. Standard library only.
"""

import os
import shlex
import stat
import sys

from pyexec_epics_writes import TOOLS, UNCHECKED, WRITES  # generated, next to this file (pnpm generate:guards)


class EpicsWriteRefused(PermissionError):
    """Raised instead of an EPICS write in a read-only run."""


refused = []  # what was refused, for the manifest: recorded even if the code swallows the exception


def _describe(args):
    """The PV a write names: the first argument, or the name of the object a method was called on."""
    if not args:
        return ""
    first = args[0]
    if isinstance(first, (str, bytes, list, tuple)):
        return repr(first)
    name = getattr(first, "pvname", None) or getattr(first, "name", None)
    return repr(name) if isinstance(name, str) else type(first).__name__


def _refuse(what):
    def guard(*args, **kwargs):
        target = _describe(args)
        message = "this run is read-only: %s(%s) was refused; an EPICS write needs a run whose code was approved" % (what, target)
        refused.append(message)
        raise EpicsWriteRefused(message)

    guard.__pyexec_guard__ = True
    return guard


# module -> [(attribute path, label)]: the write entry points of each client library, and the command-line
# write tools. Generated from packages/analyzers/data/libraries.yaml, which the analyzer reads too.
_WRITES = WRITES
_TOOLS = TOOLS


def _patch(module):
    for dotted, label in _WRITES.get(module.__name__, []):
        owner = module
        *path, name = dotted.split(".")
        try:
            for part in path:
                owner = getattr(owner, part)
            if getattr(getattr(owner, name, None), "__pyexec_guard__", False):
                continue
            setattr(owner, name, _refuse(label))
        except (AttributeError, TypeError):
            pass  # not in this version of the library, or a type that cannot be patched
    if module.__name__ == "epics.ca":
        _guard_libca(module)


def _guard_libca(ca):
    """pyepics' C library: `ca_array_put` is reachable through ctypes, so the library is guarded too."""
    original = getattr(ca, "initialize_libca", None)
    if original is None or getattr(original, "__pyexec_guard__", False):
        return

    def initialize_libca(*args, **kwargs):
        libca = original(*args, **kwargs)
        for name in ("ca_array_put", "ca_array_put_callback", "ca_put"):
            try:
                setattr(libca, name, _refuse("libca." + name))
            except (AttributeError, TypeError):
                pass
        return libca

    initialize_libca.__pyexec_guard__ = True
    ca.initialize_libca = initialize_libca
    if getattr(ca, "libca", None) is not None:
        for name in ("ca_array_put", "ca_array_put_callback", "ca_put"):
            try:
                setattr(ca.libca, name, _refuse("libca." + name))
            except (AttributeError, TypeError):
                pass


_hooks = {}  # module name -> the patches to apply right after it is imported, in the order they were installed


class _PatchingLoader:
    def __init__(self, inner):
        self.inner = inner

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        for patch in _hooks.get(module.__name__, ()):
            patch(module)


class _Finder:
    """Patches the named modules right after they are imported (one finder for every patch)."""

    def find_spec(self, name, path=None, target=None):
        if name not in _hooks:
            return None
        for finder in sys.meta_path:
            if isinstance(finder, _Finder) or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


def _install_hook(names, patch):
    """Applies `patch` to each named module once it is imported (now, for one imported already); later patches wrap earlier ones."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
    for name in names:
        _hooks.setdefault(name, []).append(patch)
        if name in sys.modules:
            patch(sys.modules[name])


_tool_refusals = None  # the file the shadowing tools note their refusals in, in this run's own guard folder


def _shadow_tools(folder):
    """Each write tool on PATH answers with a refusal, on its stderr and in the guard folder's `refused` file, which
    the run reads back (tool_refusals): a child's stderr is the code's to swallow, as a caught exception is."""
    global _tool_refusals
    os.makedirs(folder, exist_ok=True)
    _tool_refusals = os.path.join(folder, "refused")
    for tool in _TOOLS:
        path = os.path.join(folder, tool)
        with open(path, "w") as f:
            f.write(
                "#!/bin/sh\n"
                'message="this run is read-only: %s($*) was refused; an EPICS write needs a run whose code was approved"\n'
                "printf 'pyexec: %%s\\n' \"$message\" >&2\n"
                "printf '%%s\\n' \"$message\" >> %s 2>/dev/null\n"
                "exit 126\n" % (tool, shlex.quote(_tool_refusals))
            )
        os.chmod(path, stat.S_IRWXU)
    os.environ["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")


def tool_refusals(limit=20, width=500):
    """The refusals the shadowing tools noted in this run (its child processes' attempts), oldest first."""
    if _tool_refusals is None:
        return []
    try:
        with open(_tool_refusals, encoding="utf-8", errors="replace") as f:
            lines = [line.rstrip("\n") for line in f]
    except OSError:
        return []
    return [line[:width] for line in lines if line.strip()][:limit]


def _note_unchecked(module):
    sys.stderr.write(
        "pyexec: %s is an EPICS library the read-only guard cannot check: its writes are refused by the run's "
        "read-only gateway\n" % module.__name__
    )


def install(guard_folder):
    """Refuse EPICS writes from now on: libraries imported already are patched now, later ones on import."""
    _install_hook(set(_WRITES), _patch)
    _install_hook(set(UNCHECKED), _note_unchecked)
    _shadow_tools(guard_folder)


# ---- Channel limits: in an approved (write) run, writes outside the site's limits are refused. ----


class ChannelLimitViolation(PermissionError):
    """Raised instead of a write that breaks the channel limits; the run fails and is not retried."""


violations = []


def _number(value):
    """The value a write sets, as a float when it is one number; None otherwise."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return _number(value[0])
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "size", 1) == 1:
        try:
            return float(item())
        except (TypeError, ValueError):
            return None
    return None


class _Limits:
    def __init__(self, config):
        import fnmatch

        self._match = fnmatch.fnmatchcase
        self.channels = config.get("channels", [])
        self.allow_unlisted = bool(config.get("allow_unlisted", False))

    def channel(self, pv):
        for channel in self.channels:
            if self._match(pv, channel["pattern"]):
                return channel
        return None

    def check(self, pv, value, read_current):
        """Raises ChannelLimitViolation when writing `value` to `pv` breaks a limit."""
        why = self.why_not(pv, value, read_current)
        if why is not None:
            self._violate(why)

    def why_not(self, pv, value, read_current):
        """Why writing `value` to `pv` breaks a limit, or None when it does not."""
        channel = self.channel(pv)
        if channel is None:
            return None if self.allow_unlisted else "%s is not in the channel limits and unlisted channels may not be written" % pv
        if not channel.get("writable", True):
            return "%s is read-only in the channel limits" % pv
        low, high, step = (channel.get(k) for k in ("min", "max", "max_step"))
        if low is None and high is None and step is None:
            return None
        number = _number(value)
        if number is None:
            return "%s has numeric limits, but the value written (%r) is not one number" % (pv, value)
        if low is not None and number < low:
            return "%s = %r is below its minimum %r" % (pv, number, low)
        if high is not None and number > high:
            return "%s = %r is above its maximum %r" % (pv, number, high)
        if step is not None:
            current = _number(read_current())
            if current is None:
                return "%s has a maximum step, but its current value could not be read" % pv
            if abs(number - current) > step:
                return "%s: a step from %r to %r is larger than its maximum step %r" % (pv, current, number, step)
        return None

    def rule_text(self, pv):
        """The channel's limits in words: `0..200, step <= 5`, `read-only`, `unlisted: may not be written`."""
        channel = self.channel(pv)
        if channel is None:
            return "unlisted: may be written" if self.allow_unlisted else "unlisted: may not be written"
        if not channel.get("writable", True):
            return "read-only"
        low, high, step = (channel.get(k) for k in ("min", "max", "max_step"))
        parts = []
        if low is not None or high is not None:
            parts.append("%s..%s" % ("" if low is None else repr(low), "" if high is None else repr(high)))
        if step is not None:
            parts.append("step <= %r" % step)
        return ", ".join(parts) or "writable, no numeric limits"

    @staticmethod
    def _violate(message):
        message = "channel limits: " + message
        violations.append(message)
        raise ChannelLimitViolation(message)


def _checked(original, limits, pv_and_value, read_current):
    """Wraps a write: checks the limits with the PV name and value it was called with, then writes."""

    def guard(*args, **kwargs):
        for pv, value in pv_and_value(*args, **kwargs):
            limits.check(pv, value, lambda pv=pv, a=args: read_current(pv, a))
        return original(*args, **kwargs)

    guard.__pyexec_guard__ = True
    return guard


def _value(args, kwargs, index, name="value"):
    return kwargs[name] if name in kwargs else args[index] if len(args) > index else None


def _pyepics_read(pv, _args):
    import epics

    return epics.caget(pv, timeout=5)


def _caproto_read(pv, args):
    reading = args[0].read()
    return reading.data


def _p4p_read(pv, args):
    return args[0].get(pv)


# module -> [(attribute path, (args, kwargs) -> [(pv, value)], (pv, args) -> current value)]
_CHECKED_WRITES = {
    # pyepics funnels caput, caput_many, PV.put, Device and Motor writes through ca.put: one check for all
    "epics.ca": [("put", lambda *a, **k: [(sys.modules["epics.ca"].name(a[0]), _value(a, k, 1))], _pyepics_read)],
    "caproto.threading.client": [("PV.write", lambda *a, **k: [(a[0].name, _value(a, k, 1, "data"))], _caproto_read)],
    "caproto.sync.client": [("write", lambda *a, **k: [(a[0], _value(a, k, 1, "data"))], lambda pv, a: __import__("caproto.sync.client", fromlist=["read"]).read(pv).data)],
    "p4p.client.thread": [("Context.put", lambda *a, **k: [(a[1], _value(a, k, 2, "values"))], _p4p_read)],
}

# Writes whose channel the limits cannot name are refused in a limited run: pyexec fails closed.
_UNCHECKED = ("caproto.asyncio.client", "caproto.threading.pyepics_compat",
              "p4p.client.cothread", "p4p.client.asyncio", "pvaccess", "cothread.catools", "aioca")


def limits_judge(config):
    """For a preview: a function telling, for a planned write, the channel's limits and whether the write is inside."""
    limits = _Limits(config)

    def judge(pv, value, current):
        why = limits.why_not(pv, value, lambda: current)
        verdict = {"rule": limits.rule_text(pv), "within": why is None}
        return verdict if why is None else dict(verdict, why="channel limits: " + why)

    return judge


def install_limits(config):
    """In a write run with channel limits: check every write against them, refuse what cannot be checked."""
    limits = _Limits(config)

    def patch(module):
        for dotted, pv_and_value, read_current in _CHECKED_WRITES.get(module.__name__, []):
            owner = module
            *path, name = dotted.split(".")
            try:
                for part in path:
                    owner = getattr(owner, part)
                original = getattr(owner, name)
                if not getattr(original, "__pyexec_guard__", False):
                    setattr(owner, name, _checked(original, limits, pv_and_value, read_current))
            except (AttributeError, TypeError):
                pass
        if module.__name__ in _UNCHECKED:
            for dotted, label in _WRITES.get(module.__name__, []):
                owner = module
                *path, name = dotted.split(".")
                try:
                    for part in path:
                        owner = getattr(owner, part)
                    setattr(owner, name, _refuse_unchecked(label))
                except (AttributeError, TypeError):
                    pass

    _install_hook(set(_CHECKED_WRITES) | set(_UNCHECKED), patch)


def _refuse_unchecked(label):
    def guard(*args, **kwargs):
        _Limits._violate("%s cannot be checked against the channel limits: use pyepics caput/PV.put, caproto or p4p" % label)

    guard.__pyexec_guard__ = True
    return guard
