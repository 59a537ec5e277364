"""Requests and answers as the simulator's route handlers see them, Mirakl-shaped.

Errors are JSON `{"status": 400, "message": ...}` as Mirakl sends them; the spec gives error
answers no schema, only this habit.
"""

from __future__ import annotations

import email.message
import email.parser
import email.policy
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from counter_app.marketplace.simulator.common import InvalidRequestError

SHOP_NAME = "Librairie des Canuts (simulateur)"


class Reply:
    """A computed answer, written after any injected delay."""

    def __init__(
        self, status: int, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        self.status = status
        self.body = body
        self.headers = headers or {}


@dataclass
class Request:
    """One API request: what a route handler reads (the path's groups in `match`)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: email.message.Message
    body: bytes
    match: re.Match[str] | None = field(default=None)

    def one(self, name: str, default: str = "") -> str:
        return self.query.get(name, [default])[0]

    def many(self, name: str) -> list[str]:
        """A comma-separated (or repeated) query parameter, empty items dropped."""
        return [item for value in self.query.get(name, []) for item in value.split(",") if item]

    def group(self, index: int = 1) -> str:
        assert self.match is not None
        return self.match.group(index)

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"{}")
        except ValueError as exc:
            raise InvalidRequestError(f"the body is not valid JSON: {exc}") from None

    def form(self) -> dict[str, list[tuple[str, bytes]]]:
        """A multipart/form-data body as name -> [(file name, content)]; 400 otherwise."""
        ctype = self.headers.get("Content-Type", "")
        if not ctype.startswith("multipart/form-data"):
            raise InvalidRequestError(f"{self.path} expects multipart/form-data")
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + self.body
        )
        parts: dict[str, list[tuple[str, bytes]]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            content = part.get_payload(decode=True) or b""
            if isinstance(name, str) and isinstance(content, bytes):
                parts.setdefault(name, []).append((part.get_filename() or "file", content))
        return parts

    def form_json(self, name: str) -> Any:
        """The JSON part `name` of a multipart body (OR43 `thread_input`, M12 `message_input`)."""
        parts = self.form().get(name)
        if not parts:
            raise InvalidRequestError(f"{name} is required")
        try:
            return json.loads(parts[0][1].decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise InvalidRequestError(f"{name} is not valid JSON") from None


def json_reply(status: int, payload: Any) -> Reply:
    return Reply(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def error(status: int, message: str) -> Reply:
    return json_reply(status, {"status": status, "message": message})


def retry_after_header(seconds: float) -> str:
    """`Retry-After` as HTTP wants it: whole seconds (a fraction is rounded up)."""
    return str(max(0, math.ceil(seconds)))


def too_many(seconds: float) -> Reply:
    reply = error(429, "Too many requests")
    reply.headers["Retry-After"] = retry_after_header(seconds)
    return reply
