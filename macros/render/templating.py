"""The one way the stages make a template environment for the HTML and XML they write.

Autoescape is on, so data text can never become an element or attribute (the single escaping
path); an undefined name fails the build instead of printing nothing.
"""

from __future__ import annotations

from pathlib import Path

import jinja2


def template_environment(folder: Path, *, keep_trailing_newline: bool = False) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )


# The render stage's own templates: one environment (and one template cache) for renderers and charts.
RENDER_TEMPLATES = template_environment(Path(__file__).parent / "templates")
