#!/usr/bin/env python3
"""Writes Folio's demo portfolio (DESIGN §3.1 import CSVs) into SampleData/.

Deterministic: one fixed seed, no wall clock. The demo's "today" is Monday 2026-11-23;
usage covers the 26 Mondays 2026-05-25 … 2026-11-16. SampleData/STORIES.md explains the
stories the data tells.

    python3 scripts/demo-portfolio.py            # write the CSVs, validate, one-line summary
    python3 scripts/demo-portfolio.py --report   # also print an approximate weekly health
                                                 # score per story account (DESIGN §2.2 defaults)
    python3 scripts/demo-portfolio.py --out DIR  # write somewhere else
"""

import argparse
import csv
import os
import random
import sys
import unicodedata
from datetime import date, timedelta

SEED = 20261123
TODAY = date(2026, 11, 23)
FIRST_WEEK = date(2026, 5, 25)
WEEKS = [FIRST_WEEK + timedelta(weeks=i) for i in range(26)]  # … 2026-11-16
RENEW_FROM, RENEW_TO = date(2026, 11, 24), date(2027, 11, 22)
FEATURES = {"enterprise": 24, "mid-market": 16, "smb": 10}
MAIL = "folio-demo.example"

rng = random.Random(SEED)


def d(s):
    return date.fromisoformat(s)


def add_years(day, n):
    return day.replace(year=day.year + n)


def weekday_on_or_before(day):
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def fold(text):
    """ASCII slug for e-mail addresses and domains."""
    t = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O")
                              .replace("ł", "l").replace("Ł", "L").replace("æ", "ae"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    out = []
    for c in t.lower():
        if c.isascii() and c.isalnum():
            out.append(c)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


# ---------------------------------------------------------------------------------------
# Users
# ---------------------------------------------------------------------------------------

USERS = [
    # login, name, role, manager
    ("helena.vasquez", "Helena Vásquez", "vp", ""),
    ("marta.novak", "Marta Nováková", "manager", "helena.vasquez"),
    ("omar.haddad", "Omar Haddad", "manager", "helena.vasquez"),
    ("amelie.durand", "Amélie Durand", "csm", "marta.novak"),
    ("jonas.muller", "Jonas Müller", "csm", "marta.novak"),
    ("chen.wei", "陈伟 (Chen Wei)", "csm", "marta.novak"),
    ("lucia.fernandez", "Lucía Fernández", "csm", "omar.haddad"),
    ("bjorn.lindqvist", "Björn Lindqvist", "csm", "omar.haddad"),
    ("siobhan.oconnor", "Siobhán O'Connor", "csm", "omar.haddad"),
    ("priya.nair", "Priya Nair", "ae", "helena.vasquez"),
    ("mateusz.wojcik", "Mateusz Wójcik", "ae", "helena.vasquez"),
]
CSMS = [u[0] for u in USERS if u[2] == "csm"]
AES = [u[0] for u in USERS if u[2] == "ae"]
MANAGER_OF = {u[0]: u[3] for u in USERS}
WORSE_BOOK = "jonas.muller"

# ---------------------------------------------------------------------------------------
# Names: people and (fictional) companies by locale
# ---------------------------------------------------------------------------------------

PEOPLE = {
    "fr": (["Camille", "Louis", "Chloé", "Théo", "Inès", "Mathéo", "Léa", "Hugo", "Manon", "Noé", "Élodie", "Gaëlle"],
           ["Roux", "Lefèvre", "Moreau", "Girard", "Faure", "Bonnet", "Mercier", "Chevalier", "Rousseau", "Dubois"]),
    "de": (["Lukas", "Jana", "Jürgen", "Anja", "Felix", "Katrin", "Maximilian", "Sören", "Lena", "Uwe"],
           ["Schäfer", "Becker", "Hoffmann", "Wagner", "Krüger", "Zimmermann", "Weiß", "Schröder", "Neumann", "Köhler"]),
    "es": (["Javier", "Lucía", "Álvaro", "María José", "Carmen", "Íñigo", "Pilar", "Sergio", "Ximena"],
           ["García", "Martínez", "López", "Sánchez", "Gómez", "Ruiz", "Muñoz", "Peña", "Iglesias"]),
    "pt": (["João", "Ana Luísa", "Thiago", "Beatriz", "Gonçalo", "Inês", "Rafael", "Letícia"],
           ["Silva", "Santos", "Oliveira", "Souza", "Conceição", "Ferreira", "Araújo", "Magalhães"]),
    "it": (["Giulia", "Marco", "Chiara", "Niccolò", "Francesca", "Lorenzo", "Ilaria"],
           ["Rossi", "Bianchi", "Esposito", "Ricci", "Marino", "Greco", "Bruno"]),
    "nordic": (["Astrid", "Erik", "Ingrid", "Mikkel", "Sigrid", "Lars", "Freja", "Oskar", "Aino", "Väinö"],
               ["Johansson", "Nilsson", "Halvorsen", "Sørensen", "Lindström", "Bergqvist", "Virtanen", "Mäkinen"]),
    "cee": (["Katarzyna", "Paweł", "Agnieszka", "Łukasz", "Zuzana", "Tomáš", "Petra", "Gábor", "Zsófia"],
            ["Nowak", "Wiśniewski", "Kowalczyk", "Dvořák", "Horváth", "Szabó", "Nagy", "Novotná"]),
    "en": (["Emily", "James", "Olivia", "Noah", "Grace", "Ethan", "Hannah", "Liam", "Chloe", "Marcus", "Diego", "Aaliyah",
            "Sam", "Rebecca", "Tom", "Megan", "Jamal", "Fiona", "Owen", "Zoë"],
           ["Carter", "Bennett", "Hughes", "Murphy", "O'Brien", "Patel", "Nguyen", "Brooks", "Foster", "Kim", "Reyes", "Walsh",
            "Okafor", "Lindgren", "MacLeod", "Rosen", "Delgado", "Abernathy"]),
    "in": (["Aarav", "Ananya", "Rohan", "Kavya", "Vikram", "Neha", "Ishaan"],
           ["Sharma", "Iyer", "Gupta", "Reddy", "Menon", "Joshi", "Banerjee"]),
    # non-Latin scripts: (display, romanised) pairs; family name first where that is the custom
    "ja": ([("美咲", "misaki"), ("翔太", "shota"), ("陽菜", "hina"), ("大輝", "daiki"), ("結衣", "yui"), ("健太", "kenta")],
           [("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"), ("伊藤", "ito"), ("渡辺", "watanabe")]),
    "zh": ([("芳", "fang"), ("伟", "wei"), ("静", "jing"), ("磊", "lei"), ("敏", "min"), ("婷", "ting")],
           [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("杨", "yang"), ("赵", "zhao")]),
    "ko": ([("지우", "jiwoo"), ("서연", "seoyeon"), ("민준", "minjun"), ("하은", "haeun"), ("도윤", "doyoon"), ("수아", "sua")],
           [("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi")]),
    "ar": ([("ليلى", "layla"), ("يوسف", "youssef"), ("نور", "nour"), ("خالد", "khaled"), ("سلمى", "salma"), ("عمر", "omar"), ("رنا", "rana")],
           [("حداد", "haddad"), ("منصور", "mansour"), ("الخطيب", "alkhatib"), ("سليمان", "suleiman")]),
    "he": ([("נועה", "noa"), ("יונתן", "yonatan"), ("מאיה", "maya"), ("איתי", "itay"), ("שירה", "shira"), ("אבי", "avi")],
           [("כהן", "cohen"), ("לוי", "levi"), ("מזרחי", "mizrahi"), ("פרץ", "peretz")]),
}
FAMILY_FIRST = {"ja", "zh", "ko"}

TIMEZONES = {
    "fr": ["Europe/Paris", "Europe/Brussels"],
    "de": ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"],
    "es": ["Europe/Madrid", "America/Mexico_City", "America/Bogota", "America/Santiago"],
    "pt": ["America/Sao_Paulo", "Europe/Lisbon"],
    "it": ["Europe/Rome"],
    "nordic": ["Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki"],
    "cee": ["Europe/Warsaw", "Europe/Prague", "Europe/Budapest"],
    "en": ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
           "Europe/London", "Europe/Dublin", "Australia/Sydney", "Asia/Singapore"],
    "in": ["Asia/Kolkata"],
    "ja": ["Asia/Tokyo"], "zh": ["Asia/Shanghai"], "ko": ["Asia/Seoul"],
    "ar": ["Asia/Dubai", "Asia/Riyadh"], "he": ["Asia/Jerusalem"],
}

