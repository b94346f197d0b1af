from django.urls import path

from candidates import views

app_name = "candidates"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("profile/<slug:step>/", views.WizardStepView.as_view(), name="step"),
    path("credentials/<int:pk>/withdraw/", views.CredentialWithdrawView.as_view(), name="credential_withdraw"),
    path("consents/<slug:purpose>/withdraw/", views.ConsentWithdrawView.as_view(), name="consent_withdraw"),
    path("reconfirm/", views.ReconfirmView.as_view(), name="reconfirm"),
    path("matches/<int:pk>/not-interested/", views.NotInterestedView.as_view(), name="not_interested"),
    path("fee-report/", views.FeeReportView.as_view(), name="fee_report"),
    path("documents/", views.DocumentsView.as_view(), name="documents"),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("documents/<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
    path("my-data/export/", views.ExportView.as_view(), name="export"),
    path("my-data/erase/", views.EraseView.as_view(), name="erase"),
    path("account/email/", views.EmailChangeView.as_view(), name="email_change"),
    path("account/email/confirm/<str:token>/", views.EmailConfirmView.as_view(), name="email_confirm"),
]
