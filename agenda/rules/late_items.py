"""Where an item may go, and the moves the editor offers, before and after the agenda is issued.

Before issue, numbers follow the order: an item goes anywhere and everything after it is
renumbered. Once the provisional agenda is issued its numbers are known to delegations, so a
late item takes a number that renumbers nothing: placed after item 3 it is "3 bis" (then
"3 ter", …), placed after the last item it takes the next number, and a late sub-item takes
the next letter of its item. A late item can still be moved to another item's run ("3 bis"
becomes "2 bis"), as long as no other item changes number: only the last of a run moves.

Pure functions over ``[(item, [sub-items])]`` in agenda order (agenda.rules.numbering.ordered_tree).
"""

from agenda.rules.numbering import BIS

UP, DOWN, INDENT, OUTDENT = "up", "down", "indent", "outdent"


def _bis(item) -> int:
    return getattr(item, "bis", 0) or 0


def run_end(tops: list, index: int) -> int:
    """The index of the last item of the run of ``tops[index]``'s base: 3, 3 bis, 3 ter."""
    end = index
    while end + 1 < len(tops) and _bis(tops[end + 1]):
        end += 1
    return end


def run_start(tops: list, index: int) -> int:
    """The index of the base of ``tops[index]``'s run (the item whose number it shares)."""
    start = index
    while start > 0 and _bis(tops[start]):
        start -= 1
    return start


def late_place(tops: list, after: int) -> tuple[int, int]:
    """Where a late item added after ``tops[after]`` goes once the agenda is issued, and its
    bis: the end of that item's run, as its next bis, or the end of the agenda with the next
    number (bis 0). The bis is len(BIS) or more when the run is full."""
    end = run_end(tops, after)
    if end == len(tops) - 1 and not _bis(tops[after]) and after == end:
        return end + 1, 0
    return end + 1, max(_bis(item) for item in tops[run_start(tops, after) : end + 1]) + 1


def late_move(tops: list, index: int, direction: str) -> tuple[int, int] | None:
    """Where a late item goes when moved up or down once the agenda is issued (the index it
    takes once removed from ``tops``, and its new bis), or None if the move would renumber
    another item."""
    item = tops[index]
    if not _bis(item) or run_end(tops, index) != index or direction not in (UP, DOWN):
        return None
    rest = tops[:index] + tops[index + 1 :]
    base = run_start(tops, index)
    if direction == UP:
        if base == 0:
            return None
        target = run_start(rest, base - 1)
    else:
        if index + 1 >= len(tops):
            return None
        target = index  # in ``rest``: the base of the next run
    end = run_end(rest, target)
    bis = max(_bis(i) for i in rest[target : end + 1]) + 1
    if bis >= len(BIS):
        return None
    return end + 1, bis


def allowed_moves(tree: list[tuple[object, list]], frozen: bool) -> dict[int, frozenset[str]]:
    """item pk -> the moves that would be accepted: the editor offers no other."""
    moves = {}
    tops = [item for item, _subs in tree]
    for index, (item, subs) in enumerate(tree):
        if frozen:
            late = {d for d in (UP, DOWN) if late_move(tops, index, d) is not None}
            moves[item.pk] = frozenset(late)
            moves |= {sub.pk: frozenset() for sub in subs}
            continue
        own = {UP} if index > 0 else set()
        own |= {DOWN} if index < len(tree) - 1 else set()
        own |= {INDENT} if index > 0 and not subs else set()
        moves[item.pk] = frozenset(own)
        for k, sub in enumerate(subs):
            sub_moves = {OUTDENT} | ({UP} if k > 0 else set())
            moves[sub.pk] = frozenset(sub_moves | ({DOWN} if k < len(subs) - 1 else set()))
    return moves
