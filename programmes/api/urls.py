from django.urls import path, re_path

from programmes.api import views

# Identifiers match anything (newlines and decoded slashes included): every identifier reaches the view, which
# answers an unknown one with the API's JSON 404 instead of the HTML page Django gives when no route matches.
ANY = r"(?P<{}>[\s\S]+)"

urlpatterns = [
    path("programmes/", views.ProgrammeListView.as_view(), name="api-programmes"),
    re_path(
        rf"^programmes/{ANY.format('slug')}/schemes/$",
        views.ProgrammeSchemeCreateView.as_view(),
        name="api-programme-schemes",
    ),
    re_path(
        rf"^programmes/{ANY.format('slug')}/cohorts/$",
        views.ProgrammeCohortCreateView.as_view(),
        name="api-programme-cohorts",
    ),
    re_path(
        rf"^programmes/{ANY.format('slug')}/credentials/bulk/$",
        views.CredentialBulkIssueView.as_view(),
        name="api-programme-credentials-bulk",
    ),
    re_path(rf"^programmes/{ANY.format('slug')}/$", views.ProgrammeDetailView.as_view(), name="api-programme"),
    path("schemes/", views.SchemeListView.as_view(), name="api-schemes"),
    re_path(rf"^schemes/{ANY.format('slug')}/$", views.SchemeDetailView.as_view(), name="api-scheme"),
    path("stakeholders/", views.StakeholderListView.as_view(), name="api-stakeholders"),
    re_path(
        rf"^credentials/{ANY.format('pk')}/verify/$", views.CredentialVerifyView.as_view(), name="api-credential-verify"
    ),
    re_path(
        rf"^credentials/{ANY.format('pk')}/reject/$", views.CredentialRejectView.as_view(), name="api-credential-reject"
    ),
]
