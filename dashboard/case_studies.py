"""The five case studies presented at the Erbil workshop (2015): reported results with their sources.

Texts (context, instruments, lessons, relevance for Iraq, result labels) are translation keys
``cases.<id>.*``; numbers and links live here, from /work/shared/reference/case_studies.md. Where a headline
claim and a verified result differ, both are kept (``target`` / ``claimed`` / ``reported``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import Digits, format_number, t
from dashboard.scenario.presets import PRESETS


@dataclass(frozen=True)
class Result:
    """One reported result. `key` names the label ``cases.<case>.r.<key>``; weak = press/blog/NGO source."""

    key: str
    year: str
    url: str
    target: float | None = None
    claimed: float | None = None
    reported: float | None = None
    weak: bool = False


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
    CaseStudy("china", 10_461_170, (
        _R("ttp_recruits", "2008–2012", "http://en.people.cn/203691/7803501.html", target=2_000, reported=2_263),
        _R("ttp_total", "2017", "http://www.globaltimes.cn/content/1067175.shtml", claimed=9_500, weak=True),
        _R("moe_returned", "1978–2019", "http://en.moe.gov.cn/news/press_releases/202012/t20201224_507474.html",
           reported=4_231_700),
        _R("returnee_firms", "2006", "https://bohrium.dp.tech/paper/arxiv/"
           "edaf541ca3277b3fc8a974075b0bd476e4980ffd742fd66d7e061b7d90cf18f6", reported=2_000),
    )),
    CaseStudy("india", 17_869_492, (
        _R("oci_cards", "2005–2020", "https://business-standard.com/amp/article/news-ani/over-35-lakh-oci-cards-"
           "issued-till-march-12-mos-nityanand-rai-120031700768_1.html", reported=3_579_011),
        _R("pbd_2019", "2019", "https://www.suhasinihaidar.com/pravasi-bharatiya-divas-attendance-dips/",
           claimed=7_228, reported=5_000, weak=True),
        _R("pbd_2017", "2017", "http://www.financialexpress.com/india-news/8000-delegates-attended-pravasi-"
           "bharatiya-divas-maximum-till-now-mea-spokesperson-vikas-swarup/500697/", reported=8_000),
        _R("remittances_2023", "2023", "https://www.devdiscourse.com/article/headlines/2996741-india-tops-global-"
           "remittance-chart-with-usd-120-billion-in-2023", claimed=125e9, reported=120e9),
    )),
    CaseStudy("ireland", 734_317, (
        _R("connect_jobs", "2012–2017", "https://fora.ie/connect-ireland-cancelled-ida-3298865-Mar2017/",
           target=5_000, claimed=2_000, reported=527),
        _R("connect_paid_eur", "2012–2017", "https://fora.ie/connect-ireland-cancelled-ida-3298865-Mar2017/",
           reported=2_000_000),
        _R("gief_2009", "2009", "https://docslib.org/doc/5133404/", claimed=180, reported=130),
        _R("esp_budget_eur", "2014", "https://dfa.ie/news-and-media/press-releases/press-release-archive/2014/"
           "october/minister-flanagan-budget-diaspora/minister-flanagan-welcomes-increase-in-financial-support-to-"
           "the-irish-diaspora-to-over-125m.php", reported=11_600_000),
    )),
    CaseStudy("korea", 2_204_554, (
        _R("returned_1953_67", "1953–1967", "https://sdgacademylibrary.mediaspace.kaltura.com/media/"
           "Brains+for+National+Innovation/1_23wtc7o1", reported=973),
        _R("brain_return_500", "2012–2017", "http://www.ibs.re.kr/en/careers/brainReturn.jsp", target=500),
        _R("kist_returnees", "1966–1990", "https://swkor624.tistory.com/archive/20210812", claimed=1_000, weak=True),
        _R("phd_returnees_2020", "2020", "https://cm.asiae.co.kr/en/article/2023020108585042271", reported=1_276),
    )),
    CaseStudy("taiwan", None, (
        _R("returned_1985_90", "1985–1990", "http://www.migrationpolicy.org/article/brain-drain-and-gain-case-"
           "taiwan/", reported=50_000),
        _R("hsinchu_firms_2009", "2009", "http://technopolistimes.blogspot.com/2009/03", reported=432, weak=True),
        _R("hsinchu_jobs_2009", "2009", "http://technopolistimes.blogspot.com/2009/03", reported=130_000,
           weak=True),
        _R("hsinchu_startups_2000", "1980–2000", "https://www.cbsnews.com/news/taiwans-silicon-island/",
           reported=260),
    )),
)}

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
        t("cases.col_source", lang): r.url,
    } for r in case.results]
    return pd.DataFrame(rows)
