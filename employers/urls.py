from django.urls import path
from django.views.generic import TemplateView

app_name = "employers"

# Placeholders until the app's pages land; each is replaced by a real view.
urlpatterns: list = [
    path("signup/", TemplateView.as_view(template_name="core/home.html"), name="signup"),
    path("dashboard/", TemplateView.as_view(template_name="core/home.html"), name="dashboard"),
]
