from django.urls import path

from keyprojects.reports.views import imports, periods, reporting, workflow

app_name = "reports"

urlpatterns = [
    path("", reporting.index, name="index"),
    path("periods/", periods.period_list, name="period_list"),
    path("periods/new/", periods.period_create, name="period_create"),
    path("periods/<str:period>/", periods.period_edit, name="period_edit"),
    path("periods/<str:period>/<str:action>/", periods.period_lock, name="period_lock"),
    path("import/", imports.import_reports, name="import"),
    path("import/template.xlsx", imports.import_template, name="import_template"),
    path("r/<int:pk>/", reporting.report_detail, name="detail"),
    path("r/<int:pk>/attachments/", reporting.attachment_add, name="attachment_add"),
    path("r/<int:pk>/attachments/remove/", reporting.attachment_remove, name="attachment_remove"),
    path("r/<int:pk>/<str:action>/", workflow.report_action, name="action"),
    path("attachments/<int:pk>/", reporting.attachment_download, name="attachment"),
    path("attachments/<int:pk>/preview/", reporting.attachment_preview, name="attachment_preview"),
    path("<str:period>/", reporting.period_page, name="period"),
    path("<str:period>/timeliness/", periods.timeliness, name="timeliness"),
    path("<str:period>/remind/", periods.remind, name="remind"),
    path("<str:period>/bulk/", workflow.bulk_action, name="bulk"),
    path("<str:period>/<int:project>/", reporting.report_edit, name="edit"),
]
