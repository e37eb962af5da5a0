"""Names people write for countries, beyond pycountry's and country_converter's own (build input of
scripts/build_data.py, which checks every English variant against country_converter's regular expressions).

Sources: the country names of the World Bank's World Development Indicators, the UN's M49 / UN DESA tables and
the IMF's World Economic Outlook (as printed in their downloads), the former names still found in older files,
and the short Arabic names Iraqi ministries and the press use. The Arabic variants with and without the article
ال, with hamza or plain alif, and with ta marbuta or ha are matched by dashboard.countries.normalise, so each
name is listed once.
"""

from __future__ import annotations

ENGLISH: dict[str, tuple[str, ...]] = {
    # World Bank (WDI)
    "BHS": ("Bahamas, The", "The Bahamas"), "GMB": ("Gambia, The", "The Gambia"),
    "EGY": ("Egypt, Arab Rep.",),
    "IRN": ("Iran, Islamic Rep.", "Islamic Republic of Iran", "Iran (Islamic Republic of)"),
    "KOR": ("Korea, Rep.", "Republic of Korea", "Korea", "South Korea", "Korea, South"),
    "PRK": ("Korea, Dem. People's Rep.", "Dem. People's Republic of Korea", "North Korea", "Korea, North"),
    "LAO": ("Lao PDR", "Lao P.D.R.", "Laos", "Lao People's Democratic Republic"),
    "SVK": ("Slovak Republic",), "KGZ": ("Kyrgyz Republic",), "YEM": ("Yemen, Rep.",),
    "VEN": ("Venezuela, RB", "Venezuela (Bolivarian Republic of)"),
    "COD": ("Congo, Dem. Rep.", "Democratic Republic of the Congo", "DR Congo", "Zaire"),
    "COG": ("Congo, Rep.", "Republic of Congo", "Republic of the Congo", "Congo"),
    "FSM": ("Micronesia, Fed. Sts.", "Micronesia (Fed. States of)", "Micronesia"),
    "HKG": ("Hong Kong SAR, China", "China, Hong Kong SAR", "Hong Kong SAR"),
    "MAC": ("Macao SAR, China", "China, Macao SAR", "Macao SAR", "Macau"),
    "TWN": ("Taiwan, China", "China, Taiwan Province of China", "Taiwan Province of China"),
    "KNA": ("St. Kitts and Nevis",), "LCA": ("St. Lucia",), "VCT": ("St. Vincent and the Grenadines",),
    "MAF": ("St. Martin (French part)", "Saint Martin (French part)"), "SXM": ("Sint Maarten (Dutch part)",),
    "VIR": ("Virgin Islands (U.S.)", "United States Virgin Islands"), "VGB": ("British Virgin Islands",),
    "PSE": ("West Bank and Gaza", "State of Palestine", "Palestine"),
    "CIV": ("Cote d'Ivoire", "Côte d'Ivoire", "Ivory Coast"), "CUW": ("Curacao", "Curaçao"),
    "CZE": ("Czechia", "Czech Republic"), "TUR": ("Turkiye", "Türkiye", "Turkey", "Republic of Türkiye"),
    "SWZ": ("Eswatini", "Swaziland"), "MKD": ("North Macedonia", "Macedonia", "Macedonia, FYR", "FYR Macedonia",
                                              "The former Yugoslav Republic of Macedonia"),
    "CPV": ("Cabo Verde", "Cape Verde"), "TLS": ("Timor-Leste", "East Timor"), "VNM": ("Viet Nam", "Vietnam"),
    "MMR": ("Myanmar", "Burma"), "RUS": ("Russian Federation", "Russia"), "SYR": ("Syrian Arab Republic", "Syria"),
    "TZA": ("Tanzania", "United Republic of Tanzania"), "BOL": ("Bolivia", "Bolivia (Plurinational State of)"),
    "MDA": ("Moldova", "Republic of Moldova"), "XKX": ("Kosovo", "Kosovo (under UNSC res. 1244)"),
    "STP": ("Sao Tome and Principe", "São Tomé and Príncipe"), "BRN": ("Brunei Darussalam", "Brunei"),
    "USA": ("United States", "United States of America", "USA", "US", "U.S.", "U.S.A.", "America"),
    "GBR": ("United Kingdom", "United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.", "Great Britain",
            "Britain", "England"),
    "NLD": ("Netherlands (Kingdom of the)", "The Netherlands", "Holland"),
    "ARE": ("UAE", "U.A.E.", "Emirates"), "VAT": ("Holy See", "Vatican"), "FLK": ("Falkland Islands (Malvinas)",),
    "WLF": ("Wallis and Futuna Islands",), "BES": ("Bonaire, Sint Eustatius and Saba", "Caribbean Netherlands"),
    "REU": ("Réunion", "Reunion"), "BLM": ("Saint Barthélemy", "St. Barthelemy"),
    "DEU": ("Federal Republic of Germany",),
    "SAU": ("Kingdom of Saudi Arabia",), "CHN": ("People's Republic of China",),
}  # fmt: skip

