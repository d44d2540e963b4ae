from django.urls import path, register_converter

from indicators import views

app_name = "indicators"


class FileTypeConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class IndicatorCodeConverter:
    """Letters and digits only: PostgreSQL refuses a NUL in a lookup outright."""

    regex = "[0-9A-Za-z]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileTypeConverter, "filetype")
register_converter(IndicatorCodeConverter, "indicator_code")

urlpatterns = [
    path("", views.overview, name="overview"),
    path("table.xlsx", views.assessment_table, name="assessment_table"),
    path("methodology/", views.methodology, name="methodology"),
    path("assessments/", views.history, name="history"),
    path("assessments/<int:pk>/", views.published_run, name="published_run"),
    path("indicators/<indicator_code:code>/", views.indicator, name="indicator"),
    path(
        "indicators/<indicator_code:code>/charts/<slug:slug>.<filetype:file_type>",
        views.chart_download,
        name="chart_download",
    ),
    path(
        "indicators/<indicator_code:code>/lists/<slug:slug>.<filetype:file_type>",
        views.listing_download,
        name="listing_download",
    ),
    path("values/<int:pk>/", views.value, name="value"),
    path("assessments/<int:run>/figures/<int:pk>/", views.figure, name="run_figure"),
]
