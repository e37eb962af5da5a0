"""The diaspora map page's state (seeded from and published to the URL) and its two lower parts: the country
panel and the trend tabs. The page lays out the controls and the map and calls these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from dashboard import diaspora, plaintext, skills_official
from dashboard.charts import map as charts
from dashboard.charts import skills_official as official_charts
from dashboard.countries import with_names
from dashboard.i18n import format_number, format_percent, join_list, t
from dashboard.registry import Dataset, DatasetMeta
from dashboard.skills import sample_note
from dashboard.sources import provenance, source_line, source_lines
from ui import cached, state, widgets

#: The map's widgets and the translation keys of their labels (for notices about unknown URL values).
LABELS = {"map_rev": "map.revision", "map_year": "map.year", "map_sex": "map.sex", "map_measure": "map.measure",
          "map_base": "map.base_year", "map_log": "map.log_scale", "map_country": "map.country"}


def seed_revision(revisions: Sequence[str]) -> None:
    """The revision first: the other widgets' options depend on it."""
    state.seed_from_url("map_rev", list(revisions), revisions[0])
    state.keep_within("map_rev", list(revisions), revisions[0])


def chosen_stock(version: str | None) -> Dataset:
    """The migrant-stock revision the reader picked on the map. An upload explored in this session is one of the
    options: it is shown when picked (and by default, being first), and a shared revision when that is picked,
    even the active one that the upload stands in for on other pages (before, picking "Rev.2020" kept showing
    the upload, with its note that it "reports men and women together only: choose Rev.2020")."""
    own = state.session_dataset("migrant_stock")
    if version is None or (own is not None and version == own.meta.version):
        return cached.dataset("migrant_stock", version)
    return cached.shared_version("migrant_stock", version)


def coverage_gaps(stock: Dataset) -> tuple[dict[str, str], DatasetMeta | None]:
    """Destinations the chosen version has no figure for (never drawn or listed as zero), and the revision
    that says so: a bundled revision's own list from its source, or, for a published version, the destinations
    of the bundled revision nearest in year that it leaves out ("not in this version")."""
    if stock.meta.is_bundled:
        return diaspora.coverage_gaps(stock.frame, stock.meta.not_estimated), stock.meta
    bundled = [m for m in cached.versions("migrant_stock") if m.is_bundled and m.year_max is not None]
    if not bundled or stock.meta.year_max is None:
        return {}, None
    nearest = min(bundled, key=lambda m: abs(m.year_max - stock.meta.year_max))
    reference = cached.shared_version("migrant_stock", nearest.version).frame
    return diaspora.coverage_gaps(stock.frame, bundled=reference), nearest


def gaps_note(gaps: dict[str, str], says_so: DatasetMeta, names: dict[str, str], lang: str) -> str:
    """One sentence under the map naming the destinations without a figure, by reason; `says_so` is the bundled
    revision that does not estimate them (named in the reader's language)."""
    revision = provenance(says_so, "revision", lang)
    parts = []
    for reason, key in ((diaspora.NOT_ESTIMATED, "map.gaps_note"), (diaspora.NOT_IN_VERSION, "map.gaps_note_version")):
        listed = sorted(names.get(c, c) for c, why in gaps.items() if why == reason)
        if listed:
            parts.append(t(key, lang, revision=revision, countries=join_list(listed, lang)))
    return " ".join(parts)


def seed_view(years: list[int], sexes: list[str], countries: Sequence[str]) -> None:
    """Year, sex, measure, base year, log scale and country from the URL, kept within this revision's options."""
    state.seed_from_url("map_year", years, years[-1], cast=int)
    state.seed_from_url("map_sex", sexes, sexes[0])
    state.seed_from_url("map_measure", list(diaspora.MEASURES), "people")
    state.seed_from_url("map_base", years, years[0], cast=int)
    state.seed_from_url("map_log", [True, False], False,
                        cast=lambda raw: {"true": True, "false": False}.get(raw.lower()))
    state.seed_from_url("map_country", sorted(countries), None)
    state.keep_within("map_year", years, years[-1])
    state.keep_within("map_base", years, years[0])
    state.keep_within("map_sex", sexes, sexes[0])


