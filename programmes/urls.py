from django.urls import path
from django.views.generic import TemplateView

app_name = "programmes"

# Placeholders until the app's pages land; each is replaced by a real view.
urlpatterns: list = [
    path("directory/", TemplateView.as_view(template_name="core/home.html"), name="directory"),
    path("for-employers/", TemplateView.as_view(template_name="core/home.html"), name="for_employers"),
    path("admin-home/", TemplateView.as_view(template_name="core/home.html"), name="admin_home"),
]
