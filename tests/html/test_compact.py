"""Built pages lose their indentation and nothing a reader sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from clinicdocs.html.compact import compact_html

PAGE = """<!doctype html>
<html>
  <head>
    <script>
      var kept = `two
        lines`;
    </script>
    <style>
      p { margin: 0 }
    </style>
  </head>
  <body>
    <nav>
      <ul>
        <li><a href="x/">One</a></li>

        <li><a href="y/">Two</a></li>
      </ul>
    </nav>
    <p>Some <em>words</em>
       over two lines.</p>
    <pre><code>  indented
    code</code></pre>
    <textarea>
  as typed</textarea>
  </body>
</html>
"""


def _visible(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_indentation_goes_and_text_stays() -> None:
    compact = compact_html(PAGE)

    outside = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", compact, flags=re.DOTALL)
    assert not re.search(r"\n[ \t]", outside)
    assert "\n\n" not in compact
    assert _visible(compact) == _visible(PAGE)
    assert "Some <em>words</em>\nover two lines." in compact
    assert len(compact) < len(PAGE) * 0.9


def test_preformatted_scripts_and_styles_are_untouched() -> None:
    compact = compact_html(PAGE)

    for kept in (
        "<pre><code>  indented\n    code</code></pre>",
        "<textarea>\n  as typed</textarea>",
        "var kept = `two\n        lines`;\n    </script>",
        "<style>\n      p { margin: 0 }\n    </style>",
    ):
        assert kept in compact


@pytest.mark.build
def test_built_pages_are_compact(sample_site: Path) -> None:
    html = (sample_site / "treatments" / "co2-fractional-laser" / "index.html").read_text(
        encoding="utf-8"
    )
    outside = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", html, flags=re.DOTALL)
    assert not re.search(r"\n[ \t]+<", outside)