ARABIC: dict[str, tuple[str, ...]] = {
    "USA": ("أمريكا", "الولايات المتحدة", "الولايات المتحدة الأمريكية"),
    "GBR": ("بريطانيا", "المملكة المتحدة", "إنجلترا"), "NLD": ("هولندا",), "BEL": ("بلجيكا",),
    "DNK": ("الدنمارك",), "NOR": ("النرويج",), "FIN": ("فنلندا",), "AUT": ("النمسا",), "CHE": ("سويسرا",),
    "FRA": ("فرنسا",), "ITA": ("إيطاليا",), "ESP": ("إسبانيا",), "GRC": ("اليونان",), "CAN": ("كندا",),
    "AUS": ("أستراليا", "استراليا"), "NZL": ("نيوزيلندا",), "TUR": ("تركيا",), "IRN": ("إيران",), "JOR": ("الأردن",),
    "SYR": ("سوريا", "سورية", "الجمهورية العربية السورية"), "LBN": ("لبنان",),
    "SAU": ("السعودية", "المملكة العربية السعودية"), "ARE": ("الإمارات", "الإمارات العربية المتحدة"),
    "KWT": ("الكويت",), "QAT": ("قطر",), "BHR": ("البحرين",), "OMN": ("عمان", "سلطنة عمان"),
    "EGY": ("مصر", "جمهورية مصر العربية"), "LBY": ("ليبيا",), "TUN": ("تونس",), "DZA": ("الجزائر",),
    "MAR": ("المغرب",), "YEM": ("اليمن",), "PSE": ("فلسطين", "دولة فلسطين"), "RUS": ("روسيا",), "CHN": ("الصين",),
    "JPN": ("اليابان",), "KOR": ("كوريا الجنوبية",), "MYS": ("ماليزيا",), "IND": ("الهند",), "PAK": ("باكستان",),
    "AFG": ("أفغانستان",), "ARM": ("أرمينيا",), "GEO": ("جورجيا",), "AZE": ("أذربيجان",), "UKR": ("أوكرانيا",),
    "POL": ("بولندا",), "CZE": ("التشيك", "جمهورية التشيك"), "HUN": ("المجر", "هنغاريا"), "ROU": ("رومانيا",),
    "BGR": ("بلغاريا",), "IRL": ("أيرلندا",), "PRT": ("البرتغال",), "BRA": ("البرازيل",), "MEX": ("المكسيك",),
    "SDN": ("السودان",), "IRQ": ("العراق", "جمهورية العراق"), "CYP": ("قبرص",), "DEU": ("ألمانيا",),
    "SWE": ("السويد",), "LAO": ("لاوس",), "MKD": ("مقدونيا", "مقدونيا الشمالية"), "SWZ": ("سوازيلاند", "إسواتيني"),
    "MMR": ("ميانمار", "بورما"), "CPV": ("الرأس الأخضر", "كاب فيردي"),
}  # fmt: skip