COMPANY_PARTS = {
    # locale: (roots, industries, suffixes, pattern)   pattern: "RIS" root-industry-suffix, "IRS" industry-root-suffix
    "fr": (["Belle Rive", "Clair de Lune", "Val Fleuri", "Pré Vert", "Étoile du Nord", "Roche Grise", "la Chênaie", "l'Île Bleue"],
           ["Transports", "Assurances", "Éditions", "Logistique", "Cosmétiques", "Ingénierie", "Conseil"],
           ["SAS", "SA", "SARL"], "IRS"),
    "de": (["Weißdorn", "Bergquelle", "Lindenhof", "Sonnenfeld", "Eichwald", "Rotbuche", "Silbermöwe", "Kranichsee"],
           ["Logistik", "Maschinenbau", "Versicherungen", "Medizintechnik", "Präzisionstechnik", "Gebäudeservice"],
           ["GmbH", "AG", "GmbH & Co. KG"], "RIS"),
    "es": (["Sierra Alta", "Peña Blanca", "Olivar del Sur", "Agua Mansa", "Los Almendros"],
           ["Distribuciones", "Consultores", "Transportes", "Alimentación", "Clínicas"],
           ["S.L.", "S.A.", "S.A. de C.V."], "IRS"),
    "pt": (["Ipê Amarelo", "Maré Alta", "Serra Azul", "Cajueiro", "Beira-Rio"],
           ["Construtora", "Tecelagem", "Logística", "Laboratórios", "Comércio de Alimentos"],
           ["Ltda.", "S.A."], "IRS"),
    "it": (["Ulivo d'Argento", "Colle Verde", "Lago Scuro", "Torre Antica", "Vigna Alta"],
           ["Ceramiche", "Trasporti", "Arredamenti", "Farmaceutici", "Meccanica"],
           ["S.r.l.", "S.p.A."], "IRS"),
    "nordic": (["Fjällrik", "Nordlys", "Granskog", "Isfjord", "Solvik", "Björkdal", "Lågvatten"],
               ["Analys", "Havbruk", "Rederi", "Bygg", "Energi", "Design"],
               ["AB", "AS", "A/S", "Oy"], "RIS"),
    "cee": (["Biały Kamień", "Złoty Kłos", "Modrý Potok", "Napfény Kert", "Stará Lípa"],
            ["Foods", "Logistics", "Software", "Print", "Agro"],
            ["sp. z o.o.", "s.r.o.", "Kft."], "RIS"),
    "en": (["Harbor & Finch", "Blue Heron", "Copperleaf", "Tidewater", "Ironbark", "Silver Birch", "Hollowmere",
            "Red Kite", "Juniper Row", "Foxglove", "Cobalt Ridge", "Briarwood", "Kestrel Point", "Ashgrove",
            "Quillback", "Marigold Lane", "Otterburn", "Pinecrest Valley", "Saltmarsh", "Thistledown"],
           ["Analytics", "Outfitters", "Dental Group", "Publishing", "Freight", "Health Partners", "Labs",
            "Insurance Brokers", "Logistics", "Hospitality", "Media", "Realty", "Veterinary Clinics", "Staffing"],
           ["Inc.", "Ltd", "LLC", "Co.", "Pty Ltd"], "RIS"),
    "in": (["Nilgiri", "Kaveri", "Deccan Plateau", "Malabar Spice"],
           ["Textiles", "Hotels", "Pharma", "Infotech"], ["Pvt Ltd"], "RIS"),
}
LOCALE_WEIGHTS = [("en", 40), ("de", 12), ("fr", 10), ("es", 8), ("pt", 7), ("it", 5), ("nordic", 7), ("cee", 5),
                  ("in", 2)]

# Hand-picked names (scripts, right-to-left, emoji, a very long one) placed on specific accounts.
SPECIAL_NAMES = {
    "ja1": ("株式会社さくら精密", "sakura-seimitsu", "ja"),
    "ja2": ("青葉食品株式会社", "aoba-shokuhin", "ja"),
    "ja3": ("株式会社ひかり物流", "hikari-butsuryu", "ja"),
    "zh1": ("上海青松软件有限公司", "qingsong-soft", "zh"),
    "zh2": ("杭州白鹭贸易有限公司", "bailu-trading", "zh"),
    "ko1": ("주식회사 푸른바다물류", "pureunbada", "ko"),
    "ar1": ("شركة النخلة الذهبية للتجارة", "golden-palm-trading", "ar"),
    "he1": ("אורן ירוק תעשיות בע״מ", "oren-yarok", "he"),
    "emoji": ("Sunny Side Bakery 🥐", "sunnyside-bakery", "en"),
    "long": ("Konsortium für Nachhaltige Energieversorgung und Intelligente Netzinfrastruktur Süddeutschland e.V.",
             "kneins-sued", "de"),
}

used_names = set()


def company_name(locale):
    roots, inds, sufs, pattern = COMPANY_PARTS[locale]
    for _ in range(200):
        r, i, s = rng.choice(roots), rng.choice(inds), rng.choice(sufs)
        name = f"{r} {i} {s}" if pattern == "RIS" else f"{i} {r} {s}"
        if locale == "fr" and r[0] in "lÉ" and pattern == "IRS":
            name = f"{i} de {r} {s}" if r.startswith("l") else f"{i} {r} {s}"
        if name not in used_names:
            used_names.add(name)
            return name, fold(f"{r} {i}")
    raise RuntimeError("ran out of company names for " + locale)


def person(locale, used):
    firsts, lasts = PEOPLE[locale]
    for _ in range(100):
        f, l = rng.choice(firsts), rng.choice(lasts)
        if isinstance(f, tuple):
            display = f"{l[0]}{f[0]}" if locale in ("zh", "ko") else (
                f"{l[0]} {f[0]}" if locale == "ja" else f"{f[0]} {l[0]}")
            local = f"{f[1]}.{l[1]}"
        else:
            display, local = f"{f} {l}", f"{fold(f)}.{fold(l)}".replace("-", "")
        first = f[0] if isinstance(f, tuple) else f
        if display not in used and first not in used:
            used.update((display, first))
            return display, local
    raise RuntimeError("ran out of people for " + locale)


# ---------------------------------------------------------------------------------------
# Account plans: generic archetypes plus the stories (see SampleData/STORIES.md)
# ---------------------------------------------------------------------------------------

def lin(a, b, i0, i1):
    """A curve over the 26 weeks: a until week i0, linear to b at week i1, then b."""
    out = []
    for i in range(26):
        if i <= i0:
            out.append(a)
        elif i >= i1:
            out.append(b)
        else:
            out.append(a + (b - a) * (i - i0) / (i1 - i0))
    return out


def story(key, **kw):
    kw["story"] = key
    return kw


