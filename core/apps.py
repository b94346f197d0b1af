from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core: users, roles, audit"

    def ready(self) -> None:
        # Imported here because models and signals may load only once the app registry is ready.
        from django.contrib.auth.signals import user_logged_in

        from core.session_policy import apply_session_lifetime

        user_logged_in.connect(apply_session_lifetime, dispatch_uid="core.session_lifetime")

        import core.api.schema  # noqa: F401  (registers the OpenAPI extension for knox tokens)
