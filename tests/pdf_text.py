"""PDFs read back as a reader sees them, page by page: the running header, the diagonal draft
watermark, the body and the footer (pdftotext, from poppler-utils); and a page looked at as an
image (pdftoppm)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

A4_HEIGHT = 842


@dataclass
class PageText:
    header: str
    #: The diagonal watermark's letters (pdftotext reads a turned text one glyph a line),
    #: without spaces: "PROJET·v1".
    watermark: str
    body: str
    footer: str


def _pdftotext(path: Path, page: int, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def read_back(path: Path) -> list[PageText]:
    """Each page's running header, watermark, body and footer as pdftotext reads them: the
    margins (cropped) as laid out, the page area in the order it was drawn (``-raw``), where
    the watermark comes first, a glyph per line."""
    pages = []
    for number in range(1, len(PdfReader(path).pages) + 1):
        crop = ["-x", "0", "-W", "595"]
        header = _pdftotext(path, number, *crop, "-y", "0", "-H", "60")
        footer = _pdftotext(path, number, *crop, "-y", str(A4_HEIGHT - 55), "-H", "55")
        lines = _pdftotext(path, number, "-raw", *crop, "-y", "60", "-H", "720").splitlines()
        glyphs = []
        while lines and len(lines[0].strip()) == 1:
            glyphs.append(lines.pop(0).strip())
        pages.append(
            PageText(
                header=" ".join(header.split()),
                watermark="".join(glyphs),
                body=_unwrapped(lines),
                footer=" ".join(footer.split()),
            )
        )
    return pages


def _unwrapped(lines: list[str]) -> str:
    """Lines joined by single spaces, except after a line broken at a hyphen
    ("Twenty-" + "Second")."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        text += line if not text or text.endswith("-") else f" {line}"
    return " ".join(text.split())


def stored_path(file) -> Path:
    """A stored file (a ``FieldFile``: in the database or object storage, not on a disk of its
    own) copied to a temporary file, for the tools that read a path."""
    import tempfile

    with file.open("rb") as stored:
        data = stored.read()
    handle = tempfile.NamedTemporaryFile(prefix="stored-", suffix=".pdf", delete=False)  # noqa: SIM115
    with handle:
        handle.write(data)
    return Path(handle.name)


def page_image(path: Path, folder: Path, page: int = 1, dpi: int = 50) -> Image.Image:
    """One page of the PDF at ``path`` rendered to PNG in ``folder`` (pdftoppm), in grey."""
    prefix = folder / f"page-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    return Image.open(f"{prefix}.png").convert("L")


@dataclass
class PageLook:
    """What a page looks like, rendered at 50 dpi in grey: its size in pixels, the share of it
    in ink, the darkest pixel of the running header's band and of the left margin."""

    size: tuple[int, int]
    ink: float
    header_darkest: int
    margin_darkest: int


def look_at(path: Path, folder: Path, page: int = 1) -> PageLook:
    image = page_image(path, folder, page)
    pixels = image.load()
    width, height = image.size
    dark = sum(1 for x in range(width) for y in range(height) if pixels[x, y] < 128)
    return PageLook(
        size=image.size,
        ink=dark / (width * height),
        header_darkest=min(pixels[x, y] for x in range(width) for y in range(20, 32)),
        margin_darkest=min(pixels[x, y] for x in range(0, 30) for y in range(60, height - 60)),
    )
