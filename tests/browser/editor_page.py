"""What the editor page shows, read as a person reads it."""

import re


def numbers_and_titles(page) -> list[str]:
    """The agenda tree's rows: "1(a) Opening of the meeting"."""
    rows = page.locator("#agenda-tree .item-line")
    return [
        re.sub(
            r"\s+",
            " ",
            f"{rows.nth(i).locator('.number').inner_text()} "
            f"{rows.nth(i).locator('.item-title').inner_text()}",
        ).strip()
        for i in range(rows.count())
    ]
