"""How a dataset is cited in one line: the same text under a chart, in a download and in the briefing."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.i18n import t, t_optional
from dashboard.registry import DatasetMeta


def isolate(text: object) -> str:
    """`text` as a bidi isolate, so a Latin name inside an Arabic sentence keeps its own order."""
    return f"\u2068{text}\u2069"


def provenance(meta: DatasetMeta, name: str, lang: str, escape: Callable[[str], str] = str) -> str:
    """One provenance field (publisher, title, revision) in `lang`: bundled datasets have translations (or their
    manifest's text, part of the product); a published or uploaded version keeps what was entered, passed through
    `escape` (it came from a form, a file or the store)."""
    translated = t_optional(f"dataset.{meta.id}.{meta.version}.{name}", lang)
    if translated:
        return translated
    text = str(getattr(meta, name))
    return text if meta.is_bundled else escape(text)


def source_line(meta: DatasetMeta, lang: str, escape: Callable[[str], str] = str) -> str:
    """The short source line of a dataset version. Each name is a bidi isolate. Where the line is shown as
    Markdown (a caption), pass `escape=dashboard.plaintext.markdown`; downloads take it as it is."""
    def field(name: str) -> str:
        return isolate(provenance(meta, name, lang, escape))

    return t("common.source_short", lang, publisher=field("publisher"), title=field("title"),
             revision=field("revision"), years=isolate(meta.years))


def source_lines(metas: list[DatasetMeta] | tuple[DatasetMeta, ...], lang: str,
                 escape: Callable[[str], str] = str) -> str:
    """Several source lines as one caption (datasets combined in one figure)."""
    return " ".join(source_line(meta, lang, escape) for meta in metas)
