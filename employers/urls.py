from django.urls import path

from employers import views

app_name = "employers"

urlpatterns = [
    path("signup/", views.SignupView.as_view(), name="signup"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("organisation/", views.OrganisationView.as_view(), name="organisation"),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("vacancies/new/", views.VacancyFormView.as_view(), name="vacancy_create"),
    path("vacancies/<int:pk>/", views.VacancyDetailView.as_view(), name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", views.VacancyFormView.as_view(), name="vacancy_edit"),
    path("vacancies/<int:pk>/publish/", views.VacancyPublishView.as_view(), name="vacancy_publish"),
    path("vacancies/<int:pk>/close/", views.VacancyCloseView.as_view(), name="vacancy_close"),
    path("vacancies/<int:pk>/candidates/", views.VacancyCandidatesView.as_view(), name="vacancy_candidates"),
    path("vacancies/<int:pk>/candidates/<int:match_id>/decide/", views.MatchDecideView.as_view(), name="match_decide"),
    path("fee-report/", views.FeeReportView.as_view(), name="fee_report"),
    path("programmes/<slug:slug>/participants/", views.ProgrammeEmployersView.as_view(), name="programme_employers"),
]
