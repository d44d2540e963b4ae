"""Import and export of the commodity classification (command and admin alike).

``import_records classification FILE`` takes the columns of the shipped
``classification.csv``: hs_code, valid_from, valid_to, category, item,
item_name_ja, item_name_en, indicator, unit1, unit2, source. A row is found
by its code and first year and updated in place; an item named for the
first time is created with the row's names, category and indicator.
"""

from typing import Any

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from indicators.importing import ImportKind, PortalResource, register_kind
from indicators.models import HsClassification, TradeItem
from indicators.trade_reference import item_from_row, normalise_hs_code
from indicators.widgets import NonNegativeIntegerWidget


class HsCodeWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        return normalise_hs_code(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return str(value or "")


class TradeItemWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(TradeItem, field="slug")

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.slug if value else ""


class ClassificationResource(PortalResource):
    repeated_rows_must_agree = True

    header_aliases = {
        "hsコード": "hs_code",
        "適用開始年": "valid_from",
        "適用終了年": "valid_to",
        "区分": "category",
        "品目": "item",
        "品目名": "item_name_ja",
        "指標": "indicator",
        "単位1": "unit1",
        "単位2": "unit2",
        "出典": "source",
    }

    hs_code = fields.Field(
        attribute="hs_code", column_name="hs_code", widget=HsCodeWidget()
    )
    valid_from = fields.Field(
        attribute="valid_from",
        column_name="valid_from",
        widget=NonNegativeIntegerWidget(),
    )
    valid_to = fields.Field(
        attribute="valid_to", column_name="valid_to", widget=NonNegativeIntegerWidget()
    )
    item = fields.Field(attribute="item", column_name="item", widget=TradeItemWidget())
    category = fields.Field(column_name="category", readonly=True)
    item_name_ja = fields.Field(column_name="item_name_ja", readonly=True)
    item_name_en = fields.Field(column_name="item_name_en", readonly=True)
    indicator = fields.Field(column_name="indicator", readonly=True)
    unit1 = fields.Field(attribute="unit1", column_name="unit1")
    unit2 = fields.Field(attribute="unit2", column_name="unit2")
    source = fields.Field(attribute="source", column_name="source")

    class Meta:
        model = HsClassification
        import_id_fields = ("hs_code", "valid_from")
        fields = (
            "hs_code",
            "valid_from",
            "valid_to",
            "category",
            "item",
            "item_name_ja",
            "item_name_en",
            "indicator",
            "unit1",
            "unit2",
            "source",
        )
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def required_columns(self) -> list[str]:
        return ["hs_code", "valid_from", "item"]

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        """Create the item a row names for the first time, or check it matches."""
        slug = str(row.get("item") or "").strip()
        if not slug:
            raise ValidationError({"item": "an item slug is required"})
        for name in ("unit1", "unit2"):
            row[name] = str(row.get(name) or "").strip().upper()
        item = TradeItem.objects.filter(slug=slug).first()
        if item is None:
            self._create_item(row, slug)
            return
        for name in ("category", "indicator"):
            given = str(row.get(name) or "").strip()
            if given and given != getattr(item, name):
                message = f"item {slug} is {getattr(item, name)!r}, not {given!r}"
                raise ValidationError({name: message})

    def _create_item(self, row: Any, slug: str) -> None:
        fields_of_row = {
            name: str(row.get(name) or "").strip()
            for name in ("category", "indicator", "item_name_ja", "item_name_en")
        }
        if fields_of_row["category"] not in TradeItem.Category.values:
            raise ValidationError(
                {"category": f"unknown category {fields_of_row['category']!r}"}
            )
        if fields_of_row["indicator"] not in TradeItem.Indicator.values:
            raise ValidationError(
                {"indicator": f"indicator must be A or B, not {row.get('indicator')!r}"}
            )
        item_from_row({"item": slug, **fields_of_row})

    def dehydrate_category(self, obj: HsClassification) -> str:
        return obj.item.category

    def dehydrate_item_name_ja(self, obj: HsClassification) -> str:
        return obj.item.name_ja

    def dehydrate_item_name_en(self, obj: HsClassification) -> str:
        return obj.item.name_en

    def dehydrate_indicator(self, obj: HsClassification) -> str:
        return obj.item.indicator


register_kind(
    ImportKind(
        name="classification",
        resource=ClassificationResource,
        help="HS code classification: hs_code, valid_from, valid_to, category, "
        "item, item_name_ja, item_name_en, indicator, unit1, unit2, source",
    )
)
