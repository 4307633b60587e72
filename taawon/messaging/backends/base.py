"""What every message backend is: one `send` of one message, success or a SendError."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Outgoing:
    """A message as a backend sees it: plain values, no database row."""

    reference: str  # ours, unique per message; gateways echo it back in delivery reports
    to: str  # E.164
    body: str
    language: str


class SendError(Exception):
    """The message was not sent. `permanent`: trying again would fail the same way."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class MessageBackend(Protocol):
    name: str

    def send(self, message: Outgoing) -> str:
        """Send `message`; return the gateway's reference for it ("" when there is none)."""
        ...
