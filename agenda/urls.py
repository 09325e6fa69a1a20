from django.urls import path

from agenda import pdf_views, views

urlpatterns = [
    path(
        "bodies/<slug:body_slug>/sessions/<int:number>/",
        views.session_detail,
        name="session-detail",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<int:number>/export.json",
        views.session_export,
        name="session-export",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<int:number>/agenda.<str:lang>.pdf",
        pdf_views.session_pdf,
        name="session-pdf",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<int:number>/agenda.<str:lang>.html",
        pdf_views.session_pdf_preview,
        name="session-pdf-preview",
    ),
]
