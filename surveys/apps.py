from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("自治体アンケート")

    def ready(self) -> None:
        # Registries: reference loader, import kinds, sample loader, F's builder,
        # F's list and its links down to records.
        from surveys import builders, pages, reference, resources, sample  # noqa: F401
