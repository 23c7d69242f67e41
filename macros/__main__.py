"""`python -m macros check` — the same validation the build runs, as a command for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .dataset import DEFAULT_DATA_DIR, PROJECT_ROOT, check
from .problems import format_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="KIK-Werkzeuge")
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="Daten in data/ prüfen (wie beim Bauen der Website)")
    check_cmd.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="Datenordner")
    build_cmd = sub.add_parser("build", help="alle Sprachen bauen; ersetzt das Ziel erst nach Erfolg")
    build_cmd.add_argument("--out", type=Path, default=PROJECT_ROOT / "site", help="Zielordner")
    build_cmd.add_argument("--lang", nargs="*", help="nur diese Sprachen (Standard: alle)")
    build_cmd.add_argument("--site-url", help="öffentliche Adresse, z. B. https://example.org/kik/")
    args = parser.parse_args(argv)

    if args.command == "build":
        from .sitebuild import build_site

        print(f"Baue die Website nach {args.out} …")
        ok = build_site(PROJECT_ROOT, args.out, args.lang, args.site_url, log=print)
        print("Fertig." if ok else "Fehlgeschlagen.")
        return 0 if ok else 1

    if args.command == "check":
        problems = check(args.data)
        if problems:
            print(format_problems(problems), file=sys.stderr)
            return 1
        print(f"Daten in Ordnung: {args.data}")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
