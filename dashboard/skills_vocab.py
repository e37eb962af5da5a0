"""Vocabularies shared by the official skills figures and the survey-like data (sample or upload).

Kept apart from dashboard/skills_sample.py so that code working on real figures never depends on the
synthetic generator.
"""

from __future__ import annotations

#: Educational attainment as the OECD reports it: low = ISCED 0-2, medium = ISCED 3-4, high = ISCED 5+.
EDUCATION_GROUPS: tuple[str, ...] = ("low", "medium", "high")
SEXES: tuple[str, ...] = ("male", "female")
#: ISCO-08 major groups (1-digit), the occupation scheme of the skills data and of DIOC 2015/16.
ISCO_MAJOR_GROUPS: dict[int, str] = {
    0: "Armed forces occupations",
    1: "Managers",
    2: "Professionals",
    3: "Technicians and associate professionals",
    4: "Clerical support workers",
    5: "Service and sales workers",
    6: "Skilled agricultural, forestry and fishery workers",
    7: "Craft and related trades workers",
    8: "Plant and machine operators, and assemblers",
    9: "Elementary occupations",
}
