"""`import_records series`: the reference series kept beside A-F."""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from indicators.models import DataImport, ReferenceValue

pytestmark = pytest.mark.django_db

GOOD = (
    "series,period,value,unit,source\n"
    'basel-export-tonnes,2017年度,"123,456.5",t,環境省\n'
    "basel-export-tonnes,FY2018,120000,t,環境省\n"
    "basel-export-cases,平成30年度,150,cases,環境省\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.usefixtures("reference_data")
class TestImportSeries:
    def test_it_loads_every_row_with_its_fiscal_year(self, tmp_path: Path) -> None:
        call_command("import_records", "series", write(tmp_path, "s.csv", GOOD))
        rows = ReferenceValue.objects.order_by("series__key", "fiscal_year")
        assert [(r.series.key, r.fiscal_year, str(r.value)) for r in rows] == [
            ("basel-export-cases", 2018, "150.000000"),
            ("basel-export-tonnes", 2017, "123456.500000"),
            ("basel-export-tonnes", 2018, "120000.000000"),
        ]

    def test_a_cp932_file_with_japanese_headers_loads(self, tmp_path: Path) -> None:
        text = "系列,年度,値,単位,出典\nbasel-import-tonnes,H30,980,t,環境省資料\n"
        path = write(tmp_path, "s.csv", text, encoding="cp932")
        call_command("import_records", "series", path)
        row = ReferenceValue.objects.get()
        assert (row.fiscal_year, row.value, row.source) == (2018, 980, "環境省資料")

    def test_an_xlsx_file_loads(self, tmp_path: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["series", "period", "value", "unit", "source"])
        sheet.append(["waste-act-export-tonnes", 2018, 5000, "t", "環境省"])
        buffer = BytesIO()
        book.save(buffer)
        path = tmp_path / "s.xlsx"
        path.write_bytes(buffer.getvalue())
        call_command("import_records", "series", path)
        assert ReferenceValue.objects.get().value == 5000

    def test_importing_the_same_file_again_changes_nothing(
        self, tmp_path: Path
    ) -> None:
        path = write(tmp_path, "s.csv", GOOD)
        call_command("import_records", "series", path)
        history = ReferenceValue.history.count()
        call_command("import_records", "series", path)
        assert ReferenceValue.objects.count() == 3
        assert ReferenceValue.history.count() == history

    def test_a_newer_value_replaces_the_old_and_keeps_history(
        self, tmp_path: Path
    ) -> None:
        call_command("import_records", "series", write(tmp_path, "a.csv", GOOD))
        revised = "series,period,value\nbasel-export-tonnes,2018,125000\n"
        call_command("import_records", "series", write(tmp_path, "b.csv", revised))
        row = ReferenceValue.objects.get(
            series__key="basel-export-tonnes", fiscal_year=2018
        )
        assert row.value == 125000
        assert [h.value for h in row.history.order_by("history_date")] == [
            120000,
            125000,
        ]

    def test_one_bad_row_rejects_the_file_and_names_row_and_column(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = GOOD + "basel-export-tonnes,2019,12x,t,環境省\n"
        with pytest.raises(CommandError, match="nothing was written"):
            call_command("import_records", "series", write(tmp_path, "bad.csv", bad))
        assert (
            "bad.csv, row 5, column value: '12x' は数値ではありません"
            in capsys.readouterr().err
        )
        assert not ReferenceValue.objects.exists()
        assert not DataImport.objects.exists()

    def test_a_unit_that_differs_from_the_series_is_an_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        text = "series,period,value,unit\nbasel-export-cases,2018,5,t\n"
        with pytest.raises(CommandError):
            call_command("import_records", "series", write(tmp_path, "u.csv", text))
        assert "row 2, column unit" in capsys.readouterr().err

    def test_an_unknown_series_lists_the_known_ones(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        text = "series,period,value\nbasel-tonnes,2018,5\n"
        with pytest.raises(CommandError):
            call_command("import_records", "series", write(tmp_path, "k.csv", text))
        err = capsys.readouterr().err
        assert "row 2, column series: unknown series 'basel-tonnes'" in err
        assert "basel-export-tonnes" in err

    def test_a_missing_column_is_reported_on_the_header_row(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        text = "series,value\nbasel-export-tonnes,5\n"
        with pytest.raises(CommandError):
            call_command("import_records", "series", write(tmp_path, "h.csv", text))
        assert "h.csv, row 1: missing column 'period'" in capsys.readouterr().err

    def test_a_dry_run_writes_nothing(self, tmp_path: Path) -> None:
        path = write(tmp_path, "s.csv", GOOD)
        call_command("import_records", "series", path, "--dry-run")
        assert not ReferenceValue.objects.exists()
        assert not DataImport.objects.exists()

    def test_the_import_is_recorded_with_the_file_hash(self, tmp_path: Path) -> None:
        import hashlib

        path = write(tmp_path, "s.csv", GOOD)
        call_command("import_records", "series", path)
        record = DataImport.objects.get()
        assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert (record.kind, record.source_name) == ("series", "s.csv")


@pytest.mark.usefixtures("reference_data")
def test_two_rows_giving_one_year_different_values_are_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "series,period,value\n"
        "basel-export-tonnes,2018,5\n"
        "basel-export-tonnes,FY2018,6\n"
    )
    with pytest.raises(CommandError):
        call_command("import_records", "series", write(tmp_path, "d.csv", text))
    assert "d.csv, row 3: row 2 gives other values" in capsys.readouterr().err
    assert not ReferenceValue.objects.exists()


@pytest.mark.usefixtures("reference_data")
def test_the_same_row_twice_is_kept_once(tmp_path: Path) -> None:
    text = (
        "series,period,value\nbasel-export-tonnes,2018,5\nbasel-export-tonnes,H30,5\n"
    )
    call_command("import_records", "series", write(tmp_path, "s.csv", text))
    assert ReferenceValue.objects.get().value == 5


@pytest.mark.usefixtures("reference_data")
@pytest.mark.parametrize("value", ["1e400", "1e33", "-1e19"])
def test_a_value_beyond_what_the_portal_stores_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    text = f"series,period,value\nbasel-export-tonnes,2018,{value}\n"
    with pytest.raises(CommandError):
        call_command("import_records", "series", write(tmp_path, "big.csv", text))
    assert "row 2, column value" in capsys.readouterr().err
    assert not ReferenceValue.objects.exists()


@pytest.mark.usefixtures("reference_data")
def test_a_negative_quantity_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "series,period,value\nbasel-export-tonnes,2018,-5\n"
    with pytest.raises(CommandError):
        call_command("import_records", "series", write(tmp_path, "n.csv", text))
    assert "row 2, column value: '-5' は負の数です" in capsys.readouterr().err
    assert not ReferenceValue.objects.exists()


@pytest.mark.usefixtures("reference_data")
def test_a_value_finer_than_the_stored_places_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "series,period,value\n"
        "basel-export-tonnes,2017,1\n"
        "basel-export-tonnes,2018,1e-400\n"
    )
    with pytest.raises(CommandError):
        call_command("import_records", "series", write(tmp_path, "f.csv", text))
    message = "row 3, column value: '1e-400' は小数点以下6桁までにしてください"
    assert message in capsys.readouterr().err
    assert not ReferenceValue.objects.exists()
