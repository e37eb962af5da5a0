"""A scenario is data: a validated, frozen description that round-trips through JSON files and URLs.

A bad file or link raises `ScenarioError`, which names the field and its allowed range so the page can say
exactly what is wrong (and change nothing else).
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dashboard.scenario.params import LEVERS

FORMAT = "iraq-diaspora-scenario"
FORMAT_VERSION = 1
HORIZON_RANGE = (5, 15)
CONTEXT_RANGE = (0, 100)
NAME_MAX = 60
CONTEXT_KEYS = ("security", "economy", "trust")
#: Limits checked before any work: a saved scenario is under 2 KB and nests three levels; a link is shorter.
MAX_TEXT_BYTES = 64 * 1024          # a scenario file, or a link once decompressed
MAX_LINK_CHARS = 8 * 1024           # the ?scn= value as sent
MAX_DEPTH = 8                       # arrays and objects inside each other
FIELD_ECHO_MAX = 40                 # a field name from outside is echoed at most this long


class Context(BaseModel):
    """Iraq's situation, 0–100, where 50 is today's: scales every effect (see model.context_multipliers)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    security: int = Field(50, ge=CONTEXT_RANGE[0], le=CONTEXT_RANGE[1])
    economy: int = Field(50, ge=CONTEXT_RANGE[0], le=CONTEXT_RANGE[1])
    trust: int = Field(50, ge=CONTEXT_RANGE[0], le=CONTEXT_RANGE[1])


class Scenario(BaseModel):
    """A policy package (lever id -> size; None for levers without a size) in a context, over a horizon."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field("A", max_length=NAME_MAX)
    horizon: int = Field(10, ge=HORIZON_RANGE[0], le=HORIZON_RANGE[1])
    context: Context = Context()
    levers: dict[str, float | None] = Field(default_factory=dict)

    @field_validator("levers")
    @classmethod
    def _known_levers_in_range(cls, value: dict[str, float | None]) -> dict[str, float | None]:
        clean: dict[str, float | None] = {}
        for lever_id, size in sorted(value.items()):
            if lever_id not in LEVERS:
                raise ValueError(f"unknown lever {lever_id}")
            spec = LEVERS[lever_id].size
            if spec is not None and (size is None or not spec.minimum <= size <= spec.maximum):
                raise ValueError(f"levers.{lever_id} out of range")
            clean[lever_id] = None if spec is None else float(size)
        return clean

    def size(self, lever_id: str) -> float:
        """The lever's size (its default when it has none)."""
        value = self.levers.get(lever_id)
        return float(value) if value is not None else 0.0

    def without_levers(self) -> Scenario:
        """The baseline of this scenario: same context and horizon, no new policy."""
        return self.model_copy(update={"levers": {}})


@dataclass
class ScenarioError(ValueError):
    """What is wrong with a scenario file or link: the field, and what it may be."""

    field: str
    kind: Literal["range", "choice", "text", "format"]
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.kind == "range":
            return f"{self.field}: allowed {self.low:g}–{self.high:g}"
        if self.kind == "choice":
            return f"{self.field}: allowed {', '.join(self.choices)}"
        if self.kind == "text":
            return f"{self.field}: text of at most {NAME_MAX} characters"
        return f"{self.field}: not a scenario file or link"


def _echo(name: object) -> str:
    """A field name from a file or link, cut short (an unknown key can be any length)."""
    text = str(name)
    return text if len(text) <= FIELD_ECHO_MAX else text[:FIELD_ECHO_MAX] + "…"


def _error_for(loc: tuple[Any, ...], raw: dict[str, Any]) -> ScenarioError:
    """Translate a pydantic error location into the field and its allowed range."""
    parts = [_echo(p) for p in loc]
    if not parts:
        return ScenarioError("scenario", "format")
    head = parts[0]
    if head == "horizon":
        return ScenarioError("horizon", "range", *HORIZON_RANGE)
    if head == "context" and len(parts) > 1 and parts[1] in CONTEXT_KEYS:
        return ScenarioError(f"context.{parts[1]}", "range", *CONTEXT_RANGE)
    if head == "context":
        return ScenarioError("context", "choice", choices=CONTEXT_KEYS)
    if head == "name":
        return ScenarioError("name", "text", 0, NAME_MAX)
    if head == "levers":
        levers = raw.get("levers")
        if isinstance(levers, dict):
            for lever_id, size in levers.items():
                if lever_id not in LEVERS:
                    return ScenarioError(f"levers.{_echo(lever_id)}", "choice", choices=tuple(LEVERS))
                spec = LEVERS[lever_id].size
                if spec is not None and not (isinstance(size, int | float) and spec.minimum <= size <= spec.maximum):
                    return ScenarioError(f"levers.{lever_id}", "range", spec.minimum, spec.maximum)
        return ScenarioError("levers", "choice", choices=tuple(LEVERS))
    return ScenarioError(head, "choice", choices=("name", "horizon", "context", "levers"))


