"""One ``%%pyexec`` cell: the run of its code, followed live in the cell's output."""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from typing import Any

from IPython.display import Image, display, update_display

from ._client import Client
from ._errors import PyexecError
from ._events import Output, Transition
from ._models import Run


@dataclass(frozen=True)
class CellOptions:
    executor: str | None = None
    timeout_seconds: float | None = None
    policy_mode: str | None = None
    #: Stop following once the run waits for approval, instead of waiting for the decision.
    wait: bool = True


class CellFailed(PyexecError):
    """The cell's run did not succeed, or the server refused it; shown as its message, without a traceback."""

    def _render_traceback_(self) -> list[str]:
        return [f"pyexec: {self}"]


def _show(text: str, html_text: str | None = None, display_id: str | None = None, update: bool = False) -> None:
    bundle = {"text/plain": text, **({"text/html": html_text} if html_text else {})}
    if update:
        update_display(bundle, raw=True, display_id=display_id)  # type: ignore[no-untyped-call]
    else:
        display(bundle, raw=True, display_id=display_id)  # type: ignore[no-untyped-call]


def _approval_notice(client: Client, run: Run, wait: bool) -> None:
    link = client.review_url(run.id)
    attempt = run.attempt
    needs = "; ".join(str(s) for s in attempt.standing) if attempt else ""
    yours = " You may decide on it yourself." if run.you_may_decide else ""
    findings = "".join(f"\n  line {f.line}: {f.rule} {f.message}" for f in attempt.findings) if attempt else ""
    then = "Waiting for the decision (interrupt the kernel to stop waiting)." if wait else f"Not waiting (--no-wait): Client().wait({run.id!r}) follows it."
    text = f"Run {run.id} waits for approval: it needs {needs or 'an approver'}.{yours}{findings}\nReview it at {link}\n{then}"
    page = f'<a href="{html.escape(link)}" target="_blank">{html.escape(link)}</a>'
    notice = html.escape(text).replace(html.escape(link), page)
    _show(text, f'<div style="white-space: pre-wrap"><b>pyexec</b>: {notice}</div>')


def _outcome(client: Client, run: Run) -> Any:
    """Shows what the run left (figures) and returns its ``results``; raises when it did not succeed."""
    result = run.result
    if run.status == "succeeded" and result is not None:
        for png in client.figures(run.id):
            display(Image(data=png, format="png"))  # type: ignore[no-untyped-call]
        return result.results if result.results_present else None
    if result is not None and result.error is not None:
        sys.stderr.write(result.error.traceback or f"{result.error.type}: {result.error.message}\n")
    message = (run.outcome or {}).get("message") or (result.error.message if result and result.error else "")
    raise CellFailed(f"run {run.id} {run.status}{': ' + message if message else ''} ({client.review_url(run.id)})")


def run_cell(client: Client, code: str, options: CellOptions) -> Any:
    """Submits the code and streams the run into the cell; its ``results`` once it succeeded."""
    run = client.submit(code, executor=options.executor, timeout_seconds=options.timeout_seconds, policy_mode=options.policy_mode)
    status_id = f"pyexec-{run.id}"
    # the stream replays the run's transitions from its first: this line follows them
    _show(f"pyexec run {run.id}: submitted", display_id=status_id)
    try:
        for event in client.stream(run.id):
            if isinstance(event, Output) and event.phase == "run":
                out = sys.stderr if event.stream == "stderr" else sys.stdout
                out.write(event.text)
                out.flush()
            elif isinstance(event, Transition):
                _show(f"pyexec run {run.id}: {event.to_status}", display_id=status_id, update=True)
                if event.to_status == "awaiting_approval":
                    _approval_notice(client, client.get(run.id), options.wait)
                    if not options.wait:
                        return None
        return _outcome(client, client.get(run.id))
    except KeyboardInterrupt:
        sys.stderr.write(f"pyexec: stopped following run {run.id}; it goes on: {client.review_url(run.id)}\n")
        return None
