"""Bytes kept in this process's memory, keyed by names of immutable content."""

import threading
from collections import OrderedDict


class RecentBytes:
    """What this process served last (feeds, PDFs), in memory, in front of the shared cache
    (which costs a file read or a Redis round trip, and unpickling of up to a megabyte). Keys
    name the content itself, so an entry is never stale; the oldest go beyond the budget."""

    def __init__(self, budget: int):
        self.budget, self.size = budget, 0
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            content = self.entries.get(key)
            if content is not None:
                self.entries.move_to_end(key)
            return content

    def put(self, key: str, content: bytes) -> None:
        with self.lock:
            if key not in self.entries:
                self.entries[key] = content
                self.size += len(content)
            while self.size > self.budget and self.entries:
                self.size -= len(self.entries.popitem(last=False)[1])

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0
