from django.urls import path

from candidates.api import views

urlpatterns = [
    path("me/profile/", views.ProfileView.as_view(), name="candidate-api-profile"),
    path("me/profile/submit/", views.SubmitView.as_view(), name="candidate-api-submit"),
    path("me/profile/reconfirm/", views.ReconfirmView.as_view(), name="candidate-api-reconfirm"),
    path("me/profile/credentials/", views.CredentialListView.as_view(), name="candidate-api-credentials"),
    path("me/profile/credentials/<int:pk>/", views.CredentialDetailView.as_view(), name="candidate-api-credential"),
    path("me/profile/consents/", views.ConsentListView.as_view(), name="candidate-api-consents"),
    path("me/profile/consents/withdraw/", views.ConsentWithdrawView.as_view(), name="candidate-api-consent-withdraw"),
    path("me/profile/documents/", views.DocumentListView.as_view(), name="candidate-api-documents"),
    path("me/profile/documents/<int:pk>/", views.DocumentDetailView.as_view(), name="candidate-api-document"),
    path(
        "me/profile/documents/<int:pk>/download/",
        views.DocumentDownloadView.as_view(),
        name="candidate-api-document-download",
    ),
    path("me/profile/matches/", views.MatchListView.as_view(), name="candidate-api-matches"),
    path(
        "me/profile/matches/<int:pk>/not-interested/",
        views.NotInterestedView.as_view(),
        name="candidate-api-not-interested",
    ),
    path("me/profile/export/", views.ExportView.as_view(), name="candidate-api-export"),
    path("me/profile/erase/", views.EraseView.as_view(), name="candidate-api-erase"),
]
for _kind, (_list_view, _detail_view) in views.ITEM_VIEWS.items():
    urlpatterns += [
        path(f"me/profile/{_kind}/", _list_view.as_view(), name=f"candidate-api-{_kind}"),
        path(f"me/profile/{_kind}/<int:pk>/", _detail_view.as_view(), name=f"candidate-api-{_kind}-detail"),
    ]
