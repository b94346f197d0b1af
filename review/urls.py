from django.urls import path

from review import views

app_name = "review"

urlpatterns = [
    path("queue/", views.QueueView.as_view(), name="queue"),
    path("queue/claim-next/", views.ClaimNextView.as_view(), name="claim_next"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item"),
    path("items/<int:pk>/claim/", views.ItemClaimView.as_view(), name="item_claim"),
    path("items/<int:pk>/release/", views.ItemReleaseView.as_view(), name="item_release"),
    path("items/<int:pk>/decide/", views.ItemDecideView.as_view(), name="item_decide"),
    path("vacancies/<int:vacancy_pk>/matches/", views.VacancyMatchesView.as_view(), name="vacancy_matches"),
    path("vacancies/<int:vacancy_pk>/matches/bulk/", views.BulkDecideView.as_view(), name="matches_bulk"),
    path("vacancies/<int:vacancy_pk>/matches/add/", views.ManualAddView.as_view(), name="matches_add"),
    path(
        "vacancies/<int:vacancy_pk>/matches/set-aside/", views.SetRankingAsideView.as_view(), name="matches_set_aside"
    ),
    path(
        "vacancies/<int:vacancy_pk>/matches/<int:match_pk>/release/",
        views.MatchReleaseView.as_view(),
        name="match_release",
    ),
    path(
        "vacancies/<int:vacancy_pk>/matches/<int:match_pk>/reject/",
        views.MatchRejectView.as_view(),
        name="match_reject",
    ),
    path("vacancies/<int:vacancy_pk>/matches/<int:match_pk>/move/", views.MatchMoveView.as_view(), name="match_move"),
    path("oversight/", views.OversightView.as_view(), name="oversight"),
    path("oversight/<int:pk>/resume/", views.OversightResumeView.as_view(), name="oversight_resume"),
    path("access-log/", views.AccessLogView.as_view(), name="access_log"),
    path("fairness/", views.FairnessView.as_view(), name="fairness"),
    path("fairness.csv", views.FairnessCsvView.as_view(), name="fairness_csv"),
]
