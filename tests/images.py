"""What a test can check of a picture (a PDF page as PNG, a screenshot): where the ink is."""

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops


@dataclass
class Ink:
    fraction: float  # of the pixels, those not (nearly) the background's colour
    box: tuple[int, int, int, int] | None  # left, top, right, bottom of the ink
    size: tuple[int, int]


def ink(path: Path) -> Ink:
    """The ink of the picture at ``path`` against its top-left pixel's colour."""
    image = Image.open(path).convert("L")
    background = Image.new("L", image.size, image.getpixel((0, 0)))
    marks = ImageChops.difference(image, background).point(lambda v: 255 if v > 40 else 0)
    histogram = marks.histogram()
    return Ink(histogram[255] / (image.width * image.height), marks.getbbox(), image.size)


def differs(first: Path, second: Path) -> bool:
    a, b = Image.open(first).convert("L"), Image.open(second).convert("L")
    return a.size != b.size or ImageChops.difference(a, b).getbbox() is not None
