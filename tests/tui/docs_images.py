"""The facilitator guide's screenshots (docs/img) are copies of the app's SVG snapshots.

After ``pytest tests/tui --snapshot-update``, refresh them with::

    .venv/bin/python -m tests.tui.docs_images
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "img"
SHOTS = ROOT / "tests" / "tui" / "__snapshots__" / "test_snapshots"


def snapshot_of(image: Path) -> Path:
    return SHOTS / f"test_{image.name}"


def stale() -> list[str]:
    """The guide's images that differ from their snapshot."""
    return [
        img.name
        for img in sorted(IMAGES.glob("*.svg"))
        if snapshot_of(img).read_bytes() != img.read_bytes()
    ]


def main() -> None:
    for name in stale():
        (IMAGES / name).write_bytes(snapshot_of(IMAGES / name).read_bytes())
        print(f"refreshed docs/img/{name}")


if __name__ == "__main__":
    main()
