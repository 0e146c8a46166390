"""Runs as the API shows them (``GET /api/runs/{id}``, docs/http-api.md), with snake_case names.

Each object keeps the JSON it came from as ``json``, for the fields not mirrored here.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Mapping

Json = Mapping[str, Any]

#: Statuses after which nothing happens by itself (``interrupted``: a person may ask again).
ENDED = frozenset({"succeeded", "failed", "rejected", "blocked", "expired", "interrupted", "cancelled"})
#: Nothing happens until a person decides.
WAITING = frozenset({"awaiting_approval"})


@dataclass(frozen=True)
class CodeError:
    """The exception the code raised."""

    type: str
    message: str
    traceback: str
    line: int | None

    @classmethod
    def from_json(cls, data: Json) -> CodeError:
        return cls(data["type"], data["message"], data.get("traceback", ""), data.get("line"))


def _typed(results: Any, texts: Mapping[str, str] | None) -> Any:
    """The results with each value as the code set it: JSON makes ``1.0`` an ``1``; the runner's text of it
    (``resultsText``, Python's own writing) tells. A string, or text that is not that value, is kept as JSON has it."""
    if not isinstance(results, dict) or not texts:
        return results
    typed = dict(results)
    for key, value in results.items():
        text = texts.get(key)
        if text is None or isinstance(value, str):
            continue
        try:
            written = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            continue
        if written == value:
            typed[key] = written
    return typed


@dataclass(frozen=True)
class Result:
    """What the code did when it ran: its output, its ``results`` and its figures (URLs on the server)."""

    exit_code: int
    stdout: str
    stderr: str
    results: Any
    figures: list[str]
    duration_ms: float
    timed_out: bool
    error: CodeError | None
    results_present: bool
    json: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: Json) -> Result:
        error = data.get("error")
        return cls(
            exit_code=data["exitCode"],
            stdout=data["stdout"],
            stderr=data["stderr"],
            results=_typed(data.get("results"), data.get("resultsText")),
            figures=list(data.get("figures", [])),
            duration_ms=data["durationMs"],
            timed_out=data["timedOut"],
            error=None if error is None else CodeError.from_json(error),
            results_present=data.get("resultsPresent", False),
            json=data,
        )


@dataclass(frozen=True)
class Finding:
    """What the analyzer noted on a line of the code."""

    rule: str
    severity: str
    category: str
    line: int
    message: str

    @classmethod
    def from_json(cls, data: Json) -> Finding:
        return cls(data["rule"], data["severity"], data["category"], data["line"], data["message"])


@dataclass(frozen=True)
class Standing:
    """One approval requirement of a waiting attempt: why, from which group, and how many approvals it lacks."""

    because: str
    approvals: int
    group: str | None
    by: list[str]
    missing: int

    @classmethod
    def from_json(cls, data: Json) -> Standing:
        return cls(data["because"], data["approvals"], data.get("group"), list(data.get("by", [])), data["missing"])

    def __str__(self) -> str:
        who = f"an approver in group {self.group}" if self.group else "an approver"
        return f"{self.missing} approval{'s' if self.missing != 1 else ''} from {who} (for {self.because})"


@dataclass(frozen=True)
class Approval:
    verdict: str
    decided_by: str
    decided_at: str
    comment: str | None

    @classmethod
    def from_json(cls, data: Json) -> Approval:
        return cls(data["verdict"], data["decidedBy"], data["decidedAt"], data.get("comment"))


@dataclass(frozen=True)
class Attempt:
    """One piece of code the run tried: given with the request, or written by the model."""

    number: int
    source: str
    code: str
    code_sha256: str
    created_at: str
    findings: list[Finding]
    standing: list[Standing]
    approval: Approval | None
    result: Result | None
    #: Why the attempt failed before or around running its code: ``{"kind", "message", "traceback"?}``.
    error: Json | None
    #: URL of its notebook, a path on the server.
    notebook: str | None
    json: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: Json) -> Attempt:
        approval, result = data.get("approval"), data.get("result")
        return cls(
            number=data["number"],
            source=data["source"],
            code=data["code"],
            code_sha256=data["codeSha256"],
            created_at=data["createdAt"],
            findings=[Finding.from_json(f) for f in data.get("findings", [])],
            standing=[Standing.from_json(s) for s in data.get("standing", [])],
            approval=None if approval is None else Approval.from_json(approval),
            result=None if result is None else Result.from_json(result),
            error=data.get("error"),
            notebook=data.get("notebook"),
            json=data,
        )


@dataclass(frozen=True)
class Run:
    """A run: its request, its status and its attempts."""

    id: str
    status: str
    requester: str
    title: str
    request: Json
    created_at: str
    updated_at: str
    executor: str
    #: ``read-only`` or ``write``: what the current attempt gets.
    profile: str | None
    #: The current attempt's hash: what an approval names.
    code_sha256: str | None
    #: ``{"reason", "message"}`` once the run ended other than by succeeding.
    outcome: Json | None
    attempts: list[Attempt]
    notebook: str | None
    you_may_decide: bool
    json: Json = field(repr=False)

    @classmethod
    def from_json(cls, data: Json) -> Run:
        return cls(
            id=data["id"],
            status=data["status"],
            requester=data["requester"],
            title=data["title"],
            request=data["request"],
            created_at=data["createdAt"],
            updated_at=data["updatedAt"],
            executor=data["executor"],
            profile=data.get("profile"),
            code_sha256=data.get("codeSha256"),
            outcome=data.get("outcome"),
            attempts=[Attempt.from_json(a) for a in data.get("attempts", [])],
            notebook=data.get("notebook"),
            you_may_decide=data.get("youMayDecide", False),
            json=data,
        )

    @property
    def ended(self) -> bool:
        return self.status in ENDED

    @property
    def waiting(self) -> bool:
        """It waits for a person to approve or reject its code."""
        return self.status in WAITING

    @property
    def attempt(self) -> Attempt | None:
        """The current attempt, the newest."""
        return self.attempts[-1] if self.attempts else None

    @property
    def result(self) -> Result | None:
        """The current attempt's result, if its code ran."""
        return None if self.attempt is None else self.attempt.result

    @property
    def results(self) -> Any:
        """The ``results`` the code set, or None."""
        return None if self.result is None else self.result.results
