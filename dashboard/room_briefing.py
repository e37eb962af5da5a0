"""A workshop room as a briefing (dashboard.briefing: one HTML file that opens offline and prints on A4) and as
the tables the facilitator's view shows. Participant text (group names, rationales) goes in as plain text; the
briefing escapes every text it is given."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.briefing import BriefingSection, build_briefing, scenario_sections
from dashboard.i18n import Digits, format_number, t
from dashboard.rooms import Room, Submission, differences, lever_counts
from dashboard.scenario import tables
from dashboard.scenario.spec import Scenario


def lever_counts_table(submissions: Sequence[Submission], lang: str) -> pd.DataFrame:
    """Groups per lever, by pillar: pillar, lever, number of groups, which groups."""
    return pd.DataFrame([{
        t("rooms.col_pillar", lang): t(f"scenario.pillar.{row['pillar']}", lang),
        t("rooms.col_lever", lang): tables.lever_name(row["lever"], lang),
        t("rooms.col_groups", lang): row["groups"],
        t("rooms.col_which", lang): "; ".join(row["names"]),
    } for row in lever_counts(submissions)])


def _value_text(kind: str, item: str, value: object, lang: str, digits: Digits) -> str:
    if value is None:
        return "–"
    if value is True:
        return t("rooms.chosen", lang)
    return format_number(float(value), lang, digits)


def differences_table(submissions: Sequence[Submission], lang: str, digits: Digits) -> pd.DataFrame:
    """What differs between the packages: one row per lever or setting, one column per group."""
    rows = []
    for row in differences(submissions):
        label = {"lever": lambda i: tables.lever_name(i, lang), "horizon": lambda i: t("scenario.horizon", lang),
                 "context": lambda i: t(f"scenario.context.{i}", lang)}[row["kind"]](row["item"])
        rows.append({t("rooms.col_item", lang): label,
                     **{group: _value_text(row["kind"], row["item"], value, lang, digits)
                        for group, value in row["values"].items()}})
    return pd.DataFrame(rows)


def package_notes(scenario: Scenario, lang: str, digits: Digits) -> list[str]:
    """A package in words: each lever (with its size), then the world it assumes."""
    notes = [tables.lever_name(lid, lang) + ("" if size is None else f": {format_number(size, lang, digits)}")
             for lid, size in scenario.levers.items()] or [t("rooms.no_levers", lang)]
    world = t("scenario.world", lang, **{k: format_number(getattr(scenario.context, k), lang, digits)
                                         for k in ("security", "economy", "trust")},
              horizon=format_number(scenario.horizon, lang, digits))
    return [*notes, world]


def room_briefing(room: Room, submissions: Sequence[Submission], lang: str, digits: Digits, population, pools,
                  generated: str = "", data: Sequence = ()) -> str:
    """The room's briefing: each group's package and rationale, the comparison (results beside the baseline,
    groups per lever, differences), the joint package and the assumptions."""
    joint_label = t("rooms.joint", lang)
    sections = [BriefingSection(title=t("rooms.briefing_title", lang, title=room.title or room.code),
                                text=t("rooms.briefing_intro", lang, groups=len(submissions)))]
    for sub in submissions:
        sections.append(BriefingSection(title=sub.group, text=sub.rationale or t("rooms.no_rationale", lang),
                                        notes=package_notes(sub.package, lang, digits)))
    joint = Scenario.model_validate_json(room.joint) if room.joint else None
    if joint is not None:
        sections.append(BriefingSection(title=joint_label, text=room.joint_note,
                                        notes=package_notes(joint, lang, digits)))
    sections.append(BriefingSection(title=t("rooms.counts_title", lang), table=lever_counts_table(submissions, lang)))
    diff = differences_table(submissions, lang, digits)
    if not diff.empty:
        sections.append(BriefingSection(title=t("rooms.differences_title", lang), table=diff))
    packages = {sub.group: sub.package for sub in submissions}
    if joint is not None:
        packages[joint_label] = joint
    if packages:
        sections.extend(scenario_sections(packages, population, lang, digits, data=data, pools=pools))
    return build_briefing(lang, digits, sections, generated=generated)
