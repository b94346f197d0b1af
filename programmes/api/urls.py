from django.urls import path

from programmes.api import views

urlpatterns = [
    path("programmes/", views.ProgrammeListView.as_view(), name="api-programmes"),
    path("programmes/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="api-programme"),
    path("programmes/<slug:slug>/schemes/", views.ProgrammeSchemeCreateView.as_view(), name="api-programme-schemes"),
    path("programmes/<slug:slug>/cohorts/", views.ProgrammeCohortCreateView.as_view(), name="api-programme-cohorts"),
    path("programmes/<slug:slug>/credentials/bulk/", views.CredentialBulkIssueView.as_view(), name="api-programme-credentials-bulk"),
    path("schemes/", views.SchemeListView.as_view(), name="api-schemes"),
    path("schemes/<slug:slug>/", views.SchemeDetailView.as_view(), name="api-scheme"),
    path("stakeholders/", views.StakeholderListView.as_view(), name="api-stakeholders"),
    path("credentials/<int:pk>/verify/", views.CredentialVerifyView.as_view(), name="api-credential-verify"),
    path("credentials/<int:pk>/reject/", views.CredentialRejectView.as_view(), name="api-credential-reject"),
]
