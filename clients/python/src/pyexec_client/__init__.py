"""A client for the pyexec server's HTTP API, and the ``%%pyexec`` magic for Jupyter (``%load_ext pyexec_client``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._client import Client
from ._errors import ApiError, ConnectionFailed, NotConfigured, PyexecError, StreamFailed, WaitTimeout
from ._events import Event, Output, Transition
from ._models import Approval, Attempt, CodeError, Finding, Result, Run, Standing

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell

__all__ = [
    "ApiError",
    "Approval",
    "Attempt",
    "Client",
    "CodeError",
    "ConnectionFailed",
    "Event",
    "Finding",
    "NotConfigured",
    "Output",
    "PyexecError",
    "Result",
    "Run",
    "Standing",
    "StreamFailed",
    "Transition",
    "WaitTimeout",
    "load_ipython_extension",
]


def load_ipython_extension(ipython: InteractiveShell) -> None:
    """``%load_ext pyexec_client``; IPython is needed only then (the ``jupyter`` extra)."""
    from .magic import load_ipython_extension as load

    load(ipython)
