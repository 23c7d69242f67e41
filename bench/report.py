"""The Markdown report of one benchmark run."""

from __future__ import annotations

from search import markdown_table


def _fmt_kib(n: int) -> str:
    return f"{n / 1024:,.1f}"


def markdown(result: dict) -> str:
    lines = [
        f"# KIK online – Benchmark {result['date']}",
        "",
        f"Machine: {result['machine']}",
        "",
        "## Build",
        "",
        "| data | measures | languages | pages | ours s | ours peak MiB | plain Material s "
        "| plain peak MiB | ratio ours/plain | ours s per 1,000 pages |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["builds"]:
        ours, plain = row["ours"], row.get("plain")
        if not ours["ok"]:
            reason = [ln for ln in ours["log"].splitlines() if ": " in ln][-1:] or ["see latest.json"]
            lines.append(
                f"| {row['data']} | {row['measures']} | {row['languages']} | – "
                f"| FAILED: {reason[0][:90]} | | | | | |"
            )
            continue
        ratio = f"{ours['seconds'] / plain['seconds']:.2f}" if plain and plain["ok"] else "–"
        # Linear in measures × languages means this column stays flat as the data grows.
        per_page = f"{1000 * ours['seconds'] / row['pages']:.1f}" if row.get("pages") else "–"
        lines.append(
            f"| {row['data']} | {row['measures']} | {row['languages']} | {row.get('pages', '–')} "
            f"| {ours['seconds']:.2f} | {ours['peak_mib']:.0f} "
            f"| {plain['seconds']:.2f} | {plain['peak_mib']:.0f} | {ratio} | {per_page} |"
            if plain and plain["ok"]
            else f"| {row['data']} | {row['measures']} | {row['languages']} | {row.get('pages', '–')} "
            f"| {ours['seconds']:.2f} | {ours['peak_mib']:.0f} | failed | | – | {per_page} |"
        )
    kinds = ["HTML", "CSS", "JS", "fonts", "search index", "images/other"]
    lines += [
        "",
        "## Page weight (KiB, raw / gzip; one page view with search opened)",
        "",
        "| page type | path | " + " | ".join(kinds) + " | total |",
        "|---|---|" + "---:|" * (len(kinds) + 1),
    ]
    for page_type, w in result["page_weight"].items():
        cells = []
        for kind in kinds:
            e = w.get(kind)
            cells.append(f"{_fmt_kib(e['bytes'])} / {_fmt_kib(e['gzip'])}" if e else "0")
        total = sum(w[k]["bytes"] for k in kinds if k in w)
        total_gz = sum(w[k]["gzip"] for k in kinds if k in w)
        lines.append(
            f"| {page_type} | /{w['path']} | "
            + " | ".join(cells)
            + f" | {_fmt_kib(total)} / {_fmt_kib(total_gz)} |"
        )
    if result.get("search"):
        lines += [
            "",
            "## Search: first query (opening the search and one query; nothing before)",
            "",
            "gzip: if the server compressed every file (Pagefind's index chunks are compressed already).",
        ]
        for entry in result["search"]:
            lines += ["", *markdown_table(entry["data"], entry["query"], entry["languages"])]
    lines += ["", "## Lighthouse", ""]
    if not result["lighthouse"]:
        lines.append(result.get("lighthouse_note", "not run"))
    else:
        lines += [
            "Mobile: median of the runs (each run's performance in brackets); desktop: one run.",
            "",
            "| page | form factor | performance | accessibility | best practices | SEO |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for entry in result["lighthouse"]:
            s = entry["scores"]
            runs = entry.get("runs") or []
            shown = f" ({', '.join(str(r) for r in runs)})" if len(runs) > 1 else ""
            if "error" in s:
                lines.append(f"| {entry['page']} | {entry['preset']} | error: {s['error'][:80]} | | | |")
            else:
                lines.append(
                    f"| {entry['page']} | {entry['preset']} | {s.get('performance')}{shown} "
                    f"| {s.get('accessibility')} | {s.get('best-practices')} | {s.get('seo')} |"
                )
    steps = [r for r in result["builds"] if r["ours"].get("steps")]
    if steps:
        lines += [
            "",
            "### Steps of our builds (wall time)",
            "",
            "| data | languages | steps |",
            "|---|---|---|",
        ]
        lines += [f"| {r['data']} | {r['languages']} | {r['ours']['steps']} |" for r in steps]
    if result.get("views"):
        lines += [
            "",
            "## Page views behind nginx (bytes over the network, compressed, headers included)",
            "",
            "First view: empty cache. Second view: after one other page of the site.",
            "",
            "| page type | path | first view KiB | requests | second view KiB | requests (from network) |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for page_type, v in result["views"].items():
            first, second = v["first"], v["second"]
            lines.append(
                f"| {page_type} | /{v['path']} | {_fmt_kib(first['bytes'])} | {first['requests']} "
                f"| {_fmt_kib(second['bytes'])} | {second['requests']} ({second['network']}) |"
            )
    for note in result.get("notes", []):
        lines += ["", f"Note: {note}"]
    return "\n".join(lines) + "\n"
