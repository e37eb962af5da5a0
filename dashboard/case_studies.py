"""The five case studies presented at the Erbil workshop (2015): reported results with their sources.

Texts (context, instruments, lessons, relevance for Iraq, result labels) are translation keys
``cases.<id>.*``; numbers live here or, where the scenario parameters use them too, in
dashboard/scenario/params.py, and every link is a key of params.URLS (one link written once), all from
../shared/reference/case_studies.md. Where a headline
claim and a verified result differ, both are kept (``target`` / ``claimed`` / ``reported``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import Digits, format_number, t
from dashboard.scenario import params as p
from dashboard.scenario.params import URLS
from dashboard.scenario.presets import PRESETS

FIGURES = ("target", "claimed", "reported")


@dataclass(frozen=True)
class Result:
    """One reported result. `key` names the label ``cases.<case>.r.<key>``; weak = press/blog/NGO source.

    `source` is the key (in params.URLS) of where the figures come from; a figure that comes from elsewhere
    names its own source (`target_source`, `claimed_source`), so every figure links to what it rests on.
    """

    key: str
    year: str
    source: str
    target: float | None = None
    claimed: float | None = None
    reported: float | None = None
    weak: bool = False
    target_source: str | None = None
    claimed_source: str | None = None

    def __post_init__(self) -> None:
        unknown = [k for k in (self.source, self.target_source, self.claimed_source) if k and k not in URLS]
        if unknown:
            raise ValueError(f"result {self.key}: unknown sources {unknown}")

    def links(self) -> dict[str, str]:
        """Each figure shown (target, claimed, reported) -> the link to its source."""
        own = {"target": self.target_source, "claimed": self.claimed_source}
        return {name: URLS[own.get(name) or self.source] for name in FIGURES if getattr(self, name) is not None}


@dataclass(frozen=True)
class CaseStudy:
    id: str
    diaspora: int | None  # born abroad, UN DESA IMS 2020 (None: not a separate origin)
    results: tuple[Result, ...]

    @property
    def levers(self) -> tuple[str, ...]:
        return tuple(PRESETS[self.id])


_R = Result
CASES: dict[str, CaseStudy] = {c.id: c for c in (
    CaseStudy("china", p.CHINA_BORN_ABROAD_2020, (
        _R("ttp_recruits", "2008–2012", "ttp_people", target=p.TTP_TARGET, reported=p.TTP_RECRUITS),
        _R("ttp_total", "2017", "ttp_total", claimed=9_500, weak=True),
        _R("moe_returned", "1978–2019", "moe_returned", reported=4_231_700),
        _R("returnee_firms", "2006", "zgc", reported=2_000),
    )),
    CaseStudy("india", 17_869_492, (
        _R("oci_cards", "2005–2020", "oci_2020", reported=3_579_011),
        _R("pbd_2019", "2019", "pbd_2019", claimed=7_228, reported=p.PBD_DELEGATES[0], weak=True),
        _R("pbd_2017", "2017", "pbd_2017", reported=p.PBD_DELEGATES[1]),
        _R("remittances_2023", "2023", "india_remit_2023", claimed=125e9, reported=120e9,
           claimed_source="india_remit_2023_brief"),
    )),
    CaseStudy("ireland", p.IRELAND_BORN_ABROAD_2020, (
        _R("connect_jobs", "2012–2017", "connect_verified", target=p.CONNECT_IRELAND_TARGET_JOBS,
           claimed=p.CONNECT_IRELAND_CLAIMED_JOBS, reported=p.CONNECT_IRELAND_VERIFIED_JOBS,
           target_source="connect_fee"),
        _R("connect_paid_eur", "2012–2017", "connect_verified", reported=p.CONNECT_IRELAND_PAID_EUR),
        _R("gief_2009", "2009", "gief_2009", claimed=180, reported=130, claimed_source="gief_2009_180"),
        _R("esp_budget_eur", "2014", "esp_2014", reported=p.ESP_BUDGET_EUR_2014),
    )),
    CaseStudy("korea", 2_204_554, (
        _R("returned_1953_67", "1953–1967", "korea_return", reported=973),
        _R("brain_return_500", "2012–2017", "brain_return", target=500),
        _R("kist_returnees", "1966–1990", "kist_returnees", claimed=1_000, weak=True),
        _R("phd_returnees_2020", "2020", "korea_phd_returnees", reported=1_276),
    )),
    CaseStudy("taiwan", None, (
        _R("returned_1985_90", "1985–1990", "taiwan_mpi", reported=50_000),
        _R("hsinchu_firms_2009", "2009", "hsinchu_2009", reported=432, weak=True),
        _R("hsinchu_jobs_2009", "2009", "hsinchu_2009", reported=130_000, weak=True),
        _R("hsinchu_startups_2000", "1980–2000", "hsinchu_startups", reported=260),
    )),
)}


def source_text(result: Result, lang: str) -> str:
    """The source cell: one link, or, where figures come from different sources, each figure with its own."""
    links = result.links()
    if len(set(links.values())) == 1:
        return next(iter(links.values()))
    return "; ".join(f"{t(f'cases.col_{name}', lang)}: {url}" for name, url in links.items())


TEXT_PARTS = ("context", "instruments", "lessons", "relevance")


def results_table(case: CaseStudy, lang: str, digits: Digits = "western") -> pd.DataFrame:
    """The case's results as displayed: target, claimed and reported side by side, with source and year."""
    def num(value: float | None) -> str:
        return format_number(value, lang, digits)

    rows = [{
        t("cases.col_measure", lang): t(f"cases.{case.id}.r.{r.key}", lang)
        + (" " + t("cases.weak", lang) if r.weak else ""),
        t("cases.col_target", lang): num(r.target),
        t("cases.col_claimed", lang): num(r.claimed),
        t("cases.col_reported", lang): num(r.reported),
        t("cases.col_year", lang): r.year,
        t("cases.col_source", lang): source_text(r, lang),
    } for r in case.results]
    return pd.DataFrame(rows)
