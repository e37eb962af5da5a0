"""How a dataset is cited in one line: the same text under a chart, in a download and in the briefing."""

from __future__ import annotations

from dashboard.i18n import t, t_optional
from dashboard.registry import DatasetMeta


def isolate(text: object) -> str:
    """`text` as a bidi isolate, so a Latin name inside an Arabic sentence keeps its own order."""
    return f"\u2068{text}\u2069"


def provenance(meta: DatasetMeta, name: str, lang: str) -> str:
    """One provenance field (publisher, title, revision) in `lang`: bundled datasets have translations;
    uploads keep what was entered."""
    return t_optional(f"dataset.{meta.id}.{meta.version}.{name}", lang) or str(getattr(meta, name))


def source_line(meta: DatasetMeta, lang: str) -> str:
    """The short source line of a dataset version. Each name is a bidi isolate."""
    return t("common.source_short", lang, publisher=isolate(provenance(meta, "publisher", lang)),
             title=isolate(provenance(meta, "title", lang)), revision=isolate(provenance(meta, "revision", lang)),
             years=isolate(meta.years))


def source_lines(metas: list[DatasetMeta] | tuple[DatasetMeta, ...], lang: str) -> str:
    """Several source lines as one caption (datasets combined in one figure)."""
    return " ".join(source_line(meta, lang) for meta in metas)
