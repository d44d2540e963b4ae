from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("指標")

    def ready(self) -> None:
        # Registries: import kinds, reference loaders and series builders.
        from indicators import reference_data, resources  # noqa: F401
