"""The clinic's images (logo, favicon) as `clinicdocs validate` checks them: inside the project,
real images, and SVGs without script."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.projects import run_cli, set_clinic_fields

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_logo_linked_from_outside_the_project_is_refused(
    tiny_project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "logo.png"
    outside.parent.mkdir()
    outside.write_bytes(PNG)
    (tiny_project / "branding").mkdir()
    (tiny_project / "branding" / "logo.png").symlink_to(outside)
    set_clinic_fields(tiny_project, "logo: branding/logo.png\n")

    result = run_cli(tiny_project, "validate")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/clinic.yml:12:7: logo: 'branding/logo.png' is a link that leads outside the "
        "project folder; copy the image into the project instead.",
        "1 problem found.",
    ]


def test_a_link_inside_the_project_and_real_images_are_accepted(tiny_project: Path) -> None:
    (tiny_project / "branding").mkdir()
    (tiny_project / "branding" / "real.png").write_bytes(PNG)
    (tiny_project / "branding" / "logo.png").symlink_to("real.png")
    (tiny_project / "branding" / "icon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    set_clinic_fields(tiny_project, "logo: branding/logo.png\nfavicon: branding/icon.svg\n")

    result = run_cli(tiny_project, "validate")

    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        '<svg><a href="javascript:alert(1)"><circle r="4"/></a></svg>',
    ],
)
def test_an_svg_logo_with_script_is_refused(tiny_project: Path, svg: str) -> None:
    (tiny_project / "logo.svg").write_text(svg)
    set_clinic_fields(tiny_project, "logo: logo.svg\n")

    result = run_cli(tiny_project, "validate")

    assert result.stderr.splitlines()[0] == (
        "data/clinic.yml:12:7: logo: 'logo.svg' contains script or event handlers; save a plain "
        "SVG image."
    )
