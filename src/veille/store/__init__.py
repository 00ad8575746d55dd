"""Storage behind one class: SQLite now; other engines implement the same methods."""

from veille.store.sqlite import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store", "open_store"]


def open_store(path: str = DEFAULT_DB, readonly: bool = False) -> Store:
    return Store(path, readonly=readonly)
