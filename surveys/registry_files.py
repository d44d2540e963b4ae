"""The shipped municipality registry: the national code list and our change list.

Pure Python. ``data/municipalities.csv`` is the national list of local
government codes as of 2021; it has neither validity dates nor successors.
``data/municipality_changes.csv`` adds them, one dated change per row, in
the columns ``import_records municipalities`` reads: a row whose code and
name are in the national list gives that municipality its dates, any other
row is a municipality that no longer exists under that code and name.
"""

import csv
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from surveys.codes import parse_code
from surveys.matching import Entry
from surveys.population import parse_kind

DATA_DIR = Path(__file__).resolve().parent / "data"
NATIONAL_LIST = DATA_DIR / "municipalities.csv"
CHANGE_LIST = DATA_DIR / "municipality_changes.csv"


def read_national_list(path: Path) -> list[Entry]:
    """Rows ``code6, code5, pref_code, prefecture, name, ..., name_kana, kind``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [_national_entry(row) for row in csv.DictReader(handle)]


def _national_entry(row: dict[str, str]) -> Entry:
    code = parse_code(row["code6"])
    if code[:5] != row["code5"]:
        raise ValueError(f"{row['code6']}: 5桁コード {row['code5']} と食い違います")
    return Entry(
        key=0,
        code=code,
        prefecture=row["prefecture"],
        name=row["name"],
        kind=parse_kind(row["kind"], row["name"]),
        kana=row["name_kana"],
    )


def read_change_list(path: Path) -> list[Entry]:
    """Rows ``code, prefecture, name, kana, kind, valid_from, valid_to,
    successor_code`` (and a free ``source`` column citing the change)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [_change_entry(row) for row in csv.DictReader(handle)]


def _change_entry(row: dict[str, str]) -> Entry:
    successor = row.get("successor_code", "").strip()
    return Entry(
        key=0,
        code=parse_code(row["code"]),
        prefecture=row["prefecture"].strip(),
        name=row["name"].strip(),
        kind=parse_kind(row["kind"], row["name"]),
        valid_from=_day(row.get("valid_from", "")),
        valid_to=_day(row.get("valid_to", "")),
        successor_code=parse_code(successor) if successor else "",
        kana=row.get("kana", "").strip(),
    )


def _day(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None


def with_changes(national: Iterable[Entry], changes: Iterable[Entry]) -> list[Entry]:
    """The national list with each change applied, older municipalities added."""
    registry = {(e.code, e.name): e for e in national}
    for change in changes:
        known = registry.get((change.code, change.name))
        if known is None:
            registry[(change.code, change.name)] = change
            continue
        registry[(change.code, change.name)] = replace(
            known,
            valid_from=change.valid_from,
            valid_to=change.valid_to,
            successor_code=change.successor_code,
        )
    return list(registry.values())
