"""The upload pipeline on the files analysts really have: World Bank and UN country names, numbers with decimal
commas and Arabic digits, consented rosters, and unknown names resolved in the app without a new upload."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import skills as sk
from dashboard.registry import Registry
from dashboard.schemas import KINDS, UPLOAD_KINDS, without_contacts
from dashboard.validation import check_table, check_upload, read_upload, suggest_mapping
from dashboard.validation.check import schema_checks

SKILLS_HEADER = ("respondent_id,residence_iso3,sex,age,years_abroad,education,field_of_study,occupation_isco,"
                 "sector,languages,interest_mentoring,interest_short_term,interest_return,interest_investment,"
                 "interest_philanthropy,weight")
WORLD_BANK = {"Korea, Rep.": "KOR", "Egypt, Arab Rep.": "EGY", "Iran, Islamic Rep.": "IRN", "Slovak Republic": "SVK",
              "Lao PDR": "LAO", "Bahamas, The": "BHS", "Swaziland": "SWZ", "Burma": "MMR", "Macedonia": "MKD",
              "Cape Verde": "CPV", "SGP": "SGP", "CPV": "CPV", "LCA": "LCA", "MAC": "MAC",
              "Yemen, Rep.": "YEM", "Venezuela, RB": "VEN", "Congo, Dem. Rep.": "COD", "Hong Kong SAR, China": "HKG",
              "St. Lucia": "LCA", "West Bank and Gaza": "PSE", "Kyrgyz Republic": "KGZ", "Micronesia, Fed. Sts.": "FSM",
              "Türkiye": "TUR", "Viet Nam": "VNM", "Iran (Islamic Republic of)": "IRN", "China, Macao SAR": "MAC",
              "السعودية": "SAU", "سعودية": "SAU", "الأردن": "JOR", "اردن": "JOR", "المانيا": "DEU", "سورية": "SYR",
              "الامارات": "ARE", "جمهورية مصر العربيه": "EGY"}


@pytest.fixture(scope="module")
def countries():
    return Registry().get("countries").frame


def test_the_country_table_covers_every_iso_code(countries):
    import pycountry

    assert {c.alpha_3 for c in pycountry.countries} <= set(countries["iso3"])
    assert len(countries) >= 249


def test_a_world_bank_style_file_resolves_every_country(countries):
    body = "Country Name,Year,asylum_seekers,refugees\n" + "".join(
        f'"{name}",{1990 + i},0,{i}\n' for i, name in enumerate(WORLD_BANK, 1))
    prepared = check_upload("refugees", "wb.csv", body.encode(), countries)
    assert prepared.problems == [], [p.message() for p in prepared.problems]
    resolved = dict(zip(range(1, len(WORLD_BANK) + 1), prepared.frame.sort_values("refugees")["asylum_iso3"],
                        strict=True))
    assert resolved == {i: iso3 for i, iso3 in enumerate(WORLD_BANK.values(), 1)}


def test_a_picked_suggestion_is_checked_again_without_a_new_upload(countries):
    raw = read_upload("typo.csv", b"destination_iso3,year,migrants\nGermny,2020,5\nSWE,2020,7\n")
    mapping = suggest_mapping("migrant_stock", list(raw.frame.columns))
    first = check_table("migrant_stock", raw, mapping, countries)
    assert first.unresolved[["value", "codes"]].to_dict("records") == [{"value": "Germny", "codes": "DEU"}]
    again = check_table("migrant_stock", raw, mapping, countries, country_picks={"Germny": "DEU"})
    assert again.ok
    assert again.frame[["destination_iso3", "migrants"]].values.tolist() == [["DEU", 5], ["SWE", 7]]


def _skills(rows: list[str], extra_header: str = "", separator: str = ",") -> bytes:
    header = (SKILLS_HEADER + extra_header).replace(",", separator)
    return ("\n".join([header, *rows]) + "\n").encode()


def test_decimal_commas_and_arabic_digits_are_read_as_written(countries):
    rows = [f"R{i};SWE;female;٣٥;10;master;health;2;health;ar en;1;0;0;0;1;{w}"
            for i, w in enumerate(["0,5", "1,5", "٢٫٥", "1.25"], 1)]
    prepared = check_upload("skills", "s.csv", _skills(rows, separator=";"), countries)
    assert prepared.ok, [p.message() for p in prepared.problems]
    assert prepared.frame["weight"].tolist() == [0.5, 1.5, 2.5, 1.25]
    assert prepared.frame["age"].tolist() == [35] * 4
    assert prepared.frame["languages"].tolist() == ["ar;en"] * 4
    counts = check_upload("migrant_stock", "c.csv", 'destination_iso3,year,migrants\nDEU,2020,"1,234"\n'
                          "SWE,2020,١٬٢٣٤\n".encode(), countries)
    assert counts.frame["migrants"].tolist() == [1234, 1234]


def test_a_roster_keeps_contacts_only_for_people_who_consented(countries):
    row = "R{i},SWE,female,35,10,master,health,2,health,ar,1,0,0,0,1,1,Name {i},p{i}@example.org,+964 770 00{i},{c}"
    rows = [row.format(i=i, c=c) for i, c in enumerate(["yes", "false", "نعم", "0", "TRUE"], 1)]
    prepared = check_upload("skills", "roster.csv", _skills(rows, ",name,email,phone,contact_consent"), countries)
    assert prepared.ok, [p.message() for p in prepared.problems]
    frame = prepared.frame
    assert frame["contact_consent"].tolist() == [True, False, True, False, True]
    assert frame["email"].tolist() == ["p1@example.org", "", "p3@example.org", "", "p5@example.org"]
    prepared_roster = sk.prepare(frame, countries)
    listed = sk.talent_list(prepared_roster, "en", {}, with_contacts=True)  # a session with the publish right
    assert listed["Email"].tolist() == ["p1@example.org", "", "p3@example.org", "", "p5@example.org"]
    assert "Email" not in sk.talent_list(prepared_roster, "en", {}).columns  # anyone else, and the briefing
    assert list(without_contacts(frame).columns) == [*KINDS["skills"].columns(), "contact_consent"]  # downloads


def test_consent_stored_as_text_false_shows_no_contact():
    """A roster stored before strict parsing, or built by hand, with consent as the text "false"."""
    roster = pd.DataFrame({"contact_consent": ["false", "False", "true", "0", "yes"],
                           "email": [f"p{i}@example.org" for i in range(5)]})
    table = pd.concat([Registry().get("skills").frame.head(5).reset_index(drop=True), roster], axis=1)
    listed = sk.talent_list(sk.prepare(table, Registry().get("countries").frame), "en", {}, with_contacts=True)
    assert listed["Email"].tolist() == ["", "", "p2@example.org", "", "p4@example.org"]


def test_consent_is_read_strictly(countries):
    row = "R1,SWE,female,35,10,master,health,2,health,ar,1,0,0,0,1,1,p1@example.org,{c}"
    messages = [[p.message() for p in check_upload("skills", "r.csv", _skills([row.format(c=c)], ",email,consent"),
                                                   countries).problems] for c in ("maybe", "")]
    assert messages == [
        ["Row 2, column consent: “maybe” is not a recognised answer to consent. Write yes or no (also true/false, "
         "1/0, نعم/لا)."],
        ["Row 2, column consent: the cell is empty. Fill it in or delete the row."]]


def test_contacts_without_a_consent_column_are_left_out(countries):
    rows = ["R1,SWE,female,35,10,master,health,2,health,ar,1,0,0,0,1,1,p1@example.org"]
    prepared = check_upload("skills", "r.csv", _skills(rows, ",email"), countries)
    assert prepared.ok and "email" not in prepared.frame.columns
    assert [n.message() for n in prepared.notes][-1] == (
        "The contact columns (email) were left out: the file has no consent column, and contacts are kept only for "
        "people who agreed to be contacted.")


@pytest.mark.parametrize("kind", sorted(UPLOAD_KINDS))
def test_bundled_data_pass_the_same_schema_as_uploads(kind):
    frame = Registry().get(kind).frame
    assert list(frame.columns) == KINDS[kind].columns(set(frame.columns))  # optional columns kept when present
    schema_checks(KINDS[kind], list(frame.columns)).validate(frame.fillna({"languages": ""}), lazy=True)


def test_a_bundled_table_exported_and_uploaded_again_is_unchanged(countries):
    frame = Registry().get("skills").frame
    prepared = check_upload("skills", "again.csv", frame.to_csv(index=False).encode(), countries)
    assert prepared.ok, [p.message() for p in prepared.problems[:3]]
    pd.testing.assert_frame_equal(prepared.frame, frame.fillna({"languages": ""}).sort_values("respondent_id")
                                  .reset_index(drop=True), check_dtype=False)


def _allocate_gigabytes(n: int) -> bytes:
    return b"x" * (n * 1024**3)


def _sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)


def test_the_parsing_worker_is_stopped_at_its_memory_and_time_limits():
    from dashboard.validation.limits import run_limited
    from dashboard.validation.problems import UploadError

    with pytest.raises(UploadError) as memory:
        run_limited("big.csv", _allocate_gigabytes, 4, memory=256 * 1024**2)
    assert memory.value.problem.message() == (
        "Reading big.csv needed more than the limit of 256 MB of memory, so it was stopped. Remove what the table "
        "does not need, or split the file, and upload it again.")
    with pytest.raises(UploadError) as slow:
        run_limited("slow.csv", _sleep, 30, seconds=1)
    assert slow.value.problem.message() == (
        "Reading slow.csv took longer than the limit of 1 seconds, so it was stopped. Remove what the table does not "
        "need, or split the file, and upload it again.")
    assert run_limited("fine.csv", sum, [1, 2, 3]) == 6


def test_a_published_roster_keeps_its_consented_contacts(tmp_path, countries):
    from dashboard.store import Store
    from dashboard.validation.publish import publish_checked

    row = "R{i},SWE,female,35,10,master,health,2,health,ar,1,0,0,0,1,1,p{i}@example.org,{c}"
    rows = [row.format(i=i, c=c) for i, c in enumerate(["yes", "no"], 1)]
    prepared = check_upload("skills", "roster.csv", _skills(rows, ",email,contact_consent"), countries)
    registry = Registry(store=Store(tmp_path / "home"))
    publish_checked(registry, prepared, title="t", publisher="p", citation="c", published_by="a",
                    source_file="roster.csv", file_sha256="x")
    stored = registry.get("skills").frame
    assert stored["contact_consent"].tolist() == [True, False]
    assert stored["email"].fillna("").tolist() == ["p1@example.org", ""]


@pytest.mark.parametrize(("cell", "formula"), [("=SUM(A1)", True), ("+A1", True), ("-A1", True), ("@x", True),
                                               ("-SUM(A1:A3)", True), ("-5", False), ("-1e5", False),
                                               ("-inf", False), ("+964 770 123 4567", False), ("-٥٫٥", False)])
def test_what_counts_as_a_spreadsheet_formula(cell, formula):
    from dashboard.validation.convert import FORMULA

    assert bool(FORMULA.match(cell)) is formula
