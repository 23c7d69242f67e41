"""A deterministic, full-scale synthetic data set in the real `data/` format — never published.

Tests build mini sites from it and the benchmark times the pipeline with it. The same seed and
scale always give byte-identical files. Scale 1 is the size of the real catalogue (6 fields,
48 goals, 144 measures); scale N multiplies goals and measures (N=35 gives about 5,000 measures).
The texts mix short and long sentences, umlauts and right-to-left (Arabic) passages, and stay
plain text, so the data passes `python -m macros check`.

    python -m tests.synthetic OUT_DIR [--scale N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from macros.data.loader import dump_yaml

REPO_DATA = Path(__file__).resolve().parent.parent / "data"

HEADER = "# Synthetische Testdaten (tests/synthetic.py) – nicht veröffentlichen.\n"

# The real six action fields, so the real page tree (docs/<lang>/handlungsfelder/<slug>.md)
# builds with synthetic data as well.
FIELDS = [
    ("sb", "sprache-und-bildung", "Sprache und Bildung", 57),
    ("aa", "arbeit-und-ausbildung", "Arbeit und Ausbildung", 63),
    ("gp", "gesundheit-und-pflege", "Gesundheit und Pflege", 69),
    ("be", "buergerschaftliches-engagement", "Bürgerschaftliches Engagement", 75),
    ("gt", "gesellschaftliche-teilhabe", "Gesellschaftliche Teilhabe", 81),
    ("io", "interkulturelle-oeffnung", "Interkulturelle Öffnung", 87),
]
FIELD_TITLES_EN = {
    "sb": "Language and education",
    "aa": "Work and training",
    "gp": "Health and care",
    "be": "Civic engagement",
    "gt": "Participation in society",
    "io": "Intercultural opening",
}
GOALS_PER_FIELD = 8  # per scale unit
MEASURES_PER_GOAL = 3  # 6 x 8 x 3 = 144 measures per scale unit
ACTOR_COUNT = 60
INDICATOR_COUNT = 20

STATUSES = [
    # id, icon, reported, German label, English label, weight in the synthetic catalogue
    ("no-report", "○", False, "Noch kein Bericht", "No report yet", 40),
    ("planned", "◔", True, "Geplant", "Planned", 12),
    ("in-progress", "◑", True, "In Umsetzung", "In progress", 15),
    ("ongoing", "↻", True, "Daueraufgabe", "Ongoing", 10),
    ("done", "●", True, "Umgesetzt", "Done", 8),
]
THEMES = [
    ("transparenz", "Transparenz und Öffentlichkeitsarbeit"),
    ("zielgruppen", "Zielgruppenorientierung"),
    ("sozialraum", "Sozialraumorientierung"),
    ("strukturen", "Strukturen und Ressourcen"),
]
ACTOR_KINDS = ["city", "public", "civil", "network", "group"]

# Word material. No '<', '>', '{' or '}': those are refused in data texts.
_ACTIONS = [
    "Sprachcafés einrichten",
    "Beratung ausbauen",
    "Lotsinnen und Lotsen gewinnen",
    "Begegnungsorte öffnen",
    "Übergänge begleiten",
    "Fortbildungen anbieten",
    "Elternarbeit stärken",
    "Mehrsprachige Informationen veröffentlichen",
    "Kooperationen knüpfen",
    "Ehrenamt würdigen",
    "Zugänge erleichtern",
    "Fachtage durchführen",
]
_PLACES = [
    "in allen Stadtteilen",
    "in Kitas und Schulen",
    "im Rathaus",
    "in der Sankt-Mang-Schule",
    "im Haus International",
    "an der Hochschule",
    "in Sportvereinen",
    "auf dem Wochenmarkt",
    "in Betrieben",
    "in der Stadtbücherei",
    "im Jugendzentrum",
    "in Familienzentren",
]
_GROUPS = [
    "Kinder und Jugendliche",
    "Eltern",
    "Neuzugewanderte",
    "Geflüchtete",
    "Seniorinnen und Senioren",
    "Frauen mit Migrationsgeschichte",
    "Auszubildende",
    "Ehrenamtliche",
    "Fachkräfte",
    "Migrant*innenorganisationen",
]
_SENTENCES = [
    "Die Angebote sollen wohnortnah, kostenlos und ohne Anmeldung zugänglich sein.",
    "Dabei werden bestehende Strukturen genutzt und gezielt ergänzt.",
    "Besonders wichtig ist die enge Abstimmung zwischen Ämtern, freien Trägern und Vereinen.",
    "Über Erfahrungen und Ergebnisse berichtet das Amt für Integration jährlich im Ausschuss.",
    "Für die Umsetzung sind zusätzliche Mittel im Haushalt nötig; sie werden jährlich beantragt.",
    "Größere Veränderungen brauchen Geduld – Maßnahmen wirken oft erst über mehrere Jahre.",
    "Menschen mit Fluchterfahrung werden von Anfang an einbezogen.",
    "Öffentlichkeitsarbeit macht die Angebote bekannt, auch in einfacher Sprache.",
    "Ein Plakat grüßt mehrsprachig: „مرحبا بكم في كمبتن“ – Willkommen in Kempten.",
    "Die arabische Fassung des Flyers trägt den Titel „دليل الاندماج“ (Integrationsleitfaden).",
]
_ARABIC = ["نادي الحوار", "مجلس الاندماج", "مركز اللقاء", "جمعية الجالية العربية"]
_ACTOR_WORDS = [
    "Begegnung",
    "Bildung",
    "Nachbarschaft",
    "Jugend",
    "Kultur",
    "Sport",
    "Frauen",
    "Familie",
    "Ausbildung",
    "Gesundheit",
    "Pflege",
    "Zukunft",
    "Vielfalt",
    "Heimat",
    "Dialog",
]
_ACTOR_FORMS = [
    ("civil", "Verein für {w} Kempten e. V."),
    ("civil", "Förderverein {w} und Integration"),
    ("city", "Amt für {w}"),
    ("public", "Beratungsstelle {w} des Landkreises"),
    ("network", "Netzwerk {w} im Allgäu"),
    ("group", "Initiativen für {w}"),
]
_INDICATOR_TOPICS = [
    "Kinder in Sprachkursen",
    "Teilnehmende an Integrationskursen",
    "Auszubildende mit Migrationsgeschichte",
    "Ehrenamtliche Lotsinnen und Lotsen",
    "Beratungsgespräche",
    "Mehrsprachige Veröffentlichungen",
    "Einbürgerungen",
    "Kita-Plätze mit Sprachförderung",
    "Vereine mit interkulturellem Angebot",
    "Besuche im Sprachcafé",
]
_SOURCES = [
    (
        "beschlussvorlage-2021",
        "Beschlussvorlage 2021/Ref. 5/163 für den Stadtrat",
        True,
        dt.date(2021, 11, 18),
    ),
    ("integrationsbericht-2023", "Integrationsbericht 2023 der Stadt Kempten", True, dt.date(2023, 6, 30)),
    ("integrationsbericht-2024", "Integrationsbericht 2024 der Stadt Kempten", True, dt.date(2024, 6, 30)),
    ("statistik-bayern", "Bayerisches Landesamt für Statistik", False, None),
    ("auslaenderstatistik", "Ausländerstatistik der Stadt (nicht aus dem KIK)", False, None),
    ("zdf-2022", "Broschüre „Zahlen – Daten – Fakten 2022“", False, dt.date(2022, 9, 1)),
]

# Every synthetic date lies in this window, before any `today` a test may run on. Histories whose
# latest entry is before _STALE_BEFORE are old reports ("Stand älter als 12 Monate") from 2026-12 on.
_FIRST_DAY = dt.date(2021, 12, 1)
_LAST_DAY = dt.date(2026, 11, 30)
_STALE_BEFORE = dt.date(2025, 6, 30)
# How a measure got to its current status: the status changes of its history, oldest first.
_PATHS = {
    "planned": [["planned"]],
    "in-progress": [["planned", "in-progress"], ["in-progress"]],
    "ongoing": [["planned", "ongoing"], ["in-progress", "ongoing"]],
    "done": [["planned", "in-progress", "done"], ["in-progress", "done"]],
}
_NOTES = [
    "Die ersten Termine haben stattgefunden; die Nachfrage ist groß.",
    "Ein Konzept wurde mit den Partnern abgestimmt.",
    "Wegen fehlender Räume verschiebt sich der Start um einige Monate.",
    "Die Finanzierung für das kommende Jahr ist gesichert.",
    "Rund 40 Teilnehmende; eine Auswertung folgt im Ausschuss.",
    "Das Angebot wurde auf zwei weitere Stadtteile ausgeweitet.",
    "Ein mehrsprachiger Flyer (auch „عربي“) ist erschienen.",
]
_NOTES_EN = [
    "The first sessions have taken place; demand is high.",
    "A concept was agreed with the partners.",
    "The start is delayed by some months for lack of rooms.",
    "Funding for next year is secured.",
    "About 40 participants; an evaluation follows in committee.",
    "The offer was extended to two more districts.",
    "A multilingual flyer has been published.",
]


def write_dataset(out_dir: Path, scale: int = 1, seed: int = 1, all_languages: bool = False) -> None:
    """Write a complete synthetic data folder (what `data/` holds) into out_dir.

    out_dir is created if needed; files in it are overwritten. It must not be the repository's
    own data/ folder. With all_languages, the data has every language of the real site (the
    benchmark builds measures × languages); the languages after English carry the English texts.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    out_dir = Path(out_dir)
    if out_dir.resolve() == REPO_DATA.resolve():
        raise ValueError("refusing to overwrite the real data/ folder")
    rng = random.Random(seed)
    gen = _Generator(rng, scale)
    files = gen.build()
    if all_languages:
        real = yaml.safe_load((REPO_DATA / "languages.yml").read_text(encoding="utf-8"))["languages"]
        files["languages.yml"] = {"languages": real}
        for language in real[2:]:
            files[f"i18n/{language['id']}/texts.yml"] = files["i18n/en/texts.yml"]
    for name, value in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + _dump(value), encoding="utf-8")
    # UI labels are program text, not data: the real ones fit the templates of this checkout.
    for lang in [entry["id"] for entry in files["languages.yml"]["languages"]]:
        target = out_dir / "i18n" / lang / "labels.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO_DATA / "i18n" / lang / "labels.yml", target)