def from_dict(raw: Any) -> Scenario:
    """Validate a decoded scenario; raise ScenarioError naming the first bad field."""
    if not isinstance(raw, dict):
        raise ScenarioError("scenario", "format")
    body = {k: v for k, v in raw.items() if k not in ("format", "version")}
    try:
        return Scenario.model_validate(body)
    except ValidationError as exc:
        raise _error_for(tuple(exc.errors()[0]["loc"]), body) from None


def to_json(scenario: Scenario) -> str:
    """A readable scenario file (what "Save" downloads)."""
    return json.dumps({"format": FORMAT, "version": FORMAT_VERSION, **scenario.model_dump()}, indent=2,
                      ensure_ascii=False)


def _depth_within(text: str, limit: int) -> bool:
    """True when no array or object in the JSON `text` nests deeper than `limit` (checked before parsing, so a
    deeply nested file cannot exhaust the parser's recursion)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return False
        elif char in "]}":
            depth -= 1
    return True


def _bounded_json(text: str | bytes, field: str) -> Any:
    """Parse JSON of at most MAX_TEXT_BYTES and MAX_DEPTH levels; anything else is not a scenario."""
    if len(text) > MAX_TEXT_BYTES:
        raise ScenarioError(field, "format")
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        if not _depth_within(text, MAX_DEPTH):
            raise ScenarioError(field, "format")
        return json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ScenarioError(field, "format") from None


def from_json(text: str | bytes) -> Scenario:
    """A scenario file: at most MAX_TEXT_BYTES, validated field by field."""
    raw = _bounded_json(text, "scenario")
    if isinstance(raw, dict) and raw.get("format", FORMAT) != FORMAT:
        raise ScenarioError("format", "choice", choices=(FORMAT,))
    return from_dict(raw)


def to_url(scenario: Scenario) -> str:
    """Compact URL value: urlsafe base64 of compressed compact JSON (one query parameter, ?scn=...)."""
    compact = {"n": scenario.name, "h": scenario.horizon,
               "c": [scenario.context.security, scenario.context.economy, scenario.context.trust],
               "l": {k: int(v) if v is not None and float(v).is_integer() else v for k, v in scenario.levers.items()}}
    packed = zlib.compress(json.dumps(compact, separators=(",", ":"), ensure_ascii=False).encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def _inflate(packed: bytes) -> bytes:
    """Decompress at most MAX_TEXT_BYTES (a zlib bomb stops there, having cost that much memory and no more)."""
    inflater = zlib.decompressobj()
    text = inflater.decompress(packed, MAX_TEXT_BYTES + 1)
    if len(text) > MAX_TEXT_BYTES or inflater.unconsumed_tail or not inflater.eof:
        raise ScenarioError("scn", "format")
    return text


def from_url(value: str) -> Scenario:
    """A ?scn= link: at most MAX_LINK_CHARS, decompressing to at most MAX_TEXT_BYTES; anything else raises
    ScenarioError("scn", "format") ("this link is not a valid scenario")."""
    if len(value) > MAX_LINK_CHARS:
        raise ScenarioError("scn", "format")
    try:
        packed = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        compact = _bounded_json(_inflate(packed), "scn")
        context = compact.get("c", [50, 50, 50])
        if not (isinstance(context, list) and len(context) == 3):
            raise ScenarioError("context", "choice", choices=CONTEXT_KEYS)
        raw = {"name": compact.get("n", "A"), "horizon": compact.get("h", 10),
               "context": dict(zip(CONTEXT_KEYS, context, strict=True)), "levers": compact.get("l", {})}
    except ScenarioError:
        raise
    except (binascii.Error, zlib.error, ValueError, UnicodeDecodeError, AttributeError, TypeError, RecursionError):
        raise ScenarioError("scn", "format") from None
    return from_dict(raw)
