"""Object permissions of the employers app (asked via `user.has_perm("employers.<perm>", obj)`)."""

from __future__ import annotations

import rules

from core.permissions import is_case_officer, is_employer, is_staff_role
from employers.models import Membership
from programmes.rules import is_administrator_of_programme


@rules.predicate
def is_member_of_organisation(user, organisation) -> bool:
    if organisation is None:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


@rules.predicate
def is_admin_of_organisation(user, organisation) -> bool:
    if organisation is None:
        return False
    return Membership.objects.filter(user=user, organisation=organisation, is_admin=True).exists()


@rules.predicate
def is_member_of_vacancy_organisation(user, vacancy) -> bool:
    if vacancy is None:
        return False
    return Membership.objects.filter(user=user, organisation_id=vacancy.organisation_id).exists()


@rules.predicate
def is_member_of_match_organisation(user, match) -> bool:
    if match is None:
        return False
    return Membership.objects.filter(user=user, organisation_id=match.vacancy.organisation_id).exists()


rules.add_perm("employers.view_organisation", is_case_officer | (is_employer & is_member_of_organisation))
rules.add_perm("employers.manage_organisation", is_employer & is_admin_of_organisation)
rules.add_perm("employers.vet_organisation", is_case_officer)
rules.add_perm("employers.view_vacancy", is_case_officer | (is_employer & is_member_of_vacancy_organisation))
rules.add_perm("employers.change_vacancy", is_employer & is_member_of_vacancy_organisation)
rules.add_perm("employers.decide_match", is_employer & is_member_of_match_organisation)
# Which organisations take part in a programme as employers (object: the programme).
rules.add_perm("employers.manage_participation", is_case_officer | is_staff_role | is_administrator_of_programme)
