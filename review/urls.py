from django.urls import path

from review.views import fairness, matches, oversight, queue

app_name = "review"

urlpatterns = [
    path("queue/", queue.QueueView.as_view(), name="queue"),
    path("queue/claim-next/", queue.ClaimNextView.as_view(), name="claim_next"),
    path("items/<int:pk>/", queue.ItemDetailView.as_view(), name="item"),
    path("items/<int:pk>/document/", queue.ItemDocumentView.as_view(), name="item_document"),
    path("items/<int:pk>/claim/", queue.ItemClaimView.as_view(), name="item_claim"),
    path("items/<int:pk>/release/", queue.ItemReleaseView.as_view(), name="item_release"),
    path("items/<int:pk>/decide/", queue.ItemDecideView.as_view(), name="item_decide"),
    path("vacancies/<int:vacancy_pk>/matches/", matches.VacancyMatchesView.as_view(), name="vacancy_matches"),
    path("vacancies/<int:vacancy_pk>/matches/bulk/", matches.BulkDecideView.as_view(), name="matches_bulk"),
    path("vacancies/<int:vacancy_pk>/matches/add/", matches.ManualAddView.as_view(), name="matches_add"),
    path(
        "vacancies/<int:vacancy_pk>/matches/set-aside/",
        matches.SetRankingAsideView.as_view(),
        name="matches_set_aside",
    ),
    path(
        "vacancies/<int:vacancy_pk>/matches/<int:match_pk>/release/",
        matches.MatchReleaseView.as_view(),
        name="match_release",
    ),
    path(
        "vacancies/<int:vacancy_pk>/matches/<int:match_pk>/reject/",
        matches.MatchRejectView.as_view(),
        name="match_reject",
    ),
    path("vacancies/<int:vacancy_pk>/matches/<int:match_pk>/move/", matches.MatchMoveView.as_view(), name="match_move"),
    path("oversight/", oversight.OversightView.as_view(), name="oversight"),
    path("oversight/<int:pk>/resume/", oversight.OversightResumeView.as_view(), name="oversight_resume"),
    path("access-log/", oversight.AccessLogView.as_view(), name="access_log"),
    path("fairness/", fairness.FairnessView.as_view(), name="fairness"),
    path("fairness.csv", fairness.FairnessCsvView.as_view(), name="fairness_csv"),
]
