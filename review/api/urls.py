from django.urls import path

from review.api import views

urlpatterns = [
    path("review/items/", views.ReviewItemListView.as_view(), name="api-review-items"),
    path("review/items/claim-next/", views.ClaimNextView.as_view(), name="api-review-claim-next"),
    path("review/items/<int:pk>/", views.ReviewItemDetailView.as_view(), name="api-review-item"),
    path("review/items/<int:pk>/claim/", views.ClaimView.as_view(), name="api-review-claim"),
    path("review/items/<int:pk>/release/", views.ReleaseClaimView.as_view(), name="api-review-release"),
    path("review/items/<int:pk>/decide/", views.DecideView.as_view(), name="api-review-decide"),
    path("review/vacancies/<int:pk>/matches/", views.VacancyMatchesView.as_view(), name="api-review-vacancy-matches"),
    path("review/matches/<int:pk>/release/", views.MatchReleaseView.as_view(), name="api-review-match-release"),
    path("review/matches/<int:pk>/reject/", views.MatchRejectView.as_view(), name="api-review-match-reject"),
    path("review/oversight/pauses/", views.OversightPausesView.as_view(), name="api-review-oversight-pauses"),
]