def _dump(value: Any) -> str:
    return dump_yaml(value, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


class _Generator:
    def __init__(self, rng: random.Random, scale: int):
        self.rng = rng
        self.scale = scale

    def date(self, after: dt.date = _FIRST_DAY) -> dt.date:
        span = (_LAST_DAY - after).days
        return after + dt.timedelta(days=self.rng.randint(0, max(span, 0)))

    def text(self, sentences: int) -> str:
        return " ".join(self.rng.choice(_SENTENCES) for _ in range(sentences))

    def build(self) -> dict[str, Any]:
        rng = self.rng
        texts_de: dict[str, dict[str, Any]] = {
            "statuses": {},
            "fields": {},
            "themes": {},
            "goals": {},
            "measures": {},
            "actors": {},
            "indicators": {},
            "sources": {},
        }
        texts_en: dict[str, dict[str, Any]] = {"statuses": {}, "fields": {}, "measures": {}}

        languages = [
            {"id": "de", "name": "Deutsch", "dir": "ltr"},
            {"id": "en", "name": "English", "dir": "ltr"},
        ]
        statuses = []
        for sid, icon, reported, label_de, label_en, _weight in STATUSES:
            statuses.append({"id": sid, "icon": icon, "reported": reported})
            texts_de["statuses"][sid] = {"label": label_de, "description": f"Bedeutung: {label_de}."}
            texts_en["statuses"][sid] = {"label": label_en}

        themes = []
        for number, (tid, title) in enumerate(THEMES, start=1):
            themes.append({"id": tid, "number": number, "pages": {"from": 50 + number, "to": 51 + number}})
            texts_de["themes"][tid] = {"title": title}

        sources = []
        for sid, title, kik, date in _SOURCES:
            entry: dict[str, Any] = {"id": sid}
            if date:
                entry["date"] = date
            entry["kik"] = kik
            sources.append(entry)
            texts_de["sources"][sid] = {"title": title}

        actors = []
        for i in range(1, ACTOR_COUNT + 1):
            kind, form = _ACTOR_FORMS[(i - 1) % len(_ACTOR_FORMS)]
            aid = f"akteur-{i:02d}"
            actors.append({"id": aid, "kind": kind})
            name = form.format(w=rng.choice(_ACTOR_WORDS))
            if i % 15 == 0:
                name += f" – {rng.choice(_ARABIC)}"
            texts_de["actors"][aid] = {"name": f"{name} ({i})"}
            if i % 4 == 0:
                texts_de["actors"][aid]["description"] = self.text(rng.randint(1, 3))

        indicators = []
        for i in range(1, INDICATOR_COUNT + 1):
            iid = f"kennzahl-{i:02d}"
            unit = ("percent", "persons", "count")[i % 3]
            values = []
            for year in sorted(rng.sample(range(2016, 2025), rng.randint(1, 6))):
                value: float = round(rng.uniform(0, 100), 1) if unit == "percent" else rng.randint(10, 80000)
                item: dict[str, Any] = {
                    "date": dt.date(year, 12, 31),
                    "value": value,
                    "source": rng.choice(_SOURCES)[0],
                }
                if rng.random() < 0.2:
                    item["approximate"] = True
                values.append(item)
            indicators.append({"id": iid, "unit": unit, "values": values})
            texts_de["indicators"][iid] = {"title": f"{_INDICATOR_TOPICS[i % len(_INDICATOR_TOPICS)]} ({i})"}
            if i % 5 == 0:
                texts_de["indicators"][iid]["note"] = "Zählweise 2020 geändert; Werte davor sind Schätzungen."

        fields, goals, measures = [], [], []
        goals_per_field = GOALS_PER_FIELD * self.scale
        weights = [s[5] for s in STATUSES]
        for number, (fid, slug, title, first_page) in enumerate(FIELDS, start=1):
            measures_in_field = goals_per_field * MEASURES_PER_GOAL
            # Mix the three honest ways a field can declare its catalogue: more than online,
            # exactly what is online, and not yet known.
            declared_measures = (measures_in_field + 6, measures_in_field, None)[number % 3]
            fields.append(
                {
                    "id": fid,
                    "slug": slug,
                    "number": number,
                    "pages": {"from": first_page, "to": first_page + 5},
                    "declared_goals": None if declared_measures is None else goals_per_field,
                    "declared_measures": declared_measures,
                }
            )
            texts_de["fields"][fid] = {"title": title, "summary": self.text(2)}
            texts_en["fields"][fid] = {
                "title": FIELD_TITLES_EN[fid],
                "summary": "An action field of the KIK.",
            }
            ranks = iter(range(1, 6))
            ranked = set(rng.sample(range(measures_in_field), 5))
            position = 0
            for g in range(1, goals_per_field + 1):
                gid = f"{fid}-z{g}"
                goals.append({"id": gid, "number": g, "field": fid})
                if g % 7 != 3:  # some goal wordings are not online yet
                    texts_de["goals"][gid] = {"title": f"{rng.choice(_GROUPS)}: {rng.choice(_ACTIONS)}"}
                for k in range(1, MEASURES_PER_GOAL + 1):
                    measures.append(self.measure(fid, gid, g, k, first_page, weights, texts_de, texts_en))
                    if position in ranked:
                        measures[-1]["vote_rank"] = next(ranks)
                    position += 1

        return {
            "languages.yml": {"languages": languages},
            "statuses.yml": {"statuses": statuses},
            "fields.yml": {"fields": fields},
            "themes.yml": {"themes": themes},
            "goals.yml": {"goals": goals},
            "measures.yml": {"measures": measures},
            "actors.yml": {"actors": actors},
            "sources.yml": {"sources": sources},
            "indicators.yml": {"indicators": indicators},
            "i18n/de/texts.yml": texts_de,
            "i18n/en/texts.yml": texts_en,
        }

    def measure(
        self,
        fid: str,
        gid: str,
        g: int,
        k: int,
        first_page: int,
        weights: list[int],
        texts_de: dict[str, Any],
        texts_en: dict[str, Any],
    ) -> dict[str, Any]:
        rng = self.rng
        mid = f"{fid}-m{g}-{k}"
        status = rng.choices(STATUSES, weights=weights)[0]
        measure: dict[str, Any] = {"id": mid, "number": f"{g}.{k}", "goal": gid}
        history, notes = self.history(status[0]) if status[2] else ([], {})
        if history:
            measure["history"] = history
        actors = rng.sample(range(1, ACTOR_COUNT + 1), rng.randint(0, 5))
        if actors[:2]:
            measure["lead"] = [f"akteur-{a:02d}" for a in actors[:2]]
        if actors[2:]:
            measure["partners"] = [f"akteur-{a:02d}" for a in actors[2:]]
        if rng.random() < 0.3:
            picks = rng.sample(range(1, INDICATOR_COUNT + 1), rng.randint(1, 2))
            measure["indicators"] = [f"kennzahl-{i:02d}" for i in picks]
        if rng.random() < 0.4:
            measure["themes"] = sorted(rng.sample([t[0] for t in THEMES], rng.randint(1, 2)))
        page = first_page + rng.randint(0, 4)
        measure["pages"] = {"from": page, "to": page + rng.randint(0, 1)}

        if rng.random() < 0.3:
            title = f"{rng.choice(_ACTIONS)} {rng.choice(_PLACES)}"
        else:
            title = f"{rng.choice(_ACTIONS)} {rng.choice(_PLACES)} für {rng.choice(_GROUPS)}; {self.text(1)}"
        text: dict[str, Any] = {"title": title}
        if rng.random() < 0.6:
            text["description"] = self.text(rng.randint(1, 8))
        if rng.random() < 0.5:
            text["target_groups"] = sorted(rng.sample(_GROUPS, rng.randint(1, 3)))
        if rng.random() < 0.4:
            start = rng.randint(2022, 2025)
            text["timeframe"] = rng.choice([f"ab {start}", f"{start} bis {start + 2}", "laufend"])
        if notes:
            text["notes"] = {key: _NOTES[i] for key, i in notes.items()}
        texts_de["measures"][mid] = text
        if rng.random() < 0.3:
            texts_en["measures"][mid] = {"title": f"Measure {g}.{k} of the action field"}
            # Only some notes are translated: the others show in German, marked as German.
            translated = {key: _NOTES_EN[i] for key, i in notes.items() if rng.random() < 0.5}
            if translated:
                texts_en["measures"][mid]["notes"] = translated
        return measure

    def history(self, final: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """A realistic record ending in status `final`: its status changes with progress notes
        between them, on distinct increasing dates; about a quarter ends before _STALE_BEFORE.
        Returns the history entries and {date key: index into _NOTES} of the German notes."""
        rng = self.rng
        kinds: list[str | None] = []
        for change in rng.choice(_PATHS[final]):
            kinds.append(change)
            kinds += [None] * rng.randint(0, 2)  # progress notes after the change
        last = _STALE_BEFORE if rng.random() < 0.25 else _LAST_DAY
        span = (last - _FIRST_DAY).days
        days = sorted(rng.sample(range(span), len(kinds)))
        history: list[dict[str, Any]] = []
        notes: dict[str, int] = {}
        for kind, day in zip(kinds, days, strict=True):
            date = _FIRST_DAY + dt.timedelta(days=day)
            entry: dict[str, Any] = {"date": date}
            if kind is not None:
                entry["status"] = kind
            history.append(entry)
            if kind is None or rng.random() < 0.3:  # a status change may carry a note as well
                notes[date.isoformat()] = rng.randrange(len(_NOTES))
        return history, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synthetic", description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the data into (like data/)")
    parser.add_argument("--scale", type=int, default=1, help="multiplies goals and measures (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--all-languages", action="store_true", help="every language of the real site")
    args = parser.parse_args(argv)
    write_dataset(args.out_dir, args.scale, args.seed, args.all_languages)
    print(f"Synthetische Daten (Faktor {args.scale}, Seed {args.seed}) geschrieben nach {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
