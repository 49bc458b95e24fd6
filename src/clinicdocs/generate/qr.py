"""QR codes for printed handouts, made at build time as inline SVG (no image files, no service)."""

from __future__ import annotations

import segno


def qr_svg(address: str) -> str:
    """An inline `<svg>` QR code that opens `address`.

    Medium error correction survives a crease or a smudge on a printed sheet; the four-module
    quiet zone is what the QR standard asks for, and phone cameras need it on busy paper.
    """
    code = segno.make(address, error="m", micro=False)
    svg: str = code.svg_inline(omitsize=True, border=4, title=f"QR code: {address}")
    return svg
