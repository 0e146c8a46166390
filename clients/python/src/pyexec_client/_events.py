"""A run's live events (``GET /api/runs/{id}/events``): server-sent events read as the EventSource standard does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Iterator, Union

from ._errors import StreamFailed


@dataclass(frozen=True)
class Transition:
    """The run moved from one status to another."""

    id: str
    seq: int
    from_status: str | None
    to_status: str
    event: str
    at: str


@dataclass(frozen=True)
class Output:
    """A piece of what the code wrote on stdout or stderr; ``phase`` is ``preview`` for a write run's preview, and
    ``generation`` for the model's reply while it writes the attempt's code (on stdout)."""

    id: str
    attempt: int
    phase: str
    stream: str
    text: str
    at: str


Event = Union[Transition, Output]


def _event(name: str, id: str, data: str) -> Event | None:
    fields = json.loads(data)
    if name == "transition":
        return Transition(id, fields["seq"], fields["fromStatus"], fields["toStatus"], fields["event"], fields["at"])
    if name == "output":
        return Output(id, fields["attempt"], fields.get("phase", "run"), fields["stream"], fields["text"], fields["at"])
    if name == "error":
        raise StreamFailed(fields.get("message", data))
    return None  # an event this client does not know yet


def parse(lines: Iterable[str]) -> Iterator[Event]:
    """The events in a stream of lines (without their line ends); comments and unknown events are skipped."""
    name, id = "", ""
    data: list[str] = []
    for line in lines:
        if line == "":
            if data:
                event = _event(name or "message", id, "\n".join(data))
                if event is not None:
                    yield event
            name, data = "", []
            continue
        if line.startswith(":"):
            continue
        key, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if key == "event":
            name = value
        elif key == "id":
            id = value
        elif key == "data":
            data.append(value)
