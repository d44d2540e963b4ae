"""Small customs files in the real layouts, written for the tests.

A row gives its monthly (quantity 1, quantity 2, value) triples; the year
totals are their sums unless a test overrides them to make a bad file.
"""

from dataclasses import dataclass, field
from pathlib import Path

ENGLISH_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
ENGLISH_MONTHS += ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FIXTURES = Path(__file__).parent / "fixtures" / "customs"

Triple = tuple[int | str, int | str, int | str]


@dataclass
class WideRow:
    hs: str
    partner: str
    months: dict[int, Triple]
    year: int = 2018
    direction: int = 1
    unit1: str = ""
    unit2: str = "KG"
    port: str = "100"
    totals: Triple | None = None

    def cells(self, with_port: bool) -> list[str]:
        triples = [self.months.get(m, (0, 0, 0)) for m in range(1, 13)]
        totals = self.totals or tuple(
            sum(_number(t[i]) for t in triples) for i in range(3)
        )
        head = [str(self.direction), str(self.year)]
        if with_port:
            head.append(self.port)
        head += [self.hs, self.partner, self.unit1, self.unit2]
        return head + [str(c) for c in totals] + [str(c) for t in triples for c in t]


def _number(cell: int | str) -> int:
    """A cell's number for the year total; a blank or broken cell adds nothing."""
    return int(cell) if str(cell).lstrip("-").isdigit() else 0


def english_header(with_port: bool = False, april: str = "Apr") -> list[str]:
    head = ["Exp or Imp", "Year"] + (["Custom"] if with_port else [])
    head += ["HS", "Country", "Unit1", "Unit2"]
    head += ["Quantity1-Year", "Quantity2-Year", "Value-Year"]
    for month in ENGLISH_MONTHS:
        spelled = april if month == "Apr" else month
        head += [f"Quantity1-{spelled}", f"Quantity2-{spelled}", f"Value-{spelled}"]
    return head


def japanese_header(with_port: bool = False) -> list[str]:
    head = ["輸出入", "年"] + (["税関"] if with_port else [])
    head += ["HS", "国", "単位1", "単位2", "数量1(年)", "数量2(年)", "金額(年)"]
    for month in range(1, 13):
        head += [f"数量1({month}月)", f"数量2({month}月)", f"金額({month}月)"]
    return head


@dataclass
class WideFile:
    rows: list[WideRow] = field(default_factory=list)
    with_port: bool = False
    japanese: bool = False
    april: str = "Apr"
    extra_column: tuple[str, str] | None = None  # header, cell (e.g. a name)

    def text(self, newline: str = "\n") -> str:
        header = (
            japanese_header(self.with_port)
            if self.japanese
            else english_header(self.with_port, self.april)
        )
        lines = [header + ([self.extra_column[0]] if self.extra_column else [])]
        for row in self.rows:
            extra = [self.extra_column[1]] if self.extra_column else []
            lines.append(row.cells(self.with_port) + extra)
        return newline.join(",".join(cells) for cells in lines) + newline

    def write(self, path: Path, encoding: str = "utf-8", newline: str = "\n") -> Path:
        path.write_bytes(self.text(newline).encode(encoding))
        return path


def long_file(path: Path, rows: list[str]) -> Path:
    """A file in the long monthly layout; rows as ``ym,exp_imp,...,Value`` text."""
    header = "ym,exp_imp,Country,Custom,hs9,Q1,Q2,Value"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path
