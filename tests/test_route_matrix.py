"""Every page route × every role. A new route without a row here fails `test_every_route_has_a_row`.

Rows say who may open a route (GET). Routes with ids are opened with an id that belongs to nobody: every role gets
404 (anonymous visitors of non-public routes are sent to log in), never 200 and never 500. Each app's own tests cover
own-versus-other objects (e.g. tests/employers, tests/candidates, tests/programmes, tests/review).
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from core.roles import Role
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.core import UserFactory
from tests.factories.employers import MembershipFactory

PUBLIC = "public"
ANYONE_LOGGED_IN = "logged_in"
POST_ONLY = "post_only"  # GET is refused (405) or redirected for everyone
C, E, W, P, S = Role.CANDIDATE, Role.EMPLOYER, Role.CASEWORKER, Role.PROGRAMME_ADMIN, Role.STAFF

# route name → PUBLIC, ANYONE_LOGGED_IN, POST_ONLY, or the set of roles that may open it. Staff work as staff:
# candidate and employer pages belong to people with a profile or a membership, so staff get 404 there too.
MATRIX: dict[str, object] = {
    "home": PUBLIC,
    "about": PUBLIC,
    "healthz": PUBLIC,
    "signup": PUBLIC,
    "login": PUBLIC,
    "logout": POST_ONLY,
    "verify_email": PUBLIC,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "password_change": ANYONE_LOGGED_IN,
    "password_change_done": ANYONE_LOGGED_IN,
    "set_language": POST_ONLY,
    "programmes:directory": PUBLIC,
    "programmes:detail": PUBLIC,
    "programmes:for_employers": PUBLIC,
    "programmes:safeguards": PUBLIC,
    "programmes:admin_home": {P, S},
    "programmes:claims": {P, S},
    "programmes:claim_decide": {P, S, W},
    "programmes:edit": {P, S},
    "programmes:scheme_create": {P, S},
    "programmes:scheme_edit": {P, S},
    "programmes:scheme_quotas": {P, S},
    "programmes:partners": {P, S},
    "programmes:cohort_create": {P, S},
    "programmes:cohort_edit": {P, S},
    "programmes:credentials_upload": {P, S},
    "employers:signup": PUBLIC,
    "employers:invitation_accept": PUBLIC,
    "employers:dashboard": {E},
    "employers:organisation": {E},
    "employers:vacancy_create": {E},
    "employers:vacancy_detail": {E},
    "employers:vacancy_edit": {E},
    "employers:vacancy_publish": {E},
    "employers:vacancy_close": {E},
    "employers:vacancy_candidates": {E},
    "employers:match_decide": {E},
    "employers:fee_report": {C, S},
    "employers:programme_employers": {W, S, P},
    "candidates:dashboard": {C},
    "candidates:step": {C},
    "candidates:credential_withdraw": {C},
    "candidates:consent_withdraw": {C},
    "candidates:reconfirm": {C},
    "candidates:not_interested": {C},
    "candidates:fee_report": {C},
    "candidates:documents": {C},
    "candidates:document_download": {C, S, W, P},
    "candidates:document_delete": {C},
    "candidates:export": {C},
    "candidates:erase": {C},
    "candidates:email_change": {C},
    "candidates:email_confirm": {C},
    "review:queue": {W, S},
    "review:claim_next": {W, S},
    "review:item": {W, S},
    "review:item_document": {W, S},
    "review:item_claim": {W, S},
    "review:item_release": {W, S},
    "review:item_decide": {W, S},
    "review:vacancy_matches": {W, S},
    "review:matches_bulk": {W, S},
    "review:matches_add": {W, S},
    "review:matches_set_aside": {W, S},
    "review:match_release": {W, S},
    "review:match_reject": {W, S},
    "review:match_move": {W, S},
    "review:oversight": {S},
    "review:oversight_resume": {S},
    "review:access_log": {S},
    "review:fairness": {W, S},
    "review:fairness_csv": {W, S},
}


def _routes() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(patterns: list, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith(("admin/", "api/")):
                    continue
                walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.append((name, prefix + str(pattern.pattern)))

    walk(get_resolver().url_patterns, "", None)
    return found


ROUTES = _routes()


def _concrete(path: str) -> str:
    """Fill URL parameters with values that name no object."""
    path = re.sub(r"<int:[^>]+>", "987654", path)
    path = re.sub(r"<slug:[^>]+>", "no-such-thing", path)
    path = re.sub(r"<(str:)?[^>]+>", "no-such-token", path)
    return "/" + path.lstrip("^").rstrip("$")


def test_every_route_has_a_row():
    missing = sorted(name for name, _ in ROUTES if name not in MATRIX)
    assert not missing, f"routes without an access row in tests/test_route_matrix.py: {missing}"


def _users() -> dict[str, object]:
    return {
        C: CandidateProfileFactory().user,
        E: MembershipFactory().user,
        W: UserFactory(role=W),
        P: UserFactory(role=P),
        S: UserFactory(role=S, is_staff=True),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[name for name, _ in ROUTES])
def test_route_answers_each_role_as_its_row_says(name, path, client, client_for):
    rule = MATRIX.get(name)
    if rule is None:
        pytest.fail(f"{name} has no row")
    url = _concrete(path)
    has_ids = "<" in path
    anonymous = client.get(url)
    assert anonymous.status_code < 500
    if rule not in (PUBLIC, POST_ONLY):
        assert anonymous.status_code in (302, 401, 403, 404), f"{name}: anonymous got {anonymous.status_code}"
        if anonymous.status_code == 302:
            assert "/accounts/login/" in anonymous["Location"]
    for role, user in _users().items():
        response = client_for(user).get(url)
        code = response.status_code
        assert code < 500, f"{name} as {role}: {code}"
        if rule in (PUBLIC, ANYONE_LOGGED_IN, POST_ONLY):
            continue
        if role not in rule:
            assert code in (302, 403, 404, 405), f"{name}: {role} may not open it but got {code}"
            if code == 302:
                assert response["Location"] != url
        elif has_ids:
            assert code in (302, 404, 405), f"{name}: {role} opened an object that does not exist and got {code}"
        else:
            assert code in (200, 302, 405), f"{name}: {role} may open it but got {code}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[name for name, _ in ROUTES])
def test_a_post_from_a_role_without_access_changes_nothing(name, path, client, client_for):
    """The same rows for the method that writes: whoever may not open a page may not post to it either (nothing is
    done: a denial or a redirect to log in, never a 2xx), and no post answers 5xx."""
    rule = MATRIX[name]
    url = _concrete(path)
    anonymous = client.post(url, {})
    assert anonymous.status_code < 500
    if rule not in (PUBLIC, POST_ONLY):
        assert anonymous.status_code in (302, 401, 403, 404, 405), f"{name}: anonymous POST got {anonymous.status_code}"
        if anonymous.status_code == 302:
            assert "/accounts/login/" in anonymous["Location"]
    if rule in (PUBLIC, ANYONE_LOGGED_IN, POST_ONLY):
        return
    for role, user in _users().items():
        code = client_for(user).post(url, {}).status_code
        assert code < 500, f"{name} POST as {role}: {code}"
        if role not in rule:
            assert code in (302, 403, 404, 405), f"{name}: {role} may not post to it but got {code}"
