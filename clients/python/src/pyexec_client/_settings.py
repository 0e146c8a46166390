"""Which server and which token, from the environment, as the ``pyexec`` CLI finds them.

The server: ``PYEXEC_SERVER``, else the ``pyexec serve`` announced in ``$PYEXEC_HOME/server.json`` (``PYEXEC_HOME``
defaults to ``.pyexec``). The token: ``PYEXEC_API_TOKEN``, or the file ``PYEXEC_API_TOKEN_FILE`` names, else the
local admin token in ``$PYEXEC_HOME/admin-token``, which acts for the person at the terminal (``PYEXEC_USER``, else
the login name).
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ._errors import NotConfigured


@dataclass(frozen=True)
class Credential:
    token: str
    #: Sent as ``X-Pyexec-Acting-For`` with the local admin token; the server ignores it on other tokens.
    acting_for: str | None = None


def _home() -> Path:
    return Path(os.environ.get("PYEXEC_HOME") or ".pyexec")


def server_url() -> str:
    given = os.environ.get("PYEXEC_SERVER")
    if given:
        return given.rstrip("/")
    announced = _home() / "server.json"
    try:
        return str(json.loads(announced.read_text())["url"]).rstrip("/")
    except (OSError, ValueError, KeyError, TypeError):
        raise NotConfigured(f"no pyexec server: set PYEXEC_SERVER (like http://127.0.0.1:8080), or start `pyexec serve` on {announced.parent}") from None


def credential() -> Credential:
    given = os.environ.get("PYEXEC_API_TOKEN")
    if given:
        return Credential(given.strip())
    token_file = os.environ.get("PYEXEC_API_TOKEN_FILE")
    if token_file:
        return Credential(Path(token_file).read_text().strip())
    admin = _home() / "admin-token"
    try:
        # one line, local-admin:admin:<token>
        token = admin.read_text().strip().split(":", 2)[2]
    except (OSError, IndexError):
        raise NotConfigured(f"no token: set PYEXEC_API_TOKEN (or PYEXEC_API_TOKEN_FILE); {admin} is not there either") from None
    return Credential(token, os.environ.get("PYEXEC_USER") or getpass.getuser())
