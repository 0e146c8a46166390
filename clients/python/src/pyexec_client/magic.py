"""The IPython extension: ``%load_ext pyexec_client``, then ``%%pyexec`` cells and ``%pyexec_config``."""

from __future__ import annotations

import argparse
import shlex
from typing import Any, NoReturn

from IPython.core.error import UsageError
from IPython.core.interactiveshell import InteractiveShell

from ._cell import CellFailed, CellOptions, run_cell
from ._client import Client
from ._errors import PyexecError


class _Parser(argparse.ArgumentParser):
    """Bad arguments are a UsageError in the cell, not an exit of the kernel."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.format_usage()}{self.prog}: {message}")


def _cell_parser() -> _Parser:
    parser = _Parser(prog="%%pyexec", description="Runs the cell's code through pyexec: analyzed, approved when it writes, sandboxed, recorded.")
    parser.add_argument("--executor", choices=["local", "container", "ssh"], help="where the code runs (default: the server's)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="the run's time limit")
    parser.add_argument("--policy", choices=["disabled", "epics_writes", "all_code"], help="which code needs approval")
    parser.add_argument("--no-wait", action="store_true", help="stop following once the run waits for approval")
    return parser


class _Magics:
    def __init__(self) -> None:
        self._client: Client | None = None
        self._parser = _cell_parser()

    def client(self) -> Client:
        if self._client is None:
            self._client = Client()
        return self._client

    def config(self, line: str) -> None:
        """%pyexec_config [URL [TOKEN]]: the server (and token) the cells use; by default PYEXEC_SERVER and PYEXEC_API_TOKEN."""
        args = shlex.split(line)
        if len(args) > 2:
            raise UsageError("usage: %pyexec_config [URL [TOKEN]]")
        try:
            if args:
                self._client = Client(args[0], args[1] if len(args) > 1 else None)
            print(f"pyexec server: {self.client().url}")
        except PyexecError as error:
            raise CellFailed(str(error)) from error

    def cell(self, line: str, cell: str) -> Any:
        args = self._parser.parse_args(shlex.split(line))
        options = CellOptions(executor=args.executor, timeout_seconds=args.timeout, policy_mode=args.policy, wait=not args.no_wait)
        try:
            return run_cell(self.client(), cell, options)
        except CellFailed:
            raise
        except PyexecError as error:
            raise CellFailed(str(error)) from error


def load_ipython_extension(ipython: InteractiveShell) -> None:
    magics = _Magics()
    ipython.magics_manager.register_function(magics.config, "line", "pyexec_config")
    ipython.magics_manager.register_function(magics.cell, "cell", "pyexec")
