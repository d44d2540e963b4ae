from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("指標")

    def ready(self) -> None:
        # Registries: import kinds, reference loaders and series builders.
        from indicators import reference_data, resources  # noqa: F401, I001
        from indicators import cooperation_series, country_reference  # noqa: F401
        from indicators import programmes, resources_cooperation  # noqa: F401
        from indicators import sample_cooperation  # noqa: F401
        from indicators import history, roles  # noqa: F401
