"""Every number the scenario model runs on, as data: parameter ranges with their evidence, and the policy levers.

The Methodology page and the Assumptions tab are generated from `PARAMETERS` and `LEVERS`, so the table a
reader sees is the table the model uses. Evidence is ../shared/reference/case_studies.md (the case studies
presented at the IOM Iraq workshop, Erbil 2015). Each parameter says whether its range is *reported* (a
figure in a source), *derived* (arithmetic on reported figures, shown in the note) or an *assumption* (no
direct evidence; the range is deliberately wide). Label and note texts are translation keys
``scenario.param.<id>`` and ``scenario.param.<id>.note``; the numbers and links live here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Evidence = Literal["reported", "derived", "assumption"]

#: USD per EUR for every EUR figure (Ireland): the 2015 average rate, an ASSUMPTION (no exchange rate is in
#: the evidence file, so no link is given for it).
EUR_USD = 1.1095

# Reported figures the derivations below use (case_studies.md); dashboard/case_studies.py shows them from here.
IRELAND_BORN_ABROAD_2020 = 734_317  # UN DESA IMS 2020
CHINA_BORN_ABROAD_2020 = 10_461_170  # UN DESA IMS 2020
OVERSEAS_INDIANS_2017 = 31_200_000  # MEA, Jan 2017
IRAQ_BORN_ABROAD_2020 = 2_077_976  # UN DESA IMS 2020
IRAQ_RETURNS_7Y = 58_000  # national migration plan, Aug 2025 ("58,000+ returned in the past 7 years")
CONNECT_IRELAND_VERIFIED_JOBS, CONNECT_IRELAND_CLAIMED_JOBS, CONNECT_IRELAND_YEARS = 527, 2_000, 5
CONNECT_IRELAND_TARGET_JOBS, CONNECT_IRELAND_PAID_EUR = 5_000, 2_000_000
TTP_TARGET = 2_000  # Thousand Talents: about 2,000 top experts over 5-10 years
ESP_BUDGET_EUR_2014 = 11_600_000  # Ireland's Emigrant Support Programme, 2014
TTP_RECRUITS, TTP_YEARS = 2_263, 3.5  # Thousand Talents, end-2008 to Apr 2012
PBD_DELEGATES = (5_000, 8_000)  # Pravasi Bharatiya Divas 2019 attendance, 2017 delegates
OKF_GKN_USD, OKF_GKN_YEARS = 14_000_000, 3  # Global Korean Network: 16bn won (~$14M) over 3 years from 2010

#: Every link to the evidence, by key: the parameters here and the case-study results (dashboard/case_studies.py)
#: name these keys, so one link is written once.
URLS = {
    "iraq_plan": "https://www.finanznachrichten.de/nachrichten-2025-08/66296428-iraq-unveils-migration-plan-to-"
                 "promote-safe-pathways-for-iraqis-returning-home-020.htm",
    "iraq_policy": "https://www.budapestprocess.org/?p=7235",
    "iraq_remit": "http://www.iraq-businessnews.com/2012/02/02/brain-drain-with-no-gain/",
    "iraq_exodus": "http://warincontext.org/2015/10/07/iraq-fears-a-brain-drain-as-educated-young-people-head-to-"
                   "europe/",
    "taiwan_mpi": "http://www.migrationpolicy.org/article/brain-drain-and-gain-case-taiwan/",
    "hsinchu_wef": "http://www.weforum.org/best-practices/talent-mobility/hsinchu-science-park",
    "hsinchu_saxenian": "https://siepr.stanford.edu/publications/working-paper/taiwans-hsinchu-region-imitator-"
                        "and-partner-silicon-valley",
    "zgc": "https://bohrium.dp.tech/paper/arxiv/edaf541ca3277b3fc8a974075b0bd476e4980ffd742fd66d7e061b7d90cf18f6",
    "ttp_people": "http://en.people.cn/203691/7803501.html",
    "ttp_uwn": "https://www.universityworldnews.com/post.php?story=20130524153852829",
    "kist_salary": "https://transcription.si.edu/view/9790/SIA-SIA2017-009656",
    "brain_return": "http://www.ibs.re.kr/en/careers/brainReturn.jsp",
    "brain_return_weak": "https://communityjournalism.tistory.com/tag/%EA%B3%A0%EA%B8%89%EB%91%90%EB%87%8C?page=1",
    "korea_return": "https://sdgacademylibrary.mediaspace.kaltura.com/media/Brains+for+National+Innovation/"
                    "1_23wtc7o1",
    "okf_gkn": "https://sanjayinkorea.blogspot.com/2010/10/human-network-key-to-nations-future.html",
    "moia": "https://en.wikipedia.org/wiki/Ministry_of_Overseas_Indian_Affairs",
    "oci_2020": "https://business-standard.com/amp/article/news-ani/over-35-lakh-oci-cards-issued-till-march-12-"
                "mos-nityanand-rai-120031700768_1.html",
    "pbd_2017": "http://www.financialexpress.com/india-news/8000-delegates-attended-pravasi-bharatiya-divas-"
                "maximum-till-now-mea-spokesperson-vikas-swarup/500697/",
    "pbd_2019": "https://www.suhasinihaidar.com/pravasi-bharatiya-divas-attendance-dips/",
    "gief_2009": "https://docslib.org/doc/5133404/",
    "connect_fee": "https://www.irishtimes.com/business/economy/ireland/scheme-aims-to-create-5-000-jobs-from-"
                   "links-abroad-1.477938",
    "connect_fee_max": "https://www.oireachtas.ie/en/debates/question/2013-05-22/132/",
    "connect_verified": "https://fora.ie/connect-ireland-cancelled-ida-3298865-Mar2017/",
    "esp_2014": "https://dfa.ie/news-and-media/press-releases/press-release-archive/2014/october/minister-"
                "flanagan-budget-diaspora/minister-flanagan-welcomes-increase-in-financial-support-to-the-irish-"
                "diaspora-to-over-125m.php",
    "gief_2011": "https://www.dfa.ie/news-and-media/press-releases/press-release-archive/2011/september/programme-"
                 "for-the-global-irish-economic-forum-2011/tanaiste-announces-programme-for-the-global-irish-economic-"
                 "forum.php",
    "india_remit_2023": "https://www.devdiscourse.com/article/headlines/2996741-india-tops-global-remittance-chart-"
                        "with-usd-120-billion-in-2023",
    "gief_2009_180": "http://www.globalirish.ie/tag/global-irish-economic-forum/page/2/",
    "india_remit_2023_brief": "https://tripuratoday.com/detail?v=2190",
    "ttp_total": "http://www.globaltimes.cn/content/1067175.shtml",
    "moe_returned": "http://en.moe.gov.cn/news/press_releases/202012/t20201224_507474.html",
    "kist_returnees": "https://swkor624.tistory.com/archive/20210812",
    "korea_phd_returnees": "https://cm.asiae.co.kr/en/article/2023020108585042271",
    "hsinchu_2009": "http://technopolistimes.blogspot.com/2009/03",
    "connect_18m": "https://www.fdiintelligence.com/content/news/irelands-novel-job-hunt-48555",
    "hsinchu_startups": "https://www.cbsnews.com/news/taiwans-silicon-island/",
}


@dataclass(frozen=True)
class Param:
    """One uncertain quantity: a low / central / high range, its unit, and the evidence behind it."""

    id: str
    low: float
    central: float
    high: float
    unit: str  # a key of UNITS
    evidence: Evidence
    sources: tuple[str, ...] = ()  # keys of URLS
    lever: str | None = None  # None: used by every scenario (baseline, context, conversions)

    def __post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise ValueError(f"parameter {self.id}: need low <= central <= high")
        unknown = [s for s in self.sources if s not in URLS]
        if unknown:
            raise ValueError(f"parameter {self.id}: unknown sources {unknown}")

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(URLS[s] for s in self.sources)


UNITS = ("share_per_year", "usd", "usd_per_year", "elasticity", "jobs_per_million", "jobs_per_musd",
         "jobs_per_return", "share", "points_per_usd")

_P = Param
_eur = EUR_USD
_PARAMS: list[Param] = [
    # ---- baseline: organic engagement with no new policy ------------------------------------------------
    _P("organic_return", 0.005, 0.01, 0.02, "share_per_year", "assumption", ("iraq_plan",)),
    _P("organic_remote", 0.005, 0.02, 0.05, "share_per_year", "assumption"),
    _P("organic_short_term", 0.002, 0.01, 0.03, "share_per_year", "assumption"),
    _P("organic_investment", 0.002, 0.01, 0.03, "share_per_year", "assumption"),
    # ---- conversions ---------------------------------------------------------------------------------
    _P("investment_ticket", 5_000, 25_000, 100_000, "usd", "assumption"),
    _P("remittance_per_sender", 300, 1_000, 3_000, "usd_per_year", "assumption", ("iraq_remit",)),
    _P("jobs_per_musd", 2, 8, 20, "jobs_per_musd", "assumption"),
    _P("jobs_per_return", 0.1, 0.4, 1.0, "jobs_per_return", "derived", ("zgc",)),
    # ---- context: how strongly each setting scales engagement (multiplier = (setting / 50) ** elasticity)
    _P("elasticity_security_return", 0.5, 1.0, 2.0, "elasticity", "assumption", ("iraq_exodus",)),
    _P("elasticity_security_visit", 0.3, 0.7, 1.5, "elasticity", "assumption"),
    _P("elasticity_economy", 0.5, 1.0, 2.0, "elasticity", "derived", ("taiwan_mpi", "hsinchu_saxenian")),
    _P("elasticity_trust", 0.2, 0.5, 1.0, "elasticity", "assumption"),
    # ---- institutions ----------------------------------------------------------------------------------
    _P("institution_rate_remote", 0.01, 0.03, 0.08, "share_per_year", "assumption", ("iraq_policy",),
       "institution"),
    _P("institution_fixed_cost", 2_000_000, OKF_GKN_USD / OKF_GKN_YEARS, 8_000_000, "usd_per_year", "derived",
       ("okf_gkn", "moia"), "institution"),
    _P("institution_unit_cost", 200, 500, 1_500, "usd", "assumption", (), "institution"),
    _P("card_rate_short_term", 0.002, 0.005, 0.015, "share_per_year", "assumption", ("oci_2020",), "card"),
    _P("card_rate_investment", 0.001, 0.003, 0.01, "share_per_year", "assumption", ("oci_2020",), "card"),
    _P("card_rate_return", 0.0, 0.001, 0.003, "share_per_year", "assumption", ("oci_2020",), "card"),
    _P("card_rate_remit", 0.0, 0.01, 0.03, "share_per_year", "assumption", ("oci_2020",), "card"),
    _P("card_fixed_cost", 500_000, 1_000_000, 2_000_000, "usd_per_year", "assumption", (), "card"),
    _P("convention_rate_remote", 0.002, 0.01, 0.03, "share_per_year", "assumption",
       ("pbd_2017", "pbd_2019", "gief_2009", "gief_2011"), "convention"),
    _P("convention_rate_investment", 0.0005, 0.002, 0.006, "share_per_year", "assumption", ("gief_2009",),
       "convention"),
    _P("convention_fixed_cost", 300_000, 800_000, 2_000_000, "usd_per_year", "assumption", (), "convention"),
    _P("convention_unit_cost", 300, 1_000, 3_000, "usd", "assumption", (), "convention"),
    # ---- human capital ---------------------------------------------------------------------------------
    _P("talent_rate_return", 0.005, 0.02, 0.06, "share_per_year", "assumption",
       ("ttp_people", "brain_return_weak"), "talent"),
    _P("talent_share_permanent", 0.2, 0.5, 0.8, "share", "assumption", ("ttp_uwn",), "talent"),
    _P("talent_fixed_cost", 500_000, 1_000_000, 3_000_000, "usd_per_year", "assumption", (), "talent"),
    _P("talent_unit_cost", 50_000, 150_000, 300_000, "usd", "assumption", ("ttp_people",), "talent"),
    _P("institute_rate_return", 0.002, 0.01, 0.04, "share_per_year", "derived",
       ("korea_return", "brain_return", "brain_return_weak"), "institute"),
    _P("institute_fixed_cost", 5_000_000, 10_000_000, 20_000_000, "usd_per_year", "assumption",
       ("kist_salary",), "institute"),
    _P("institute_unit_cost", 40_000, 80_000, 150_000, "usd", "assumption", ("kist_salary",), "institute"),
    _P("park_rate_return", 0.002, 0.008, 0.03, "share_per_year", "derived", ("taiwan_mpi", "hsinchu_wef"), "park"),
    _P("park_rate_investment", 0.001, 0.004, 0.015, "share_per_year", "assumption",
       ("hsinchu_saxenian", "hsinchu_startups"), "park"),
    _P("park_fixed_cost", 10_000_000, 30_000_000, 80_000_000, "usd_per_year", "assumption", ("hsinchu_wef",),
       "park"),
    # ---- financial mobilisation ------------------------------------------------------------------------
    _P("network_jobs_rate",
       CONNECT_IRELAND_VERIFIED_JOBS / CONNECT_IRELAND_YEARS / IRELAND_BORN_ABROAD_2020 * 1e6 / 2,
       CONNECT_IRELAND_VERIFIED_JOBS / CONNECT_IRELAND_YEARS / IRELAND_BORN_ABROAD_2020 * 1e6,
       CONNECT_IRELAND_CLAIMED_JOBS / CONNECT_IRELAND_YEARS / IRELAND_BORN_ABROAD_2020 * 1e6,
       "jobs_per_million", "derived", ("connect_verified", "connect_fee"), "network"),
    _P("network_rate_investment", 0.0005, 0.002, 0.006, "share_per_year", "assumption", ("connect_18m",),
       "network"),
    _P("network_fee_per_job", 1_500 * _eur, CONNECT_IRELAND_PAID_EUR / CONNECT_IRELAND_VERIFIED_JOBS * _eur,
       4_000 * _eur, "usd",
       "derived", ("connect_fee", "connect_fee_max", "connect_verified"), "network"),
    _P("network_fixed_cost", 300_000, 1_000_000, 2_000_000, "usd_per_year", "assumption", ("gief_2009",),
       "network"),
    _P("remittance_rate_remit", 0.005, 0.02, 0.06, "share_per_year", "assumption", ("india_remit_2023",),
       "remittance"),
    _P("remittance_fixed_cost", 500_000, 1_000_000, 3_000_000, "usd_per_year", "assumption", (), "remittance"),
    # ---- protection of Iraqis abroad -------------------------------------------------------------------
    _P("protection_trust_per_usd", 0.1, 0.3, 0.6, "points_per_usd", "assumption", ("esp_2014",), "protection"),
]
PARAMETERS: dict[str, Param] = {p.id: p for p in _PARAMS}
#: Fixed order of parameters for sampling: common random numbers across every scenario of a session.
PARAM_ORDER: tuple[str, ...] = tuple(PARAMETERS)

# --------------------------------------------------------------------------------------------------
# Levers
# --------------------------------------------------------------------------------------------------
PILLARS = ("institutions", "human_capital", "financial", "protection")

#: Pools of people a lever draws on: the interested counts of the skills data, or everyone.
POOLS = ("mentoring", "short_term", "return", "investment", "people", "people_millions")
#: People-like channels the model adds up (per year); money and jobs are derived from them.
CHANNELS = ("remote", "short_term", "returns", "investors", "remit_senders", "direct_jobs")
#: The context multiplier each channel uses (see model.context_multipliers).
CHANNEL_CONTEXT = {"remote": "remote", "short_term": "visit", "returns": "return", "investors": "invest",
                   "remit_senders": "remote", "direct_jobs": "invest"}
#: Which pool limits each channel (the total can never exceed the people interested).
CHANNEL_POOL = {"remote": "mentoring", "short_term": "short_term", "returns": "return",
                "investors": "investment", "remit_senders": "people"}

HIGH = ("high",)
SKILLED = ("high", "medium")
ALL_SKILLS = None  # every skill level, including "unknown"
RESEARCH = ("higher_education", "health", "energy", "ict", "engineering_construction")
TECH = ("ict", "engineering_construction", "energy")


@dataclass(frozen=True)
class Effect:
    """People reached per year: pool (in the lever's segments) x rate x context multiplier x ramp."""

    channel: str
    pool: str
    rate: str  # parameter id
    capped: bool = False  # limited by the lever's capacity (at most one capped effect per lever)
    split_permanent: str | None = None  # share parameter: the rest of this effect counts as short_term


@dataclass(frozen=True)
class Size:
    """The one thing a user sizes for a lever: a capacity per year, or a budget per Iraqi abroad.

    How each default was chosen is the text ``scenario.lever.<id>.size_note``.
    """

    unit: str  # positions | posts | matches | delegates | jobs | usd_per_emigrant
    default: float
    minimum: float
    maximum: float
    step: float
    cost_basis: Literal["capacity", "uptake", "per_emigrant"]
    unit_cost: str | None = None  # parameter id (USD per unit); None for per_emigrant (the size is the cost)


@dataclass(frozen=True)
class Lever:
    """A policy instrument: its pillar, analogue case, ramp-up, reach, effects, cost and capacity."""

    id: str
    pillar: str
    case: str | None  # case study id (dashboard.case_studies); None: no case study covers it
    lag: int  # years until full effect (linear ramp)
    skills: tuple[str, ...] | None
    sectors: tuple[str, ...] | None
    effects: tuple[Effect, ...]
    fixed_cost: str
    size: Size | None = None
    trust_per_usd: str | None = None  # protection: trust points per USD per emigrant per year
    params: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if sum(e.capped for e in self.effects) > 1:
            raise ValueError(f"lever {self.id}: at most one capped effect")
        if any(e.capped for e in self.effects) and self.size is None:
            raise ValueError(f"lever {self.id}: a capped effect needs a size")
        own = tuple(p.id for p in _PARAMS if p.lever == self.id)
        object.__setattr__(self, "params", own)


_TTP_PER_MILLION_YEAR = TTP_RECRUITS / TTP_YEARS / CHINA_BORN_ABROAD_2020 * 1e6
_PBD_PER_MILLION = sum(PBD_DELEGATES) / 2 / OVERSEAS_INDIANS_2017 * 1e6

_LEVERS = [
    Lever("institution", "institutions", "india", 2, SKILLED, None,
          (Effect("remote", "mentoring", "institution_rate_remote", capped=True),),
          "institution_fixed_cost",
          Size("matches", 1_000, 0, 20_000, 100, "uptake", "institution_unit_cost")),
    Lever("card", "institutions", "india", 1, ALL_SKILLS, None,
          (Effect("short_term", "short_term", "card_rate_short_term"),
           Effect("investors", "investment", "card_rate_investment"),
           Effect("returns", "return", "card_rate_return"),
           Effect("remit_senders", "people", "card_rate_remit")),
          "card_fixed_cost"),
    Lever("convention", "institutions", "india", 1, HIGH, None,
          (Effect("remote", "mentoring", "convention_rate_remote", capped=True),
           Effect("investors", "investment", "convention_rate_investment")),
          "convention_fixed_cost",
          Size("delegates", round(_PBD_PER_MILLION * IRAQ_BORN_ABROAD_2020 / 1e6, -1), 0, 5_000, 10, "capacity",
               "convention_unit_cost")),
    Lever("talent", "human_capital", "china", 1, HIGH, None,
          (Effect("returns", "return", "talent_rate_return", capped=True,
                  split_permanent="talent_share_permanent"),),
          "talent_fixed_cost",
          Size("positions", round(_TTP_PER_MILLION_YEAR * IRAQ_BORN_ABROAD_2020 / 1e6, -1), 0, 2_000, 10,
               "uptake", "talent_unit_cost")),
    Lever("institute", "human_capital", "korea", 3, HIGH, RESEARCH,
          (Effect("returns", "return", "institute_rate_return", capped=True),),
          "institute_fixed_cost",
          Size("posts", 100, 0, 1_000, 10, "uptake", "institute_unit_cost")),
    Lever("park", "human_capital", "taiwan", 5, SKILLED, TECH,
          (Effect("returns", "return", "park_rate_return"),
           Effect("investors", "investment", "park_rate_investment")),
          "park_fixed_cost"),
    Lever("network", "financial", "ireland", 1, HIGH, None,
          (Effect("direct_jobs", "people_millions", "network_jobs_rate", capped=True),
           Effect("investors", "investment", "network_rate_investment")),
          "network_fixed_cost",
          Size("jobs", 500, 0, 5_000, 50, "uptake", "network_fee_per_job")),
    Lever("remittance", "financial", None, 1, ALL_SKILLS, None,
          (Effect("remit_senders", "people", "remittance_rate_remit"),),
          "remittance_fixed_cost"),
    Lever("protection", "protection", "ireland", 1, ALL_SKILLS, None, (), "protection_fixed_cost_none",
          Size("usd_per_emigrant", 5, 0, 40, 1, "per_emigrant", None),
          trust_per_usd="protection_trust_per_usd"),
]
LEVERS: dict[str, Lever] = {lever.id: lever for lever in _LEVERS}
LEVERS_BY_PILLAR: dict[str, tuple[str, ...]] = {
    pillar: tuple(lv.id for lv in _LEVERS if lv.pillar == pillar) for pillar in PILLARS
}
#: Fixed cost id used by levers whose whole cost is their size (protection): zero.
NO_FIXED_COST = "protection_fixed_cost_none"


def check_definitions() -> None:
    """Every parameter a lever names exists and belongs to it; run by the tests."""
    for lever in _LEVERS:
        named = [e.rate for e in lever.effects] + [e.split_permanent for e in lever.effects if e.split_permanent]
        named += [lever.fixed_cost] if lever.fixed_cost != NO_FIXED_COST else []
        named += [lever.size.unit_cost] if lever.size and lever.size.unit_cost else []
        named += [lever.trust_per_usd] if lever.trust_per_usd else []
        for pid in named:
            if pid not in PARAMETERS or PARAMETERS[pid].lever != lever.id:
                raise ValueError(f"lever {lever.id}: parameter {pid} missing or not its own")
        for effect in lever.effects:
            if effect.channel not in CHANNELS or effect.pool not in POOLS:
                raise ValueError(f"lever {lever.id}: bad channel or pool")
