"""Case-study packages: what each country did, sized for Iraq's diaspora (derivations in params.py)."""

from __future__ import annotations

from dashboard.scenario.params import ESP_BUDGET_EUR_2014, EUR_USD, IRELAND_BORN_ABROAD_2020, LEVERS, Lever
from dashboard.scenario.spec import Scenario

#: Ireland's Emigrant Support Programme, €11.6M (2014) for 734,317 Irish-born abroad, in USD per emigrant.
_ESP_USD_PER_EMIGRANT = round(ESP_BUDGET_EUR_2014 / IRELAND_BORN_ABROAD_2020 * EUR_USD)


def _default(lever_id: str) -> float | None:
    lever: Lever = LEVERS[lever_id]
    return lever.size.default if lever.size else None


PRESETS: dict[str, dict[str, float | None]] = {
    # Thousand Talents Plan: funded positions for top experts.
    "china": {"talent": _default("talent")},
    # MOIA and its services, the OCI card, Pravasi Bharatiya Divas.
    "india": {"institution": _default("institution"), "card": None, "convention": _default("convention")},
    # Global Irish Network and Economic Forum, ConnectIreland finder's fees, Emigrant Support Programme.
    "ireland": {"network": 1_000, "convention": 200, "protection": _ESP_USD_PER_EMIGRANT},
    # KIST-style institute (Brain Return 500) and the Overseas Koreans Foundation.
    "korea": {"institute": _default("institute"), "institution": _default("institution")},
    # Hsinchu Science Park with returnee incentives.
    "taiwan": {"park": None},
}


def preset(case_id: str, base: Scenario | None = None) -> Scenario:
    """The case's package, keeping the context and horizon of `base` (the world stays the same)."""
    base = base or Scenario()
    return Scenario.model_validate({**base.model_dump(), "levers": dict(PRESETS[case_id]), "name": case_id})
