"""The app's pages, in navigation order: the one table the router, presentation mode and the tests read.

Everything else refers to a page by its id; a page's file path is written here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    id: str           # stable id the code refers to
    file: str         # the page script, relative to the repository root
    title_key: str    # translation key of its navigation title
    icon: str         # Material icon bundled with Streamlit (works offline)
    url_path: str     # its address under the app's root

    @property
    def address(self) -> str:
        """The path a browser opens: the default (first) page is served at the root."""
        return "" if self is PAGES[0] else self.url_path


PAGES: tuple[Page, ...] = (
    Page("overview", "pages/overview.py", "nav.overview", "home", "overview"),
    Page("map", "pages/map.py", "nav.map", "public", "map"),
    Page("skills", "pages/skills.py", "nav.skills", "school", "skills"),
    Page("scenarios", "pages/scenarios.py", "nav.scenarios", "tune", "scenarios"),
    Page("workshop", "pages/workshop.py", "nav.workshop", "groups", "workshop"),
    Page("case_studies", "pages/case_studies.py", "nav.cases", "menu_book", "case-studies"),
    Page("methodology", "pages/methodology.py", "nav.methodology", "functions", "methodology"),
    Page("data", "pages/data_sources.py", "nav.data", "database", "data"),
)

PAGE_IDS: tuple[str, ...] = tuple(p.id for p in PAGES)
_BY_ID = {p.id: p for p in PAGES}


def page(page_id: str) -> Page:
    """The page with this id (KeyError for an unknown id: a typo fails loudly, in tests)."""
    return _BY_ID[page_id]


def page_at(url_path: str | None) -> Page:
    """The page Streamlit reports as running (its url_path; "" or None for the default page)."""
    return next((p for p in PAGES if p.url_path == url_path), PAGES[0])
