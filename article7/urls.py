from django.urls import path

from .views import public, staff

app_name = "article7"

urlpatterns = [
    path("article7/", staff.report_list, name="reports"),
    path("article7/new/", staff.report_start, name="report_start"),
    path("article7/<int:pk>/", staff.report_detail, name="report"),
    path("article7/<int:pk>/forms/<str:code>/", staff.section_edit, name="section"),
    path(
        "article7/<int:pk>/forms/<str:code>/unchanged/",
        staff.section_unchanged,
        name="section_unchanged",
    ),
    path("article7/<int:pk>/review/", staff.review, name="review"),
    path("article7/<int:pk>/submit/", staff.submit, name="submit"),
    path("article7/<int:pk>/correction/", staff.correction, name="correction"),
    path("article7/<int:pk>/annexes/", staff.annex_upload, name="annexes"),
    path("article7/<int:pk>/annexes/remove/", staff.annex_remove, name="annex_remove"),
    path("article7/annexes/<int:pk>/", public.annex_file, name="annex_file"),
    path("article7/<int:pk>/acknowledge/", staff.acknowledge, name="acknowledge"),
    path("article7/<int:pk>/return/", staff.return_report, name="return"),
    path("article7/<int:pk>/publish/", staff.publish, name="publish"),
    path("article7/<int:pk>/pdf/", staff.pdf, name="pdf"),
    path("article7/figures/", staff.figures, name="figures"),
    path("article7/published/", public.published_list, name="published"),
    path("article7/published/<int:pk>/pdf/", public.published_pdf, name="published_pdf"),
    path("article7/published/<int:pk>/json/", public.published_json, name="published_json"),
    path("article7/published/<int:pk>/csv/", public.published_csv, name="published_csv"),
    path(
        "article7/published/<int:pk>/annexes/<int:annex>/",
        public.published_annex,
        name="published_annex",
    ),
]
