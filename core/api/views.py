"""Account endpoints: API tokens (log in, list, revoke, log out) and who am I.

Tokens are django-rest-knox tokens issued through core.services.token_create: one per login, i.e. one per device or
client, each with its own end time (`API_TOKEN_TTL`, 24 h; 8 h for case officers and programme administrators; no
auto-refresh). The key is in the login answer only; the list names tokens by an id taken from the digest.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from core import selectors, services
from core.models import User


class TokenInput(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class TokenOutput(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`. Shown only here, only once.")
    expiry = serializers.DateTimeField(help_text="The token stops working at this time; log in again for a new one.")


class TokenListOutput(serializers.Serializer):
    id = serializers.SerializerMethodField(help_text="Names the token for revoking it; not the token itself.")
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField()
    current = serializers.SerializerMethodField(help_text="The token this request was made with.")

    def get_id(self, token: AuthToken) -> str:
        return selectors.token_id(token)

    def get_current(self, token: AuthToken) -> bool:
        used = getattr(self.context.get("request"), "auth", None)
        return isinstance(used, AuthToken) and used.digest == token.digest


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.CharField()
    preferred_language = serializers.CharField()


class TokenView(APIView):
    """Exchange e-mail and password for a new API token (one per login, so one per device).

    Repeated failures lock the account (django-axes). Each login makes a new token and leaves the others working;
    beyond `API_TOKEN_LIMIT_PER_USER` live tokens the oldest is revoked.
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [AnonRateThrottle]

    @extend_schema(request=TokenInput, responses={200: TokenOutput})
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request, username=data.validated_data["email"], password=data.validated_data["password"]
        )
        if user is None:
            return Response(
                {
                    "error": {
                        "code": "invalid_credentials",
                        "message": "E-mail or password is wrong, or the account is locked.",
                        "fields": {},
                    }
                },
                status=status.HTTP_401_UNAUTHORIZED,
                headers={"WWW-Authenticate": "Token"},
            )
        instance, key = services.token_create(user=user)
        return Response(TokenOutput({"token": key, "expiry": instance.expiry}).data)


class TokenListView(generics.ListAPIView):
    """My live API tokens, newest first; `current` marks the one this request uses. Keys are never shown."""

    permission_classes = [IsAuthenticated]
    serializer_class = TokenListOutput

    def get_queryset(self) -> QuerySet[AuthToken]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator calls this with no user
            return AuthToken.objects.none()
        assert isinstance(self.request.user, User)  # IsAuthenticated
        return selectors.token_list(user=self.request.user)


class TokenDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None}, summary="Revoke one of my API tokens (another user's: 404)")
    def delete(self, request: Request, token_id: str) -> Response:
        assert isinstance(request.user, User)  # IsAuthenticated
        token = selectors.token_get(user=request.user, token_id=token_id)
        if token is None:
            raise NotFound()
        services.token_revoke(token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutView(APIView):
    """Revoke the token this request is made with. Needs token authentication (a browser logs out on its page)."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        services.token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """Revoke every API token of the user, on every device, this one included."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        assert isinstance(request.user, User)  # IsAuthenticated
        services.tokens_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeOutput})
    def get(self, request: Request) -> Response:
        return Response(MeOutput(request.user).data)
