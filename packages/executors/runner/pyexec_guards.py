"""Read-only guards: in a run whose profile is `read-only`, EPICS writes are refused at run time.

The analyzer decides a run's profile before it runs; these guards make a read-only run read-only even
if the analyzer missed a write. Each client library is patched when the code imports it (an import
hook), so a run that never imports one pays nothing for it. The command-line write tools are shadowed
on PATH. Standard library only.
"""

import importlib.abc
import importlib.machinery
import os
import stat
import sys


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


# module -> [(attribute path, label)]: the write entry points of each client library
_WRITES = {
    "epics.ca": [("put", "epics.ca.put")],
    "epics.pv": [("PV.put", "PV.put")],
    "epics": [("caput", "caput"), ("caput_many", "caput_many")],
    "epics.device": [("Device.put", "Device.put")],
    "epics.motor": [("Motor.move", "Motor.move"), ("Motor.put", "Motor.put")],
    "caproto.threading.client": [("PV.write", "caproto PV.write")],
    "caproto.sync.client": [("write", "caproto.sync.client.write")],
    "caproto.asyncio.client": [("PV.write", "caproto PV.write")],
    "caproto.threading.pyepics_compat": [("PV.put", "PV.put"), ("caput", "caput")],
    "p4p.client.thread": [("Context.put", "p4p Context.put")],
    "p4p.client.cothread": [("Context.put", "p4p Context.put")],
    "p4p.client.asyncio": [("Context.put", "p4p Context.put")],
    "pvaccess": [("Channel." + m, "pvaccess Channel." + m) for m in (
        "put", "putInt", "putUInt", "putShort", "putUShort", "putLong", "putULong", "putByte", "putUByte",
        "putFloat", "putDouble", "putString", "putBoolean", "putScalarArray", "putGet", "asyncPut")],
    "ophyd.signal": [("EpicsSignalBase.put", "ophyd put"), ("EpicsSignal.put", "ophyd put"), ("EpicsSignal.set", "ophyd set")],
    "ophyd.epics_motor": [("EpicsMotor.move", "ophyd move"), ("EpicsMotor.set", "ophyd set")],
    "cothread.catools": [("caput", "cothread caput")],
    "aioca": [("caput", "aioca caput")],
}


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


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, inner):
        self.inner = inner

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        _patch(module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name not in _WRITES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


_TOOLS = ("caput", "caput_many", "pvput", "caput_pva")


def _shadow_tools(folder):
    os.makedirs(folder, exist_ok=True)
    for tool in _TOOLS:
        path = os.path.join(folder, tool)
        with open(path, "w") as f:
            f.write('#!/bin/sh\necho "pyexec: this run is read-only: %s was refused; an EPICS write needs an approved run" >&2\nexit 126\n' % tool)
        os.chmod(path, stat.S_IRWXU)
    os.environ["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")


def install(guard_folder):
    """Refuse EPICS writes from now on: libraries imported already are patched now, later ones on import."""
    sys.meta_path.insert(0, _Finder())
    for name in list(_WRITES):
        if name in sys.modules:
            _patch(sys.modules[name])
    _shadow_tools(guard_folder)