# Each story: fixed facts; everything not given is filled in like any other account.
STORIES = [
    # (1) enterprise: champion left, key actions −40 % over the last 8 weeks, renews in 8 weeks
    story("champion-left", owner="amelie.durand", tier="enterprise", locale="de",
          target=[None] * 18 + [88, 84, 79, 74, 68, 64, 60, 56],
          name=("Nordlicht Versicherungsgruppe AG", "nordlicht-versicherung"), tz="Europe/Berlin",
          arr=486000, seats=900, start=d("2023-01-18"), renewal=d("2027-01-18"), ae="mateusz.wojcik",
          archetype="healthy", util=lin(0.80, 0.62, 17, 25), ka=lin(1.0, 0.57, 17, 25), feats=lin(15, 10, 17, 25),
          champion_left=True, quiet_after=d("2026-10-19"), nps=[("champion", "2026-06-10", 9), ("primary", "2026-09-09", 7)],
          extra_acts=[("note", "outbound", "2026-10-21", "amelie.durand",
                       "Heard from IT that our champion {champion} has left the company. No replacement named yet."),
                      ("email", "outbound", "2026-10-28", "amelie.durand",
                       "Asked {primary} who will own the rollout now that {champion} is gone. No answer yet."),
                      ("email", "outbound", "2026-11-11", "amelie.durand",
                       "Follow-up to {primary}: proposed a working session before the renewal.")]),
    # (2) mid-market: three critical cases open at once
    story("three-critical", owner="lucia.fernandez", tier="mid-market", locale="pt",
          name=("Tecelagem Alvorada Ltda.", "tecelagem-alvorada"), tz="America/Sao_Paulo",
          arr=92000, seats=140, start=d("2024-03-04"), renewal=d("2027-03-04"), ae="priya.nair",
          archetype="healthy",
          cases=[("critical", "2026-11-09", ""), ("critical", "2026-11-13", ""), ("critical", "2026-11-19", ""),
                 ("high", "2026-11-10", "2026-11-17"), ("medium", "2026-09-02", "2026-09-04")],
          extra_acts=[("call", "inbound", "2026-11-19", "lucia.fernandez",
                       "{primary} called: third outage this month, production planning blocked. Escalated to support lead.")]),
    # (3) onboarding that never got past setup
    story("onboarding-stuck", owner="chen.wei", tier="mid-market", special="ja3", tz="Asia/Tokyo",
          arr=38400, seats=60, start=d("2026-09-24"), renewal=d("2027-09-24"), ae="priya.nair",
          archetype="stuck", only_explicit_acts=True,
          util=[0.05] * 26, ka=[0.12] * 26, feats=[1] * 26,
          cases=[("high", "2026-10-06", ""), ("medium", "2026-10-14", "2026-10-30")],
          extra_acts=[("meeting", "outbound", "2026-09-28", "chen.wei",
                       "Kickoff with {primary} and {sponsor}: goals, admin setup, SSO and data import plan."),
                      ("email", "outbound", "2026-10-05", "chen.wei", "Sent the SSO setup guide and import template."),
                      ("email", "inbound", "2026-10-07", "chen.wei",
                       "{primary}: SSO blocked by their IdP team, will come back to us."),
                      ("email", "outbound", "2026-10-21", "chen.wei", "Offered a setup session for the data import."),
                      ("email", "outbound", "2026-11-09", "chen.wei", "Checked in on SSO; no reply yet.")],
          nps=[]),
    # (4) thriving reference account
    story("reference", owner="bjorn.lindqvist", tier="enterprise", locale="in",
          name=("Saffron Coast Hotels Pvt Ltd", "saffron-coast-hotels"), tz="Asia/Kolkata",
          arr=612000, seats=1200, start=d("2022-06-13"), renewal=d("2027-06-13"), ae="priya.nair",
          archetype="healthy", util=lin(0.86, 0.93, 0, 25), ka=lin(1.0, 1.12, 0, 25), feats=lin(18, 21, 0, 25),
          qbrs=["2026-06-17", "2026-09-16"], meeting_gap=21,
          nps=[("sponsor", "2026-06-09", 10), ("champion", "2026-06-09", 10), ("primary", "2026-06-10", 9),
               ("sponsor", "2026-09-08", 10), ("champion", "2026-09-09", 9), ("primary", "2026-09-10", 10)],
          extra_acts=[("call", "inbound", "2026-11-04", "bjorn.lindqvist",
                       "{champion} offered to speak at our customer webinar and take reference calls.")]),
    # (5) steady decline through 70 → 60 → 45, Red renewal at risk
    story("steady-decline", owner="jonas.muller", tier="mid-market", locale="it",
          name=("Ferrovia Verde S.p.A.", "ferrovia-verde"), tz="Europe/Rome",
          arr=118000, seats=180, start=d("2024-02-15"), renewal=d("2027-02-15"), ae="mateusz.wojcik",
          archetype="declining", util=lin(0.84, 0.30, 0, 25), ka=lin(1.0, 0.45, 2, 25), feats=lin(10, 4, 0, 25),
          act_gap=lin(10, 34, 0, 25), meetings=["2026-06-03", "2026-07-15"], qbrs=[],
          nps=[("primary", "2026-06-09", 8), ("champion", "2026-06-11", 7), ("primary", "2026-09-08", 5),
               ("champion", "2026-09-10", 4)],
          cases=[("high", "2026-08-19", "2026-09-02"), ("high", "2026-09-23", "2026-10-14"),
                 ("critical", "2026-10-21", "2026-11-04"), ("high", "2026-10-28", ""), ("critical", "2026-11-12", "")]),
    # (6) hovering around 70 (hysteresis)
    story("hovering", owner="siobhan.oconnor", tier="mid-market", locale="en",
          name=("Maple & Quill Publishing Inc.", "maple-quill"), tz="America/Toronto",
          arr=64000, seats=110, start=d("2023-04-10"), renewal=d("2027-04-10"), ae="priya.nair",
          archetype="middling", util=[0.62] * 26, ka=[1.0] * 23 + [0.92, 0.86, 0.82], feats=[7] * 26, act_gap=[12] * 26,
          target=[None] * 4 + [78, 77, 75, 73, 71, 69, 70, 71, 72, 71, 70, 69, 68, 69, 71, 73, 76, 77, 76, 72, 69, 67],
          meetings=["2026-06-22", "2026-08-31", "2026-10-26"], qbrs=[],
          nps=[("primary", "2026-06-11", 7), ("champion", "2026-09-09", 7)],
          cases=[("high", "2026-06-29", "2026-07-03"), ("medium", "2026-08-11", "2026-08-20"),
                 ("high", "2026-09-15", "2026-09-18"), ("low", "2026-10-27", "")]),
    # (7) dipped and recovered
    story("dip-recover", owner="amelie.durand", tier="mid-market", locale="es",
          name=("Distribuciones Río Claro S.L.", "rio-claro"), tz="Europe/Madrid",
          arr=71500, seats=95, start=d("2023-09-01"), renewal=d("2027-09-01"), ae="mateusz.wojcik",
          archetype="healthy",
          util=[0.82] * 7 + [0.70, 0.55, 0.42, 0.36, 0.36, 0.40, 0.50, 0.62, 0.72, 0.78] + [0.82] * 9,
          ka=[1.0] * 7 + [0.85, 0.62, 0.50, 0.45, 0.48, 0.55, 0.68, 0.82, 0.92, 1.0] + [1.05] * 9,
          cases=[("critical", "2026-07-13", "2026-07-29"), ("high", "2026-07-16", "2026-07-30"),
                 ("high", "2026-07-22", "2026-08-12")],
          meetings=["2026-06-10", "2026-08-05", "2026-08-26", "2026-10-14"], qbrs=["2026-09-16"],
          nps=[("primary", "2026-06-10", 8), ("primary", "2026-09-09", 9)],
          extra_acts=[("call", "outbound", "2026-07-27", "amelie.durand",
                       "Rescue call with {primary}: the July release broke their order sync. Workaround agreed."),
                      ("meeting", "outbound", "2026-08-05", "amelie.durand",
                       "Recovery plan with {sponsor}: weekly sync until order volume is back."),
                      ("email", "inbound", "2026-09-02", "amelie.durand",
                       "{primary}: volumes back to normal, thanks for staying on it.")]),
    # usage drop ≥30 % last 4 weeks vs previous 4
    story("usage-drop", owner="chen.wei", tier="mid-market", special="zh1", tz="Asia/Shanghai",
          arr=56000, seats=120, start=d("2024-12-09"), renewal=d("2026-12-09"), ae="mateusz.wojcik",
          archetype="healthy", util=[0.78] * 22 + [0.55, 0.46, 0.42, 0.40], ka=[1.0] * 22 + [0.62, 0.52, 0.48, 0.45]),
    # usage surge ≥30 % (expansion)
    story("usage-surge", owner="lucia.fernandez", tier="mid-market", locale="cee",
          name=("Zielona Dolina Foods sp. z o.o.", "zielona-dolina"), tz="Europe/Warsaw",
          arr=48000, seats=80, start=d("2025-03-17"), renewal=d("2027-03-17"), ae="priya.nair",
          archetype="healthy", util=[0.80] * 22 + [0.92, 0.98, 1.04, 1.08], ka=[1.0] * 22 + [1.35, 1.50, 1.58, 1.62],
          extra_acts=[("email", "inbound", "2026-11-12", "lucia.fernandez",
                       "{champion}: rolling out to the Kraków plant, asked about adding 30 seats.")]),
    # executive sponsor left
    story("sponsor-left", owner="siobhan.oconnor", tier="enterprise", locale="en",
          name=("Atlas Meridian Shipping Lines Ltd", "atlas-meridian"), tz="Europe/London",
          arr=355000, seats=640, start=d("2024-05-03"), renewal=d("2027-05-03"), ae="mateusz.wojcik",
          archetype="healthy", sponsor_left=True,
          extra_acts=[("note", "outbound", "2026-11-16", "siobhan.oconnor",
                       "{sponsor} (our executive sponsor) has left; {champion} says a new COO starts in January.")]),
    # detractor (enterprise → manager notified), recent
    story("detractor", owner="bjorn.lindqvist", tier="enterprise", special="ar1", tz="Asia/Dubai",
          arr=274000, seats=420, start=d("2024-08-26"), renewal=d("2027-08-26"), ae="priya.nair",
          archetype="healthy", util=lin(0.78, 0.70, 18, 25),
          nps=[("primary", "2026-06-10", 8), ("champion", "2026-09-08", 8), ("sponsor", "2026-11-18", 3)],
          extra_acts=[("email", "inbound", "2026-11-18", "bjorn.lindqvist",
                       "{sponsor} replied to the survey: Arabic right-to-left templates still broken after 2 months.")]),
    # payment 30+ days overdue
    story("payment-30", owner="lucia.fernandez", tier="smb", special="emoji", tz="America/Chicago",
          arr=6800, seats=12, start=d("2025-06-02"), renewal=d("2027-06-02"), ae="",
          archetype="healthy", payments=[("2026-10-26", 10), ("2026-11-23", 38)]),
    # payment 60+ days overdue (score capped at 40)
    story("payment-60", owner="jonas.muller", tier="mid-market", locale="cee",
          name=("Kovács & Társa Építőipari Kft.", "kovacs-tarsa"), tz="Europe/Budapest",
          arr=41000, seats=70, start=d("2024-03-22"), renewal=d("2027-03-22"), ae="mateusz.wojcik",
          archetype="healthy", payments=[("2026-09-28", 5), ("2026-10-26", 33), ("2026-11-23", 61)],
          extra_acts=[("email", "outbound", "2026-11-02", "jonas.muller",
                       "Finance flagged invoice INV-2026-0917 as 30+ days late; asked {primary} to chase AP.")]),
    # gone dark: no activity for 90+ days, renewal ≤ 180 days
    story("gone-dark", owner="jonas.muller", tier="mid-market", locale="en",
          name=("Bluefin Marine Supplies LLC", "bluefin-marine"), tz="America/Los_Angeles",
          arr=52500, seats=85, start=d("2023-04-20"), renewal=d("2027-04-20"), ae="priya.nair",
          archetype="middling", quiet_after=d("2026-08-12"), nps=[("primary", "2026-06-12", 7)]),
    # check-in overdue: enterprise (limit 45 days)
    story("checkin-ent", owner="amelie.durand", tier="enterprise", locale="fr",
          name=("Groupe Hôtelier Belle Époque SA", "belle-epoque"), tz="Europe/Paris",
          arr=228000, seats=380, start=d("2021-10-04"), renewal=d("2027-10-04"), ae="mateusz.wojcik",
          archetype="healthy", quiet_after=d("2026-10-05")),
    # check-in overdue: mid-market (limit 30 days)
    story("checkin-mid", owner="siobhan.oconnor", tier="mid-market", locale="nordic",
          name=("Havsbris Rederi AB", "havsbris"), tz="Europe/Stockholm",
          arr=39500, seats=60, start=d("2025-07-07"), renewal=d("2027-07-07"), ae="priya.nair",
          archetype="healthy", quiet_after=d("2026-10-16")),
    # check-in overdue: smb (limit 90 days), renewal far away so not "gone dark"
    story("checkin-smb", owner="bjorn.lindqvist", tier="smb", special="he1", tz="Asia/Jerusalem",
          arr=9400, seats=18, start=d("2024-09-09"), renewal=d("2027-09-09"), ae="",
          archetype="healthy", quiet_after=d("2026-08-10")),
    # onboarding: day 30 (healthy), day 90
    story("onboarding-30", owner="chen.wei", tier="smb", locale="en",
          name=("Lantern Hill Dental Group Ltd", "lantern-hill-dental"), tz="Europe/Dublin",
          arr=11200, seats=22, start=d("2026-10-24"), renewal=d("2027-10-24"), ae="",
          archetype="onboarding-good", only_explicit_acts=True,
          util=[0.72] * 26, ka=[0.8] * 26, feats=[4] * 26, nps=[],
          extra_acts=[("meeting", "outbound", "2026-10-27", "chen.wei", "Kickoff with {primary}: admin setup done in the call."),
                      ("call", "outbound", "2026-11-05", "chen.wei", "Training session for the front-desk team."),
                      ("email", "inbound", "2026-11-12", "chen.wei", "{primary}: all 12 staff invited, first campaign sent."),
                      ("check-in", "outbound", "2026-11-20", "chen.wei", "30-day check-in with {primary}: on track.")]),
    story("onboarding-90", owner="lucia.fernandez", tier="mid-market", locale="es",
          name=("Clínicas Cerro Dorado S.A. de C.V.", "cerro-dorado"), tz="America/Mexico_City",
          arr=44000, seats=75, start=d("2026-08-25"), renewal=d("2027-08-25"), ae="priya.nair",
          archetype="onboarding-good", util=lin(0.3, 0.68, 0, 25), ka=lin(0.4, 0.95, 0, 25), feats=lin(3, 7, 0, 25),
          nps=[],
          extra_acts=[("meeting", "outbound", "2026-08-27", "lucia.fernandez", "Kickoff with {primary} and {sponsor}."),
                      ("check-in", "outbound", "2026-09-24", "lucia.fernandez", "30-day check-in: two clinics live."),
                      ("check-in", "outbound", "2026-10-26", "lucia.fernandez", "60-day check-in: all five clinics live.")]),
    # churned
    story("churned", owner="siobhan.oconnor", tier="smb", locale="en",
          name=("Wrenfield Staffing Co.", "wrenfield-staffing"), tz="America/New_York",
          arr=7200, seats=15, start=d("2024-10-01"), renewal=d("2026-10-01"), ae="", status="churned",
          archetype="trouble", churn_on=d("2026-10-01"),
          extra_acts=[("call", "inbound", "2026-09-15", "siobhan.oconnor",
                       "{primary}: they are consolidating tools after the merger and will not renew.")]),
]
# The long and the Korean/second Japanese/Chinese names go on ordinary healthy accounts.
EXTRA_SPECIALS = [("long", "enterprise", "Europe/Berlin"), ("ja1", "enterprise", "Asia/Tokyo"),
                  ("ja2", "smb", "Asia/Tokyo"), ("zh2", "smb", "Asia/Shanghai"), ("ko1", "mid-market", "Asia/Seoul")]