def show_url_notices(lang: str) -> None:
    for key, value in state.take_url_notices():
        st.info(t("map.url_notice", lang, field=t(LABELS[key], lang) if key in LABELS else key, value=value),
                icon=":material/info:")


def publish() -> None:
    state.publish_to_url(*LABELS)


@dataclass(frozen=True)
class MapView:
    """What the page has chosen and computed, for the parts below the map."""

    lang: str
    digits: str
    stock: Dataset
    refugees: Dataset
    countries: pd.DataFrame
    names: dict[str, str]
    measures: pd.DataFrame
    year: int
    sex: str
    sex_label: str
    gaps: dict[str, str] = field(default_factory=dict)  # destinations with no figure in this version

    @property
    def stock_key(self) -> tuple[str, str]:
        return self.stock.meta.version, self.stock.meta.sha256

    def both_sources(self, escape: Callable[[str], str] = str) -> str:
        """Both source lines (`escape=plaintext.markdown` in a caption)."""
        return source_lines((self.stock.meta, self.refugees.meta), self.lang, escape)


def official_education(column, iso3: str, lang: str, digits: str) -> None:
    """The country's DIOC-E tertiary share beside its stock ("no official figure" when DIOC has none, never 0),
    with its people aged 15+, its reason when flagged, and its source."""
    dioc = cached.dataset("skills_dioc_e")
    figure = skills_official.official_education(dioc.frame, iso3)
    shown = t("official.no_figure", lang) if figure is None else format_percent(figure["share"], lang, digits)
    line = plaintext.markdown(official_charts.panel_text(figure, lang, digits))  # reasons may come from a file
    column.metric(t("official.panel_metric", lang), shown, help=line)
    st.caption(f"{t('official.panel_title', lang)}: {line}. {source_line(dioc.meta, lang, plaintext.markdown)}")


#: The country panel's container: a click on the map brings it into view.
PANEL_KEY = "country_panel"


def country_panel(view: MapView, selected: str) -> None:
    """The country panel, brought into view when a map click has just opened it."""
    with st.container(key=PANEL_KEY):
        _country_story(view, selected)
        if state.take_scroll(PANEL_KEY):
            widgets.bring_into_view(PANEL_KEY)


def _country_story(view: MapView, selected: str) -> None:
    """One country's story: people there, rank, share, refugees, the trend, and its skills summary."""
    lang, digits, year, stock, refugees = view.lang, view.digits, view.year, view.stock, view.refugees
    country = view.names.get(selected, selected)
    st.subheader(t("map.panel_heading", lang, country=country))
    here = view.measures[view.measures["destination_iso3"] == selected]
    series = diaspora.country_series(stock.frame, selected)
    asylum = diaspora.refugees_in(refugees.frame, selected)
    present = here[here["migrants"] > 0]
    ranked = int(view.measures["rank"].notna().sum())
    metrics = st.columns(5)
    people = int(present["migrants"].iloc[0]) if not present.empty else 0
    gap = view.gaps.get(selected)
    metrics[0].metric(t("map.panel_people", lang, year=year, sex=view.sex_label),
                      "–" if gap else format_number(people, lang, digits))
    if not present.empty:
        metrics[1].metric(t("map.panel_rank", lang, n=format_number(ranked, lang, digits)),
                          format_number(int(present["rank"].iloc[0]), lang, digits))
        metrics[2].metric(t("map.panel_share", lang, year=year),
                          format_percent(float(present["share"].iloc[0]), lang, digits, decimals=2))
    earlier = asylum[asylum["year"] <= year]
    if not earlier.empty:
        latest = earlier.iloc[-1]
        metrics[3].metric(t("map.panel_refugees", lang, year=int(latest["year"])),
                          format_number(int(latest["refugees"] + latest["asylum_seekers"]), lang, digits))
    official_education(metrics[4], selected, lang, digits)
    revision = provenance(stock.meta, "revision", lang, plaintext.markdown)   # a published name, as typed
    if gap:
        st.info(t("map.panel_gap", lang, country=country, reason=t(f"map.gap.{gap}", lang), revision=revision),
                icon=":material/help:")
    elif int(series.drop(columns="year").to_numpy().sum()) == 0:
        st.info(t("map.panel_no_stock", lang, revision=revision, country=country))
    if asylum.empty:
        st.caption(t("map.panel_no_refugees", lang, country=country, years=refugees.meta.years))
    panel_title = t("map.panel_trend_title", lang, country=country)
    widgets.chart(charts.country_trend(series, asylum, lang, panel_title), key="map_country_trend")
    st.caption(f"{view.both_sources(plaintext.markdown)} {t('map.panel_refugees_inside', lang)}")
    if view.sex != "total" and not asylum.empty:  # the refugee series has no split by sex: say so
        st.caption(t("map.panel_refugees_both_sexes", lang))
    widgets.table_when_open(charts.country_table(series, asylum, lang),
                            f"iraqi_born_in_{selected}_{stock.meta.version}", view.both_sources(), lang,
                            "map_country_table")
    skills = cached.dataset("skills")
    summary = cached.skills_country_summary(skills.meta.version, skills.meta.sha256, selected, lang, digits)
    st.markdown(f"**{t('map.panel_skills', lang, country=country)}**")
    st.caption(sample_note(skills.meta, lang, plaintext.markdown))
    if summary.empty:
        st.caption(t("map.panel_no_skills", lang, country=country))
    else:
        widgets.table_with_downloads(summary, f"skills_in_{selected}", source_line(skills.meta, lang), lang,
                                     key="map_skills_table")
    widgets.source_caption(skills.meta, lang)


