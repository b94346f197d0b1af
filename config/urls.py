from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

api_v1: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("", include("core.api.urls")),
    path("", include("taxonomy.api.urls")),
    path("", include("programmes.api.urls")),
    path("", include("employers.api.urls")),
    path("", include("candidates.api.urls")),
    path("", include("review.api.urls")),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("", include("core.urls")),
    path("programmes/", include("programmes.urls")),
    path("employers/", include("employers.urls")),
    path("candidates/", include("candidates.urls")),
    path("review/", include("review.urls")),
]

handler400 = "core.views.bad_request"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
