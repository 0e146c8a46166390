"""The pyexec server's HTTP API (docs/http-api.md) as Python calls."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any, Iterator, Mapping
from urllib.parse import quote

import httpx

from . import _events, _settings
from ._errors import ApiError, ConnectionFailed, WaitTimeout
from ._models import Run

#: Longest quiet spell on an event stream: the server sends a keep-alive every 15 s.
_stream_read_timeout = 60.0


class Client:
    """Calls one pyexec server as one token's holder.

    ``url`` and ``token`` default to what the ``pyexec`` CLI uses: ``PYEXEC_SERVER`` and ``PYEXEC_API_TOKEN`` (see
    ``pyexec_client._settings``). Every call raises ``ApiError`` with the server's message when it refuses, and
    ``ConnectionFailed`` when it cannot be reached.
    """

    def __init__(self, url: str | None = None, token: str | None = None, *, timeout: float = 30.0) -> None:
        self.url = (url or _settings.server_url()).rstrip("/")
        credential = _settings.Credential(token) if token else _settings.credential()
        headers = {"authorization": f"Bearer {credential.token}"}
        if credential.acting_for is not None:
            headers["x-pyexec-acting-for"] = credential.acting_for
        self._http = httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    def review_url(self, run_id: str) -> str:
        """The run's review page, where an approver reads and decides on it."""
        return f"{self.url}/runs/{quote(run_id, safe='')}"

    def submit(
        self,
        code: str | None = None,
        query: str | None = None,
        *,
        executor: str | None = None,
        timeout_seconds: float | None = None,
        policy_mode: str | None = None,
        model: str | None = None,
        max_attempts: int | None = None,
        task_objective: str | None = None,
        expected_results: Mapping[str, str] | None = None,
        execution_folder_name: str | None = None,
    ) -> Run:
        """Asks for a run of ``code``, or of code the model writes for ``query``; the run as it is just after."""
        fields: dict[str, Any] = {
            "code": code,
            "query": query,
            "executor": executor,
            "timeoutSeconds": timeout_seconds,
            "policyMode": policy_mode,
            "model": model,
            "maxAttempts": max_attempts,
            "taskObjective": task_objective,
            "expectedResults": None if expected_results is None else dict(expected_results),
            "executionFolderName": execution_folder_name,
        }
        accepted = self._json("POST", "/api/runs", {k: v for k, v in fields.items() if v is not None})
        return self.get(accepted["runId"])

    def get(self, run_id: str) -> Run:
        return Run.from_json(self._json("GET", self._run(run_id)))

    def wait(self, run_id: str, timeout: float | None = None, poll: float = 0.5) -> Run:
        """The run once it ended or waits for approval; ``WaitTimeout`` after ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            run = self.get(run_id)
            if run.ended or run.waiting:
                return run
            if deadline is not None and time.monotonic() + poll > deadline:
                raise WaitTimeout(f"run {run_id} is still {run.status} after {timeout} s")
            time.sleep(poll)

    def approve(self, run_id: str, code_sha256: str | None = None, comment: str | None = None) -> Run:
        """Approves the code that waits: the current attempt's, unless ``code_sha256`` names the code approved."""
        sha = code_sha256 or self.get(run_id).code_sha256
        body: dict[str, Any] = {"codeSha256": sha}
        if comment is not None:
            body["comment"] = comment
        self._json("POST", f"{self._run(run_id)}/approve", body)
        return self.get(run_id)

    def reject(self, run_id: str, reason: str, revise: bool = False) -> Run:
        """Rejects the code that waits; ``revise`` sends the run back to the model with the reason instead of ending it."""
        body: dict[str, Any] = {"reason": reason}
        if revise:
            body["revise"] = True
        self._json("POST", f"{self._run(run_id)}/reject", body)
        return self.get(run_id)

    def cancel(self, run_id: str) -> Run:
        """Ends the run; code that is running is stopped."""
        self._json("POST", f"{self._run(run_id)}/cancel")
        return self.get(run_id)

    def stream(self, run_id: str, last_event_id: str | None = None) -> Iterator[_events.Event]:
        """The run's transitions and output as they happen, from the first (or after ``last_event_id``).

        The iteration ends after the run's final status; while the run waits for approval it waits too.
        """
        headers = {"accept": "text/event-stream"}
        if last_event_id is not None:
            headers["last-event-id"] = last_event_id
        timeout = httpx.Timeout(self._http.timeout.connect, read=_stream_read_timeout)
        try:
            with self._http.stream("GET", f"{self._run(run_id)}/events", headers=headers, timeout=timeout) as response:
                if response.status_code >= 400:
                    response.read()
                    raise self._refusal(response)
                yield from _events.parse(response.iter_lines())
        except httpx.TransportError as error:
            raise ConnectionFailed(f"lost the pyexec server at {self.url} while following run {run_id}: {error}") from error

    def notebook(self, run_id: str, attempt: int | None = None) -> bytes:
        """The run's notebook (.ipynb): its final one, or the newest attempt's, or attempt ``attempt``'s."""
        params = {} if attempt is None else {"attempt": attempt}
        return self._request("GET", f"{self._run(run_id)}/notebook.ipynb", params=params).content

    def figures(self, run_id: str) -> list[bytes]:
        """The PNG figures the current attempt's code left."""
        result = self.get(run_id).result
        return [] if result is None else [self._request("GET", url).content for url in result.figures]

    def _run(self, run_id: str) -> str:
        return f"/api/runs/{quote(run_id, safe='')}"

    def _json(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        return self._request(method, path, json=body).json()

    def _request(self, method: str, path: str, **options: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **options)
        except httpx.TransportError as error:
            raise ConnectionFailed(f"cannot reach the pyexec server at {self.url}: {error}") from error
        if response.status_code >= 400:
            raise self._refusal(response)
        return response

    @staticmethod
    def _refusal(response: httpx.Response) -> ApiError:
        try:
            body = response.json()
        except ValueError:
            body = None
        return ApiError.from_response(response.status_code, body, response.text)
