"""What the preview (`mkdocs serve`) adds to a page for its editor: the content findings about
the records the page shows, in a box the editor can fold away. Never in a published build."""

from __future__ import annotations

import html
from collections.abc import Sequence


def findings_box(findings: Sequence[tuple[str, str]]) -> str:
    """A foldable box (Material's `details` admonition, open) listing `findings`, each its
    place in the data (`file:line:col`, as code) and what `clinicdocs lint` says of it; empty
    when there are none."""
    if not findings:
        return ""
    count = len(findings)
    title = (
        f"Preview only: {count} content finding{'s' if count != 1 else ''} for this page "
        "(click to fold)"
    )
    items = "".join(
        f"<li><code>{html.escape(where)}</code> {html.escape(text)}</li>"
        for where, text in findings
    )
    return (
        f'<details class="warning cd-preview-findings" open role="status">'
        f"<summary>{html.escape(title)}</summary><ul>{items}</ul></details>\n"
    )