def trend_tabs(view: MapView, years: list[int]) -> None:
    """The diaspora over time: its total beside refugees, the largest destinations, and by region.
    Only the open tab is built (on_change="rerun" makes tabs report which one is open)."""
    lang, stock, refugees, sex = view.lang, view.stock, view.refugees, view.sex
    start, end, version = years[0], years[-1], stock.meta.version
    stock_source = source_line(stock.meta, lang)
    tab_total, tab_top, tab_region = st.tabs([t("map.tab_total", lang), t("map.tab_top", lang),
                                              t("map.tab_region", lang)], key="map_trend_tab", on_change="rerun")
    if tab_total.open:
        with tab_total:
            whole = cached.diaspora_with_refugees(view.stock_key, (refugees.meta.version, refugees.meta.sha256), sex,
                                                  stock.frame, refugees.frame)
            title = t("map.trend_total_title", lang, start=start, end=end, sex=view.sex_label)
            widgets.chart(charts.diaspora_trend_with_refugees(whole, lang, title), key="map_trend_total")
            st.caption(f"{view.both_sources(plaintext.markdown)} {t('map.panel_refugees_inside', lang)}")
            if sex != "total":
                st.caption(t("map.panel_refugees_both_sexes", lang))
            widgets.table_when_open(charts.diaspora_table(whole, lang), f"diaspora_and_refugees_{version}_{sex}",
                                    view.both_sources(), lang, "map_trend_total_table")
    if tab_top.open:
        with tab_top:
            top = with_names(diaspora.top_destinations_over_time(stock.frame, sex), view.countries, lang,
                             "destination_iso3")
            title = t("map.trend_top_title", lang, start=start, end=end, sex=view.sex_label)
            widgets.chart(charts.top_destinations_trend(top, lang, title), key="map_trend_top")
            widgets.source_caption(stock.meta, lang)
            widgets.table_when_open(charts.long_table(top, "country", lang), f"largest_destinations_{version}_{sex}",
                                    stock_source, lang, "map_trend_top_table")
    if tab_region.open:
        with tab_region:
            regions = diaspora.by_region(stock.frame, view.countries, sex)
            regions["region"] = [t(f"map.region.{r}", lang) for r in regions["region"]]
            title = t("map.trend_region_title", lang, start=start, end=end, sex=view.sex_label)
            widgets.chart(charts.regional_trend(regions, lang, title), key="map_trend_region")
            widgets.source_caption(stock.meta, lang)
            widgets.table_when_open(charts.long_table(regions, "region", lang), f"by_region_{version}_{sex}",
                                    stock_source, lang, "map_trend_region_table")
