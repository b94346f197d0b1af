from django.urls import path

from taxonomy.api.views import OccupationDetailView, OccupationSearchView, SkillDetailView, SkillSearchView

urlpatterns = [
    path("occupations/", OccupationSearchView.as_view(), name="api-occupation-search"),
    path("occupations/<int:pk>/", OccupationDetailView.as_view(), name="api-occupation-detail"),
    path("skills/", SkillSearchView.as_view(), name="api-skill-search"),
    path("skills/<int:pk>/", SkillDetailView.as_view(), name="api-skill-detail"),
]