# Archetype mix for the generic accounts: share healthy / middling / trouble.
MIX = {"default": (0.62, 0.25, 0.13), WORSE_BOOK: (0.32, 0.36, 0.32)}


def generic_curves(a):
    """Usage curves for an account without a story, by archetype."""
    arch = a["archetype"]
    if arch == "healthy":
        u0, u1 = rng.uniform(0.74, 0.95), None
        k1 = rng.uniform(-0.05, 0.10)
        f0 = rng.uniform(0.45, 0.75)
    elif arch == "middling":
        u0 = rng.uniform(0.38, 0.56)
        k1 = rng.uniform(-0.18, 0.0)
        f0 = rng.uniform(0.20, 0.34)
    else:  # trouble
        u0 = rng.uniform(0.22, 0.40)
        k1 = rng.uniform(-0.36, -0.20)
        f0 = rng.uniform(0.08, 0.20)
    u1 = u0 * (1 + k1 * 0.6)
    a.setdefault("util", lin(u0, u1, 0, 25))
    a.setdefault("ka", lin(1.0, 1.0 + k1, 0, 25))
    fa = FEATURES[a["tier"]]
    a.setdefault("feats", lin(f0 * fa, (f0 + rng.uniform(-0.03, 0.06)) * fa, 0, 25))


# ---------------------------------------------------------------------------------------
# Build the accounts
# ---------------------------------------------------------------------------------------

ARR_RANGE = {"enterprise": (150_000, 900_000), "mid-market": (25_000, 150_000), "smb": (3_000, 25_000)}
SEAT_PRICE = {"enterprise": (380, 620), "mid-market": (420, 720), "smb": (380, 650)}
TIER_COUNTS = {"enterprise": 20, "mid-market": 50, "smb": 80}


def round_arr(x, tier):
    step = {"enterprise": 500, "mid-market": 100, "smb": 10}[tier]
    return int(round(x / step) * step)


def pick_renewal():
    return RENEW_FROM + timedelta(days=rng.randrange((RENEW_TO - RENEW_FROM).days + 1))


def build_accounts():
    accounts = []
    for s in STORIES:
        a = dict(s)
        accounts.append(a)
    for key, tier, tz in EXTRA_SPECIALS:
        accounts.append({"special": key, "tier": tier, "tz": tz, "archetype": "healthy"})
    # fill up the tiers
    have = {t: sum(1 for a in accounts if a["tier"] == t) for t in TIER_COUNTS}
    for tier, n in TIER_COUNTS.items():
        for _ in range(n - have[tier]):
            accounts.append({"tier": tier})
    # owners: stories are fixed; the rest are dealt so each CSM has ~25 accounts and a mix of tiers
    load = {c: {t: 0 for t in TIER_COUNTS} for c in CSMS}
    for a in accounts:
        if "owner" in a:
            load[a["owner"]][a["tier"]] += 1
    free = [a for a in accounts if "owner" not in a]
    rng.shuffle(free)
    free.sort(key=lambda a: list(TIER_COUNTS).index(a["tier"]))
    for a in free:
        c = min(CSMS, key=lambda c: (load[c][a["tier"]], sum(load[c].values()), CSMS.index(c)))
        a["owner"] = c
        load[a["owner"]][a["tier"]] += 1
    # archetypes for generic accounts, per book
    for c in CSMS:
        book = [a for a in accounts if a["owner"] == c and "archetype" not in a]
        rng.shuffle(book)
        h, m, _t = MIX.get(c, MIX["default"])
        nh, nm = round(len(book) * h), round(len(book) * m)
        for i, a in enumerate(book):
            a["archetype"] = "healthy" if i < nh else "middling" if i < nh + nm else "trouble"
    # the worse book: some accounts only get e-mails lately, no call or meeting within the tier
    # limit, so its check-in coverage falls under 80 %
    lapsed = sorted((a for a in accounts if a["owner"] == WORSE_BOOK and "story" not in a
                     and a["archetype"] != "healthy"), key=lambda a: (a["tier"], a["archetype"]))
    for a in lapsed[:5]:
        a["lapsed"] = True
    # a few generic accounts are young: adoption stage (90–180 days) or onboarding (< 90 days)
    young = [a for a in accounts if "start" not in a and a["archetype"] == "healthy" and "special" not in a]
    rng.shuffle(young)
    for a, days in zip(young[:7], [100, 115, 128, 140, 152, 166, 175]):
        a["start"] = TODAY - timedelta(days=days)
    for a, days in zip(young[7:10], [12, 41, 76]):
        a["start"] = TODAY - timedelta(days=days)
    # fill the facts
    for a in accounts:
        tier = a["tier"]
        if "special" in a:
            nm, slug, loc = SPECIAL_NAMES[a["special"]]
            a.setdefault("name", (nm, slug))
            a.setdefault("locale", loc)
        if "locale" not in a:
            locs, ws = zip(*LOCALE_WEIGHTS)
            a["locale"] = rng.choices(locs, ws)[0]
        if "name" not in a:
            a["name"] = company_name(a["locale"])
        used_names.add(a["name"][0])
        a.setdefault("tz", rng.choice(TIMEZONES[a["locale"]]))
        if "arr" not in a:
            lo, hi = ARR_RANGE[tier]
            a["arr"] = round_arr(lo * (hi / lo) ** (rng.random() ** 1.4), tier)
        if "seats" not in a:
            a["seats"] = max(5, int(a["arr"] / rng.uniform(*SEAT_PRICE[tier])))
        if "renewal" not in a:
            if "start" in a:
                a["renewal"] = add_years(a["start"], 1)
            else:
                a["renewal"] = pick_renewal()
                if a["renewal"].month == 2 and a["renewal"].day == 29:
                    a["renewal"] -= timedelta(days=1)
        if "start" not in a:
            # renewal dates roll forward a year at a time; started 1–5 years before the renewal,
            # and at least six months before the first usage week
            years = 1
            while add_years(a["renewal"], -years) > FIRST_WEEK - timedelta(days=rng.choice([0, 30, 120])):
                years += 1
            years += rng.choice([0, 0, 0, 1, 1, 2, 3])
            a["start"] = add_years(a["renewal"], -years)
            if rng.random() < 0.15:  # "mostly" whole years: a few co-termed contracts
                a["start"] -= timedelta(days=rng.choice([14, 31, 45]))
        if "ae" not in a:
            if tier == "smb" and rng.random() < 0.7:
                a["ae"] = ""
            else:
                a["ae"] = rng.choice(AES)
        a.setdefault("status", "active")
        a.setdefault("opt_out", rng.random() < 0.04)
        a.setdefault("story", "")
        if a["start"] > TODAY - timedelta(days=90) and a["archetype"] == "healthy":
            a["archetype"] = "onboarding-good"
        generic_curves(a)
    # ids: shuffled so the stories are spread over the id range
    rng.shuffle(accounts)
    for i, a in enumerate(accounts, 1):
        a["id"] = f"ACC-{i:04d}"
    return accounts




