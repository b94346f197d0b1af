from django.urls import path

from employers.api import views

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="api-organisations"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="api-organisation-detail"),
    path("vacancies/", views.VacancyListView.as_view(), name="api-vacancies"),
    path("vacancies/<int:pk>/", views.VacancyDetailView.as_view(), name="api-vacancy-detail"),
    path("vacancies/<int:pk>/publish/", views.VacancyPublishView.as_view(), name="api-vacancy-publish"),
    path("vacancies/<int:pk>/close/", views.VacancyCloseView.as_view(), name="api-vacancy-close"),
    path("vacancies/<int:pk>/candidates/", views.ReleasedCandidateListView.as_view(), name="api-vacancy-candidates"),
    path("fee-reports/", views.FeeReportCreateView.as_view(), name="api-fee-reports"),
    path(
        "vacancies/<int:pk>/candidates/<int:match_id>/decisions/",
        views.MatchDecisionView.as_view(),
        name="api-vacancy-candidate-decision",
    ),
]
