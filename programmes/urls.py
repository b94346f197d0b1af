from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("directory/", views.DirectoryView.as_view(), name="directory"),
    path("p/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="detail"),
    path("for-employers/", views.ForEmployersView.as_view(), name="for_employers"),
    path("who-safeguards-list/", views.SafeguardListView.as_view(), name="safeguards"),
    path("admin-home/", views.AdminHomeView.as_view(), name="admin_home"),
    path("manage/claims/", views.CredentialClaimsView.as_view(), name="claims"),
    path("manage/claims/<int:pk>/decide/", views.CredentialDecideView.as_view(), name="claim_decide"),
    path("manage/<slug:slug>/edit/", views.ProgrammeEditView.as_view(), name="edit"),
    path("manage/<slug:slug>/schemes/new/", views.SchemeEditView.as_view(), name="scheme_create"),
    path("manage/<slug:slug>/schemes/<int:pk>/", views.SchemeEditView.as_view(), name="scheme_edit"),
    path("manage/<slug:slug>/schemes/<int:pk>/quotas/", views.SchemeQuotasView.as_view(), name="scheme_quotas"),
    path("manage/<slug:slug>/partners/", views.PartnersView.as_view(), name="partners"),
    path("manage/<slug:slug>/cohorts/new/", views.CohortEditView.as_view(), name="cohort_create"),
    path("manage/<slug:slug>/cohorts/<int:pk>/", views.CohortEditView.as_view(), name="cohort_edit"),
    path("manage/<slug:slug>/credentials/upload/", views.CredentialUploadView.as_view(), name="credentials_upload"),
]