# ---------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------

def active_weeks(a):
    out = []
    for i, w in enumerate(WEEKS):
        if w < a["start"] - timedelta(days=a["start"].weekday()):
            continue
        if a.get("churn_on") and w >= a["churn_on"]:
            continue
        out.append((i, w))
    return out


def usage_rows(a):
    rows = []
    seats, fa = a["seats"], FEATURES[a["tier"]]
    rate = a.setdefault("rate", rng.uniform(35, 110))  # key actions per active user per week
    u_base = a["util"][0] or 0.5
    weeks = active_weeks(a)
    for n, (i, w) in enumerate(weeks):
        season = 0.88 if w.month == 8 else 1.0
        util = a["util"][i]
        if a["archetype"] in ("onboarding-good",) and "story" in a and not a["story"]:
            util = min(0.85, 0.62 + 0.03 * n)  # a young account ramping up
        util *= (0.96 if w.month == 8 else 1.0) * rng.gauss(1, 0.025)
        au = max(0, round(seats * util))
        if rng.random() > 0.9:  # a handful of weeks slightly over the licence
            au = min(au, round(seats * 1.1))
        elif util <= 1.0:
            au = min(au, seats)
        ka_level = a["ka"][i]
        if a["archetype"] == "onboarding-good" and not a["story"]:
            ka_level = util / 0.8
        ka = max(0, round(seats * u_base * rate * ka_level * season * rng.gauss(1, 0.04)))
        logins = round(au * rng.uniform(2.2, 4.8))
        fu = max(0, min(fa, round(a["feats"][i] + rng.choice([0, 0, 0, 0, -1, 1]) * (a["story"] == ""))))
        if a["archetype"] == "onboarding-good" and not a["story"]:
            fu = min(fa, 1 + n // 2)
        rows.append([a["id"], w.isoformat(), au, logins, ka, fu, fa])
    return rows


COMMENTS = {
    "promoter": [
        "Saves my team hours every week.",
        "Solid product, great support. Keep it up!",
        "Honestly the best tool we adopted this year.",
        "Our CSM is fantastic — always one step ahead.",
        "Easy to roll out, \"just works\" for the team.",
        "Très bon outil, l'équipe l'a adopté en deux semaines.",
        "Sehr zufrieden, vor allem mit den Berichten.",
        "Muy útil, y el soporte responde rápido.",
        "とても使いやすいです。サポートも丁寧です。",
        "Reporting is great.\nWould love a dark mode, though.",
    ],
    "passive": [
        "Does the job. Reporting could be faster.",
        "Good, but the mobile app lags behind the web version.",
        "Fine overall; pricing for extra seats is steep.",
        "OK. Export to Excel, please!",
        "Funciona, pero la curva de aprendizaje es larga.",
        "Bien, mais il manque l'intégration avec notre ERP.",
    ],
    "detractor": [
        "Too many outages this quarter, and nobody told us in advance.",
        "We pay for features we can't get working. Setup was painful.",
        "Support tickets sit for days.\nWe're evaluating alternatives.",
        "The \"simple\" import took three weeks, and it still drops rows.",
        "Zu teuer für das, was wir tatsächlich nutzen.",
        "Muitas falhas na sincronização, o time perdeu a confiança.",
    ],
}
DETRACTOR_AR = "قوالب العربية ما زالت لا تعمل بشكل صحيح من اليمين إلى اليسار، رغم وعود الإصلاح منذ شهرين."


def nps_comment(score, story_key=""):
    if story_key == "detractor" and score <= 6:
        return DETRACTOR_AR + "\nWe raised this twice, with screenshots."
    if rng.random() < 0.35:
        return ""
    kind = "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"
    return rng.choice(COMMENTS[kind])


def nps_score(arch):
    if arch in ("healthy", "onboarding-good"):
        return rng.choices([10, 9, 8, 7, 6], [30, 35, 22, 10, 3])[0]
    if arch == "middling":
        return rng.choices([9, 8, 7, 6, 5], [12, 28, 32, 18, 10])[0]
    return rng.choices([8, 7, 6, 5, 4, 3, 2], [5, 15, 22, 22, 18, 11, 7])[0]


SUMMARIES = {
    ("email", "outbound"): ["Sent {primary} the release notes and two tips for their use case.",
                            "Shared the admin checklist with {primary}.",
                            "Followed up on last week's training with a recording.",
                            "Sent usage summary for the month to {champion}.",
                            "Invited {champion} to the customer roundtable."],
    ("email", "inbound"): ["{primary} asked how to bulk-invite new users.",
                           "{champion} asked about the API rate limits.",
                           "{primary} confirmed the new billing contact.",
                           "{champion}: thanks for the quick fix, team is happy."],
    ("call", "outbound"): ["Call with {primary}: reviewed adoption by team, no blockers.",
                           "Call with {champion} on the new workflow builder.",
                           "Quick call with {primary} about the upcoming price change."],
    ("call", "inbound"): ["{primary} called about a permissions question; resolved on the call.",
                          "{champion} called to plan the rollout to a second team."],
    ("check-in", "outbound"): ["Check-in with {primary}: all good, wants the new dashboards.",
                               "Check-in with {champion}: usage steady, two feature requests logged.",
                               "Check-in: {primary} is onboarding three new hires next month."],
    ("note", "outbound"): ["Internal: expansion potential in the marketing team.",
                           "Internal: {champion} is our best advocate there.",
                           "Internal: renewal owner on their side is {sponsor}."],
    ("meeting", "outbound"): ["Working session with {champion}: automations and templates.",
                              "Meeting with {primary} and {sponsor}: goals for next quarter.",
                              "Admin training for {primary}'s team."],
    ("qbr", "outbound"): ["QBR with {sponsor} and {champion}: value review, next-quarter goals.",
                          "QBR: reviewed ROI, agreed on rollout to two more regions.",
                          "QBR with {sponsor}: renewal timeline and success plan."],
}

ACT_GAP = {"enterprise": 10, "mid-market": 14, "smb": 30}
CHECKIN_LIMIT = {"enterprise": 45, "mid-market": 30, "smb": 90}
MEETING_GAP = {"enterprise": 35, "mid-market": 56, "smb": 84}


def contact_names(a, contacts):
    by_role = {}
    for c in contacts:
        for r in c["roles"]:
            by_role.setdefault(r, c["name"])
    prim = by_role.get("primary", contacts[0]["name"])
    return {"primary": prim, "champion": by_role.get("champion", prim), "sponsor": by_role.get("sponsor", prim)}


def activity_plan(a, contacts):
    """(type, direction, date, author, summary) tuples for one account."""
    names = contact_names(a, contacts)
    acts = []
    first = max(FIRST_WEEK, a["start"])
    last = min(TODAY, a.get("quiet_after", TODAY), a.get("churn_on", TODAY))
    arch, tier, owner = a["archetype"], a["tier"], a["owner"]

    def add(kind, direction, day, author, summary):
        acts.append((kind, direction, weekday_on_or_before(day), author, summary.format(**names)))

    if not a.get("only_explicit_acts"):
        gap_scale = {"healthy": 1.0, "onboarding-good": 0.8, "middling": 1.5, "trouble": 2.2, "declining": 1.0}[arch]
        if owner == WORSE_BOOK:
            gap_scale *= 1.5
        day = first + timedelta(days=rng.randrange(0, 6))
        while day <= last:
            i = min(25, max(0, (day - FIRST_WEEK).days // 7))
            gap = a["act_gap"][i] if "act_gap" in a else ACT_GAP[tier] * gap_scale
            if "act_gap" in a:  # stories with their own rhythm: every kind of touch in one stream
                kind = rng.choices(["email", "call", "check-in", "note"], [42, 24, 27, 7])[0]
            else:
                kind = rng.choices(["email", "note"], [82, 18])[0]
            direction = "inbound" if kind in ("email", "call") and rng.random() < 0.35 else "outbound"
            add(kind, direction, day, owner, rng.choice(SUMMARIES[(kind, direction)]))
            day += timedelta(days=max(3, round(rng.uniform(0.5, 1.5) * gap)))
        # calls and check-ins, paced by the tier's check-in limit (DESIGN §2.3)
        if "act_gap" not in a:
            f = {"healthy": 0.75, "onboarding-good": 0.6, "middling": 1.0, "trouble": 1.45, "declining": 1.2}[arch]
            if owner == WORSE_BOOK and arch != "healthy":
                f *= 1.8
            day = first + timedelta(days=rng.randrange(2, 12))
            while day <= last:
                kind = rng.choice(["call", "check-in", "check-in"])
                direction = "inbound" if kind == "call" and rng.random() < 0.3 else "outbound"
                add(kind, direction, day, owner, rng.choice(SUMMARIES[(kind, direction)]))
                day += timedelta(days=max(4, round(CHECKIN_LIMIT[tier] * f * rng.uniform(0.6, 1.0))))
        # meetings and QBRs
        if "meetings" in a:
            mdays = [d(x) for x in a["meetings"]]
        else:
            mgap = a.get("meeting_gap", MEETING_GAP[tier] * {"middling": 1.8, "trouble": 3.0}.get(arch, 1.0)
                         * (1.5 if owner == WORSE_BOOK and arch != "healthy" else 1.0))
            mdays, day = [], first + timedelta(days=rng.randrange(3, int(mgap)))
            while day <= last:
                mdays.append(day)
                day += timedelta(days=round(rng.uniform(0.7, 1.3) * mgap))
        if a["start"] >= FIRST_WEEK and not a["story"]:
            mdays.append(a["start"] + timedelta(days=rng.randint(2, 5)))  # kickoff
        for m in mdays:
            if first <= m <= last:
                add("meeting", "outbound", m, owner, rng.choice(SUMMARIES[("meeting", "outbound")]))
        if "qbrs" in a:
            qdays = [d(x) for x in a["qbrs"]]
        elif tier == "enterprise" or (tier == "mid-market" and arch == "healthy" and rng.random() < 0.4):
            off = rng.randrange(0, 20)
            qdays = [d("2026-06-08") + timedelta(days=off), d("2026-09-07") + timedelta(days=off)]
        else:
            qdays = []
        for q in qdays:
            if first <= q <= last:
                author = owner
                add("qbr", "outbound", q, author, rng.choice(SUMMARIES[("qbr", "outbound")]))
                if a["ae"] and tier == "enterprise":
                    add("note", "outbound", q + timedelta(days=1), a["ae"],
                        "AE note after the QBR: renewal conversation to start next quarter.")
        # enterprise accounts in trouble get the manager's attention
        if arch in ("trouble", "declining") and tier != "smb":
            esc = max(first, last - timedelta(days=rng.randrange(10, 40)))
            add("note", "outbound", esc, MANAGER_OF[owner], "Manager review of the account plan with {csm}.".replace(
                "{csm}", owner))
    for kind, direction, day, author, summary in a.get("extra_acts", []):
        add(kind, direction, d(day), author, summary)
    # nothing after the cut-off for the stories that need silence, nothing in the future
    cut = a.get("quiet_after")
    acts = [x for x in acts if x[2] <= TODAY and x[2] >= min(first, a["start"]) and
            (cut is None or x[2] <= cut or (x[1] == "outbound" and x[0] in ("email", "note") and a["story"] == "champion-left"))]
    if a["story"] in ("gone-dark", "checkin-ent", "checkin-mid", "checkin-smb"):
        acts = [x for x in acts if x[2] <= cut]
        if not any(x[2] == cut for x in acts):
            acts.append(("call", "outbound", weekday_on_or_before(cut), owner,
                         SUMMARIES[("call", "outbound")][0].format(**names)))
    if a.get("lapsed"):
        since = TODAY - timedelta(days=CHECKIN_LIMIT[tier] + rng.randint(4, 20))
        acts = [x for x in acts if x[2] <= since or x[0] in ("email", "note")]
    acts.sort(key=lambda x: x[2])
    return acts


def case_plan(a):
    if "cases" in a:
        return [(p, d(o), d(c) if c else None) for p, o, c in a["cases"]]
    n = {"healthy": rng.choice([0, 0, 1, 1, 2]), "onboarding-good": rng.choice([0, 1]),
         "middling": rng.choice([1, 2, 3]), "trouble": rng.choice([3, 4, 5, 6]), "declining": 3}[a["archetype"]]
    if a["tier"] == "smb":
        n = max(0, n - 1)
    out = []
    first = max(FIRST_WEEK, a["start"])
    span = (TODAY - first).days
    if span <= 0:
        return out
    pw = {"healthy": [45, 40, 14, 1], "onboarding-good": [40, 45, 15, 0], "middling": [30, 40, 25, 5],
          "trouble": [20, 30, 35, 15]}[a["archetype"]]
    criticals_open = 0
    for _ in range(n):
        p = rng.choices(["low", "medium", "high", "critical"], pw)[0]
        opened = weekday_on_or_before(first + timedelta(days=rng.randrange(span)))
        dur = {"low": (2, 20), "medium": (1, 14), "high": (1, 10), "critical": (1, 5)}[p]
        closed = opened + timedelta(days=rng.randint(*dur))
        if closed > TODAY or (p != "critical" and rng.random() < 0.08):
            closed = None
        if p == "critical" and closed is None:
            if criticals_open:
                closed = min(TODAY, opened + timedelta(days=2))
            criticals_open += 1
        out.append((p, opened, closed))
    return out


def contact_plan(a, used_people):
    n = {"enterprise": rng.randint(4, 5), "mid-market": rng.randint(3, 4), "smb": rng.randint(2, 3)}[a["tier"]]
    roles = [["primary"], ["champion"], ["sponsor"]]
    if a["tier"] == "smb":
        # small accounts: the owner is often sponsor and primary at once
        roles = [["sponsor", "primary"], ["champion"]] if rng.random() < 0.5 else [["primary"], ["champion"], []]
        if rng.random() < 0.15:
            roles = [["primary", "champion"], []]  # no sponsor recorded
    elif rng.random() < 0.15:
        roles = [["primary", "champion"], ["sponsor"]]
    while len(roles) < n:
        roles.append([])
    loc = a["locale"]
    _, slug = a["name"]
    out = []
    for r in roles[:max(n, len(roles))]:
        display, local = person(loc, used_people)
        out.append({"name": display, "email": f"{local}@{slug}.example", "roles": r, "left": False,
                    "opt_out": rng.random() < 0.03})
    if a.get("champion_left"):
        champ = next(c for c in out if "champion" in c["roles"])
        if "primary" in champ["roles"]:
            champ["roles"] = ["champion"]
            out[-1]["roles"] = ["primary"]
        champ["left"] = True
    if a.get("sponsor_left"):
        next(c for c in out if "sponsor" in c["roles"])["left"] = True
    if not a["story"] and rng.random() < 0.05:  # a few ordinary contacts moved on
        plain = [c for c in out if not c["roles"]]
        if plain:
            plain[0]["left"] = True
    if a["status"] == "churned":
        for c in out:
            c["opt_out"] = c["opt_out"] or "primary" in c["roles"]
    return out


def nps_plan(a, contacts):
    """(contact index, date, score, comment)."""
    def idx(role):
        for i, c in enumerate(contacts):
            if role in c["roles"]:
                return i
        return 0

    if "nps" in a:
        return [(idx(r), d(day), s, nps_comment(s, a["story"])) for r, day, s in a["nps"]]
    if a["start"] > d("2026-09-01") or rng.random() > 0.55:
        return []
    out = []
    wave_starts = [d("2026-06-08"), d("2026-09-07")]
    responders = [i for i, c in enumerate(contacts) if c["roles"] and not c["left"]]
    rng.shuffle(responders)
    responders = responders[:rng.randint(1, 2)]
    for w in wave_starts:
        if w < a["start"]:
            continue
        for i in responders:
            if rng.random() < 0.75:
                s = nps_score(a["archetype"])
                out.append((i, w + timedelta(days=rng.randrange(0, 12)), s, nps_comment(s)))
    return out


def payment_plan(a):
    # every account starts the window (or its contract) with a clean status, so that a replay
    # of the engine has a commercial input from the first week on
    base = max(FIRST_WEEK, a["start"] - timedelta(days=a["start"].weekday()))
    return [(base, 0)] + [p for p in payment_rows(a) if p[0] > base]


def payment_rows(a):
    if "payments" in a:
        return [(d(x), n) for x, n in a["payments"]]
    if a["status"] == "churned":
        return [(d("2026-10-05"), 0)]
    if a["story"] or a["start"] > TODAY - timedelta(days=45):  # stories only carry their own signals
        return [(TODAY, 0)]
    r = rng.random()
    if a["archetype"] == "trouble" and r < 0.3:
        return [(TODAY, rng.randint(8, 24))]
    if r < 0.05:
        return [(TODAY, rng.randint(3, 20))]
    if r < 0.08:  # was late once, paid since
        return [(d("2026-08-31"), rng.randint(31, 40)), (d("2026-09-28"), 0), (TODAY, 0)]
    return [(TODAY, 0)]


# ---------------------------------------------------------------------------------------
# A rough copy of the default health model (DESIGN §2.2), for --report and for tuning
# ---------------------------------------------------------------------------------------

def ramp(x, poor, healthy):
    if poor < healthy:
        t = (x - poor) / (healthy - poor)
    else:
        t = (poor - x) / (poor - healthy)
    return 100 * max(0.0, min(1.0, t))


def health(acc, as_of, usage, acts, cases, nps, pays, contacts):
    m = []  # (score, weight)
    u = [r for r in usage if d(r[1]) + timedelta(days=7) <= as_of]
    if u:
        last4 = u[-4:]
        m.append((ramp(sum(r[2] for r in last4) / len(last4) / acc["seats"], 0.4, 0.8), 15))
        m.append((ramp(u[-1][5] / u[-1][6], 0.2, 0.6), 15))
        if len(u) >= 12:
            prev8 = u[-12:-4]
            ka4, ka8 = sum(r[4] for r in last4) / 4, sum(r[4] for r in prev8) / 8
            m.append((ramp(ka4 / ka8 - 1 if ka8 else 0, -0.30, 0.0), 15))
    past = [x for x in acts if x[2] <= as_of]
    if past:
        m.append((ramp((as_of - past[-1][2]).days, 60, 14), 20 / 3))
    meets = [x for x in past if x[0] in ("meeting", "qbr")]
    if meets:
        m.append((ramp((as_of - meets[-1][2]).days, 120, 60), 20 / 3))
    sponsors = [c for c in contacts if "sponsor" in c["roles"]]
    if sponsors:
        m.append((100 if any(not c["left"] for c in sponsors) else 0, 20 / 3))
    latest = {}
    for ci, day, s, _ in sorted(nps, key=lambda x: x[1]):
        if day <= as_of:
            latest[ci] = s
    if latest:
        m.append((ramp(sum(latest.values()) / len(latest), 6, 9), 10))
    open_crit = sum(1 for p, o, c in cases if p == "critical" and o <= as_of and (c is None or c > as_of))
    m.append((ramp(open_crit, 2, 0), 5))
    hc = sum(1 for p, o, c in cases if p in ("high", "critical") and as_of - timedelta(days=90) < o <= as_of)
    m.append((ramp(hc, 4, 0), 5))
    cap = None
    pp = [n for day, n in pays if day <= as_of]
    if pp:
        m.append((ramp(pp[-1], 30, 0), 10))
        if pp[-1] >= 60:
            cap = 40
    m.append((ramp((acc["renewal"] - as_of).days, 30, 180), 5))
    score = sum(s * w for s, w in m) / sum(w for _, w in m)
    if cap is not None:
        score = min(score, cap)
    return round(score)


def fit_active_users(a, usage, acts, cases, nps, pays, contacts):
    """Choose each week's active users (moving smoothly) and advanced features used so that
    the approximate score follows the story's target."""
    prev_au = prev_fu = None
    seats, fa = a["seats"], FEATURES[a["tier"]]
    for row in usage:
        i = WEEKS.index(d(row[1]))
        t = a["target"][i]
        if t is None:
            prev_au, prev_fu = row[2], row[5]
            continue
        lo, hi = round(0.35 * seats), round(0.95 * seats)
        if prev_au is not None:
            lo, hi = max(lo, prev_au - round(0.1 * seats)), min(hi, prev_au + round(0.1 * seats))
        base = round(a["feats"][i])
        best = None
        for fu in range(max(1, base - 4), min(fa, base + 3) + 1):
            for au in range(lo, hi + 1):
                row[2], row[5] = au, fu
                s = health(a, d(row[1]) + timedelta(days=7), usage, acts, cases, nps, pays, contacts)
                key = (abs(s - t), abs(fu - (prev_fu if prev_fu is not None else base)) * 0.1 * seats
                       + abs(au - (prev_au if prev_au is not None else au)))
                if best is None or key < best[0]:
                    best = (key, au, fu)
        row[2], row[5] = prev_au, prev_fu = best[1], best[2]
        row[3] = round(row[2] * rng.uniform(2.6, 4.2))


def band(s):
    return "Red" if s <= 40 else "Yellow" if s <= 70 else "Green"


# ---------------------------------------------------------------------------------------
# Generate, validate, write
# ---------------------------------------------------------------------------------------

HEADERS = {
    "users": ["login", "name", "email", "role", "manager"],
    "accounts": ["id", "name", "tier", "owner", "ae", "arr", "contract_start", "renewal_date", "seats", "timezone",
                 "opt_out", "status"],
    "contacts": ["id", "account_id", "name", "email", "roles", "left_company", "opt_out"],
    "usage": ["account_id", "week", "active_users", "logins", "key_actions", "features_used", "features_available"],
    "cases": ["id", "account_id", "priority", "opened", "closed"],
    "nps": ["contact_id", "date", "score", "comment"],
    "payments": ["account_id", "as_of", "days_overdue"],
    "activities": ["id", "account_id", "type", "direction", "date", "author", "summary"],
}
REQUIRED = {
    "users": ["login", "name", "email", "role"],
    "accounts": ["id", "name", "tier", "owner", "arr", "contract_start", "renewal_date"],
    "contacts": ["id", "account_id", "name", "email"],
    "usage": ["account_id", "week", "active_users", "key_actions"],
    "cases": ["id", "account_id", "priority", "opened"],
    "nps": ["contact_id", "date", "score"],
    "payments": ["account_id", "as_of", "days_overdue"],
    "activities": ["account_id", "type", "date", "author"],
}


def b(x):
    return "true" if x else "false"


def generate():
    accounts = build_accounts()
    files = {k: [] for k in HEADERS}
    files["users"] = [[l, n, f"{l}@{MAIL}", r, m] for l, n, r, m in USERS]
    detail = {}
    n_contact = n_case = 0
    all_acts = []
    for a in sorted(accounts, key=lambda a: a["id"]):
        files["accounts"].append([a["id"], a["name"][0], a["tier"], a["owner"], a["ae"], str(a["arr"]),
                                  a["start"].isoformat(), a["renewal"].isoformat(), a["seats"], a["tz"],
                                  b(a["opt_out"]), a["status"]])
        contacts = contact_plan(a, set())
        cids = []
        for c in contacts:
            n_contact += 1
            cid = f"CON-{n_contact:05d}"
            cids.append(cid)
            files["contacts"].append([cid, a["id"], c["name"], c["email"], ";".join(c["roles"]), b(c["left"]),
                                      b(c["opt_out"])])
        usage = usage_rows(a)
        files["usage"] += usage
        cases = case_plan(a)
        for p, o, c in cases:
            n_case += 1
            files["cases"].append([f"CASE-{n_case:05d}", a["id"], p, o.isoformat(), c.isoformat() if c else ""])
        nps = nps_plan(a, contacts)
        for ci, day, s, comment in nps:
            files["nps"].append([cids[ci], day.isoformat(), s, comment])
        pays = payment_plan(a)
        for day, n in pays:
            files["payments"].append([a["id"], day.isoformat(), n])
        acts = activity_plan(a, contacts)
        if "target" in a:
            fit_active_users(a, usage, acts, cases, nps, pays, contacts)
        for x in acts:
            all_acts.append((x[2], a["id"], x))
        detail[a["id"]] = (a, usage, acts, cases, nps, pays, contacts)
    all_acts.sort(key=lambda t: (t[0], t[1]))
    for n, (_, aid, (kind, direction, day, author, summary)) in enumerate(all_acts, 1):
        files["activities"].append([f"ACT-{n:05d}", aid, kind, direction, day.isoformat(), author, summary])
    files["nps"].sort(key=lambda r: (r[1], r[0]))
    files["payments"].sort(key=lambda r: (r[1], r[0]))
    return accounts, files, detail


def validate(files):
    errors = []
    users = {r[0] for r in files["users"]}
    accounts = {r[0] for r in files["accounts"]}
    contacts = {r[0] for r in files["contacts"]}
    idx = {k: {h: i for i, h in enumerate(v)} for k, v in HEADERS.items()}

    def col(kind, row, name):
        return row[idx[kind][name]]

    def is_date(s):
        try:
            date.fromisoformat(s)
            return len(s) == 10
        except ValueError:
            return False

    for kind, rows in files.items():
        for n, row in enumerate(rows, 2):
            where = f"{kind}.csv:{n}"
            if len(row) != len(HEADERS[kind]):
                errors.append(f"{where}: {len(row)} columns")
                continue
            for name in REQUIRED[kind]:
                if str(col(kind, row, name)) == "":
                    errors.append(f"{where}: empty {name}")
            for name, value in zip(HEADERS[kind], row):
                value = str(value)
                if name in ("contract_start", "renewal_date", "week", "opened", "closed", "date", "as_of") and value:
                    if not is_date(value):
                        errors.append(f"{where}: bad date {name}={value}")
                    elif date.fromisoformat(value) > TODAY and name != "renewal_date":
                        errors.append(f"{where}: {name} after today")
                if name in ("arr", "seats", "active_users", "logins", "key_actions", "features_used",
                            "features_available", "days_overdue", "score") and value:
                    try:
                        if float(value) < 0:
                            errors.append(f"{where}: negative {name}")
                    except ValueError:
                        errors.append(f"{where}: not a number {name}={value}")
                if name in ("opt_out", "left_company") and value not in ("true", "false"):
                    errors.append(f"{where}: bad boolean {name}")
    for kind, key in (("users", "login"), ("accounts", "id"), ("contacts", "id"), ("cases", "id"),
                      ("activities", "id")):
        seen = set()
        for row in files[kind]:
            k = col(kind, row, key)
            if k in seen:
                errors.append(f"{kind}.csv: duplicate {key} {k}")
            seen.add(k)
    seen = set()
    for row in files["usage"]:
        k = (row[0], row[1])
        if k in seen:
            errors.append(f"usage.csv: duplicate week {k}")
        seen.add(k)
        if date.fromisoformat(row[1]).weekday() != 0:
            errors.append(f"usage.csv: {row[1]} is not a Monday")
        if row[5] > row[6]:
            errors.append(f"usage.csv: features_used > available for {k}")
    for row in files["users"]:
        if row[4] and row[4] not in users:
            errors.append(f"users.csv: manager {row[4]} unknown")
        if row[3] not in ("csm", "manager", "vp", "ae"):
            errors.append(f"users.csv: role {row[3]}")
    for row in files["accounts"]:
        if row[3] not in users or [u for u in USERS if u[0] == row[3]][0][2] != "csm":
            errors.append(f"accounts.csv: owner {row[3]} is not a CSM")
        if row[4] and row[4] not in AES:
            errors.append(f"accounts.csv: ae {row[4]} is not an AE")
        if row[2] not in FEATURES or row[11] not in ("active", "churned"):
            errors.append(f"accounts.csv: tier/status of {row[0]}")
        if row[6] >= row[7]:
            errors.append(f"accounts.csv: {row[0]} renews before it starts")
    for kind in ("contacts", "usage", "cases", "payments", "activities"):
        for row in files[kind]:
            if col(kind, row, "account_id") not in accounts:
                errors.append(f"{kind}.csv: unknown account {col(kind, row, 'account_id')}")
    for row in files["contacts"]:
        for r in filter(None, row[4].split(";")):
            if r not in ("sponsor", "champion", "primary"):
                errors.append(f"contacts.csv: role {r}")
    for row in files["cases"]:
        if row[2] not in ("low", "medium", "high", "critical"):
            errors.append(f"cases.csv: priority {row[2]}")
        if row[4] and row[4] < row[3]:
            errors.append(f"cases.csv: {row[0]} closed before opened")
    for row in files["nps"]:
        if row[0] not in contacts:
            errors.append(f"nps.csv: unknown contact {row[0]}")
        if not 0 <= int(row[2]) <= 10:
            errors.append(f"nps.csv: score {row[2]}")
    for row in files["activities"]:
        if row[5] not in users:
            errors.append(f"activities.csv: author {row[5]}")
        if row[2] not in ("call", "email", "meeting", "qbr", "check-in", "note") or row[3] not in ("outbound", "inbound"):
            errors.append(f"activities.csv: type/direction {row[0]}")
    primaries = {r[1] for r in files["contacts"] if "primary" in r[4].split(";")}
    for a in accounts - primaries:
        errors.append(f"contacts.csv: {a} has no primary contact")
    return errors


def write(files, out):
    os.makedirs(out, exist_ok=True)
    for kind, rows in files.items():
        with open(os.path.join(out, f"{kind}.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(HEADERS[kind])
            w.writerows(rows)


def report(accounts, detail):
    as_ofs = [w + timedelta(days=7) for w in WEEKS]
    finals = {}
    for aid, (a, usage, acts, cases, nps, pays, contacts) in sorted(detail.items()):
        finals[aid] = health(a, TODAY, usage, acts, cases, nps, pays, contacts)
    print("approximate health on 2026-11-23 (DESIGN §2.2 defaults, equal weights inside a group):")
    for c in CSMS:
        book = [aid for aid, t in detail.items() if t[0]["owner"] == c and t[0]["status"] == "active"]
        bands = [band(finals[x]) for x in book]
        print(f"  {c:16s} {len(book):2d} accounts  Green {bands.count('Green'):2d}  Yellow {bands.count('Yellow'):2d}"
              f"  Red {bands.count('Red'):2d}  mean {sum(finals[x] for x in book) / len(book):.0f}")
    for c in CSMS:
        book = [t for t in detail.values() if t[0]["owner"] == c and t[0]["status"] == "active"]
        covered = 0
        for a, usage, acts, *_ in book:
            lim = {"enterprise": 45, "mid-market": 30, "smb": 90}[a["tier"]]
            ci = [x[2] for x in acts if x[0] in ("check-in", "call", "meeting", "qbr")]
            covered += bool(ci) and (TODAY - ci[-1]).days <= lim
        print(f"  {c:16s} check-in coverage {covered}/{len(book)} = {covered / len(book):.0%}")
    allb = [band(v) for k, v in finals.items() if detail[k][0]["status"] == "active"]
    print(f"  all: >70 {sum(v > 70 for v in finals.values())}, 56-70 {sum(55 < v <= 70 for v in finals.values())},"
          f" <=55 {sum(v <= 55 for v in finals.values())}")
    print(f"  all: Green {allb.count('Green')}  Yellow {allb.count('Yellow')}  Red {allb.count('Red')}")
    print("story accounts, weekly score (as of each Monday 2026-06-01 … 2026-11-23):")
    for aid, (a, usage, acts, cases, nps, pays, contacts) in sorted(detail.items(), key=lambda t: t[1][0]["story"]):
        if not a["story"]:
            continue
        scores = [health(a, x, usage, acts, cases, nps, pays, contacts) for x in as_ofs]
        last_act = acts[-1][2] if acts else None
        print(f"  {aid} {a['story']:16s} {a['owner']:16s} {a['tier']:10s} renew {a['renewal']} last act {last_act}")
        print("     " + " ".join(f"{s:3d}" for s in scores))
    # generic accounts that look like stories by accident
    odd = []
    for aid, (a, usage, acts, cases, nps, pays, contacts) in sorted(detail.items()):
        if a["story"] or a["status"] != "active":
            continue
        lim = {"enterprise": 45, "mid-market": 30, "smb": 90}[a["tier"]]
        gap = (TODAY - acts[-1][2]).days if acts else 999
        if gap > lim:
            odd.append(f"{aid} check-in overdue ({gap} d, {a['tier']}, {a['owner']})")
        if len(usage) >= 8:
            l4 = sum(r[4] for r in usage[-4:]) / 4
            p4 = sum(r[4] for r in usage[-8:-4]) / 4
            if l4 <= 0.7 * p4 or l4 >= 1.3 * p4:
                odd.append(f"{aid} usage change {l4 / p4 - 1:+.0%}")
        crit = sum(1 for p, o, c in cases if p == "critical" and c is None)
        if crit >= 3:
            odd.append(f"{aid} {crit} open criticals")
    print("generic accounts with a signal today:", "; ".join(odd) if odd else "none")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "SampleData"))
    ap.add_argument("--report", action="store_true")
    args = ap.parse_args()
    accounts, files, detail = generate()
    errors = validate(files)
    if errors:
        for e in errors[:40]:
            print("invalid:", e, file=sys.stderr)
        print(f"{len(errors)} validation errors; nothing written", file=sys.stderr)
        return 1
    write(files, os.path.normpath(args.out))
    if args.report:
        report(accounts, detail)
    print("wrote " + ", ".join(f"{k}.csv {len(v)}" for k, v in files.items()) + f" to {os.path.normpath(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
