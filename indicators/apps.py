from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("指標")

    def ready(self) -> None:
        from indicators import messages

        # The plain modules' messages follow the reader's language.
        messages.use_catalogue(gettext)

        # Registries: import kinds, reference loaders and series builders.
        from indicators import (  # noqa: F401
            cooperation_pages,
            cooperation_series,
            country_reference,
            history,
            programmes,
            provenance_trade,
            reference_data,
            resources,
            resources_cooperation,
            resources_trade,
            roles,
            sample_cooperation,
            trade_indicators,
            trade_reference,
            trade_tasks,
        )
