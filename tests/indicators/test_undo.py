"""Undoing an import of memberships as a whole, from the service and the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from indicators.importing import import_bytes
from indicators.models import DataImport, Membership
from indicators.undo import UndoRefused, plan_undo, undo_import
from tests.personas import Personas, personas  # noqa: F401

pytestmark = pytest.mark.usefixtures("reference_data")

FIRST = (
    "country,framework,joined_on,note\nMN,JCM,2013-01-08,署名\nVN,MOU,2014-03-18,\n"
).encode()
# Changes Mongolia's note, repeats Viet Nam unchanged, adds Kenya.
SECOND = (
    "country,framework,joined_on,note\n"
    "MN,JCM,2013-01-08,署名（改訂）\n"
    "VN,MOU,2014-03-18,\n"
    "KE,ACCP,2017-04-01,\n"
).encode()


def registry() -> dict[str, str]:
    return {m.country.alpha2: m.note for m in Membership.objects.all()}


def import_file(content: bytes, name: str) -> DataImport:
    report = import_bytes("memberships", content, name)
    assert report.data_import is not None
    return report.data_import


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    calls: list[None] = []
    monkeypatch.setattr("indicators.undo.request_recompute", lambda: calls.append(None))
    return calls


def test_undo_removes_what_the_import_added_and_restores_what_it_changed(
    queued: list[None],
) -> None:
    import_file(FIRST, "first.csv")
    second = import_file(SECOND, "second.csv")
    assert registry() == {"MN": "署名（改訂）", "VN": "", "KE": ""}

    counts = undo_import(second, None)

    assert counts == {"removed": 1, "restored": 1}
    assert registry() == {"MN": "署名", "VN": ""}
    second.refresh_from_db()
    assert second.status == DataImport.Status.UNDONE
    assert second.undone_at is not None
    assert len(queued) == 1


def test_undo_keeps_the_history_of_the_import_and_of_its_undoing() -> None:
    import_file(FIRST, "first.csv")
    second = import_file(SECOND, "second.csv")
    mongolia = Membership.objects.get(country__alpha2="MN")
    kenya = Membership.objects.get(country__alpha2="KE")

    undo_import(second, None)

    mn_history = Membership.history.filter(id=mongolia.pk).order_by("history_id")
    assert [(h.history_type, h.note) for h in mn_history] == [
        ("+", "署名"),
        ("~", "署名（改訂）"),
        ("~", "署名"),
    ]
    ke_history = Membership.history.filter(id=kenya.pk).order_by("history_id")
    assert [h.history_type for h in ke_history] == ["+", "-"]
    assert (
        ke_history.last().history_change_reason == f"取り込み #{second.pk} の取り消し"
    )


def test_imports_are_undone_last_first() -> None:
    first = import_file(FIRST, "first.csv")
    second = import_file(SECOND, "second.csv")

    with pytest.raises(UndoRefused, match="取り込みの後に変更された記録"):
        undo_import(first, None)
    undo_import(second, None)
    undo_import(first, None)

    assert not Membership.objects.exists()


def test_a_record_edited_after_the_import_stops_the_undo() -> None:
    first = import_file(FIRST, "first.csv")
    mongolia = Membership.objects.get(country__alpha2="MN")
    mongolia.note = "職員が訂正"
    mongolia.save()

    plan = plan_undo(first)
    with pytest.raises(UndoRefused, match=f"{mongolia.pk}"):
        undo_import(first, None)

    assert len(plan.conflicts) == 1
    assert registry() == {"MN": "職員が訂正", "VN": ""}
    first.refresh_from_db()
    assert first.status == DataImport.Status.DONE


def test_an_import_is_undone_once() -> None:
    first = import_file(FIRST, "first.csv")
    undo_import(first, None)

    with pytest.raises(UndoRefused):
        undo_import(first, None)


def test_a_reviewer_undoes_an_import_from_the_admin_after_confirming(
    personas: Personas,  # noqa: F811
) -> None:
    import_file(FIRST, "first.csv")
    second = import_file(SECOND, "second.csv")
    client: Client = personas.client(personas.reviewer)
    url = reverse("admin:indicators_dataimport_changelist")
    action = {"action": "undo", "_selected_action": [second.pk]}

    confirmation = client.post(url, action).content.decode()
    assert registry()["MN"] == "署名（改訂）"
    client.post(url, {**action, "confirm": "yes"})

    assert "削除 1 件、復元 1 件" in confirmation
    assert registry() == {"MN": "署名", "VN": ""}
    second.refresh_from_db()
    assert second.undone_by == personas.reviewer


def test_data_entry_cannot_undo_an_import(
    personas: Personas,  # noqa: F811
) -> None:
    first = import_file(FIRST, "first.csv")
    client = personas.client(personas.data_entry)

    client.post(
        reverse("admin:indicators_dataimport_changelist"),
        {"action": "undo", "_selected_action": [first.pk], "confirm": "yes"},
    )

    assert Membership.objects.count() == 2
