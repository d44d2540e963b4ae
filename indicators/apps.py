from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("指標")

    def ready(self) -> None:
        # Registries: import kinds, reference loaders and series builders.
        from indicators import (  # noqa: F401
            reference_data,
            resources,
            resources_trade,
            trade_indicators,
            trade_reference,
            trade_tasks,
        )
