"""`python -m macros check` — the same validation the build runs, as a command for editors."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .data.dataset import DEFAULT_DATA_DIR, PROJECT_ROOT, check
from .data.problems import DataError, format_problems


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"kein Datum im Format JJJJ-MM-TT: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="KIK-Werkzeuge")
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="Daten in data/ prüfen (wie beim Bauen der Website)")
    check_cmd.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="Datenordner")
    build_cmd = sub.add_parser("build", help="alle Sprachen bauen; ersetzt das Ziel erst nach Erfolg")
    build_cmd.add_argument("--out", type=Path, default=PROJECT_ROOT / "site", help="Zielordner")
    build_cmd.add_argument("--lang", nargs="*", help="nur diese Sprachen (Standard: alle)")
    build_cmd.add_argument("--site-url", help="öffentliche Adresse, z. B. https://example.org/kik/")
    build_cmd.add_argument(
        "--allow-placeholders",
        action="store_true",
        help="nur für Tests/Vorschau: mit --site-url trotz Platzhaltern bauen (deploy-check lehnt ab)",
    )
    build_cmd.add_argument(
        "--nginx-conf",
        type=Path,
        help="wohin der nginx-Block geschrieben wird (Standard: neben dem Zielordner)",
    )
    import_cmd = sub.add_parser(
        "import", help="Maßnahmen und Ziele aus einer Tabelle (CSV, XLSX, ODS) übernehmen"
    )
    import_cmd.add_argument("table", type=Path, help="die Tabelle, z. B. massnahmen.xlsx")
    mode = import_cmd.add_mutually_exclusive_group()
    mode.add_argument(
        "--dry-run", dest="write", action="store_false", help="nur zeigen, was sich ändert (Standard)"
    )
    mode.add_argument("--write", dest="write", action="store_true", help="Änderungen in data/ schreiben")
    import_cmd.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="Datenordner")
    import_cmd.set_defaults(write=False)  # a dry run unless --write is given
    i18n_cmd = sub.add_parser("i18n", help="Werkzeuge für Übersetzende")
    i18n_sub = i18n_cmd.add_subparsers(dest="i18n_command", required=True)
    add_cmd = i18n_sub.add_parser("add", help="neue Sprache anlegen (alle Seiten zunächst deutsch)")
    add_cmd.add_argument("code", help="Sprachcode nach ISO 639-1, z. B. fr")
    add_cmd.add_argument("name", help="Name der Sprache in der Sprache selbst, z. B. Français")
    add_cmd.add_argument("--rtl", action="store_true", help="Schrift läuft von rechts nach links")
    stamp_cmd = i18n_sub.add_parser("stamp", help="Übersetzungen als aktuell zur deutschen Fassung markieren")
    stamp_cmd.add_argument("code")
    stamp_cmd.add_argument("--method", choices=["machine", "human"], help="wie übersetzt wurde")
    stamp_cmd.add_argument(
        "--reviewed", type=lambda s: dt.date.fromisoformat(s), help="Datum der Prüfung JJJJ-MM-TT"
    )
    report_cmd = i18n_sub.add_parser("report", help="Stand der Übersetzungen je Sprache")
    report_cmd.add_argument("codes", nargs="*", help="nur diese Sprachen")
    report_cmd.add_argument("--short", action="store_true", help="nur eine Zeile je Sprache")
    report_fr = sub.add_parser(
        "fachrunde", help="Bericht zum Stand der Umsetzung je Handlungsfeld (HTML und PDF)"
    )
    report_fr.add_argument("--seit", required=True, type=_date, help="Änderungen seit diesem Tag, JJJJ-MM-TT")
    report_fr.add_argument(
        "--stichtag", type=_date, default=dt.date.today(), help="Stand an diesem Tag (Standard: heute)"
    )
    report_fr.add_argument("--feld", nargs="*", help="nur diese Handlungsfelder (IDs, z. B. sb)")
    report_fr.add_argument(
        "--out", type=Path, default=Path("fachrunde"), help="Zielordner (Standard: ./fachrunde)"
    )
    args = parser.parse_args(argv)

    if args.command == "fachrunde":
        from .data.dataset import load_dataset
        from .publish.fachrunde import write_reports
        from .publish.printdoc import PrintError

        try:
            data = load_dataset(DEFAULT_DATA_DIR)
            pdfs = write_reports(PROJECT_ROOT, data, args.out, args.seit, args.stichtag, args.feld)
        except DataError as err:
            print(str(err), file=sys.stderr)
            return 1
        except PrintError as err:
            print(f"Fehler: {err}", file=sys.stderr)
            return 1
        for pdf in pdfs:
            print(f"geschrieben: {pdf} (und {pdf.with_suffix('.html').name})")
        return 0

    if args.command == "i18n":
        from .i18n import commands as langtools

        try:
            if args.i18n_command == "add":
                for path in langtools.add_language(
                    PROJECT_ROOT, args.code, args.name, "rtl" if args.rtl else "ltr"
                ):
                    print(f"angelegt/ergänzt: {path.relative_to(PROJECT_ROOT)}")
            elif args.i18n_command == "stamp":
                for path in langtools.stamp(PROJECT_ROOT, args.code, args.method, args.reviewed):
                    print(f"gestempelt: {path}")
            else:
                print(
                    langtools.format_report(
                        langtools.report(PROJECT_ROOT, args.codes or None), not args.short
                    )
                )
        except (langtools.ToolError, DataError) as err:
            print(f"Fehler: {err}", file=sys.stderr)
            return 1
        return 0

    if args.command == "import":
        from .importer.run import run_import

        return run_import(args.table, args.data, write=args.write)

    if args.command == "build":
        from .site.build import build_site

        print(f"Baue die Website nach {args.out} …")
        ok = build_site(
            PROJECT_ROOT,
            args.out,
            args.lang,
            args.site_url,
            log=print,
            nginx_conf=args.nginx_conf,
            allow_placeholders=args.allow_placeholders,
        )
        print("Fertig." if ok else "Fehlgeschlagen.")
        return 0 if ok else 1

    if args.command == "check":
        problems = check(args.data)
        if not problems and args.data.resolve() == DEFAULT_DATA_DIR:
            # The project's own pages are checked too; a --data folder elsewhere has no pages.
            from .data.dataset import load_dataset
            from .render.pagecheck import check_all_pages

            data = load_dataset(args.data)
            problems = sorted(check_all_pages(PROJECT_ROOT, data, [lg.id for lg in data.languages]))
        if problems:
            print(format_problems(problems), file=sys.stderr)
            return 1
        print(f"Daten in Ordnung: {args.data}")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


def run() -> int:
    """main(), quiet when the reader closes the pipe early (`python -m macros i18n report | head`)."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python docs' recipe: point stdout at devnull so the interpreter's final flush is silent.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(run())
