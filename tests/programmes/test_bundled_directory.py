"""A fresh install (migrations only) has the directory's real content, with rules stored as data."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from programmes.models import LegalScheme, Programme, SafeguardCountry
from programmes.selectors import safeguard_countries

pytestmark = pytest.mark.django_db

LISTED_IN_THE_ISSUE = [
    "triple-win",
    "thamm",
    "palim",
    "pem",
    "iom-tunisian-internships",
    "iom-match",
    "mentor-ii",
    "digi-talents",
    "pam",
    "hand-in-hand",
    "gsp-nursing",
    "kosovo-construction",
    "de-placement-agreements",
    "fr-young-professionals",
    "lu-cape-verde",
    "bg-labour-agreements",
    "es-gecco",
    "es-morocco-masters",
    "ie-imgti",
    "ie-atypical-nurses",
    "africa-uninet",
    "asea-uninet",
    "ceepus",
    "aptc",
    "kr-eps",
    "jp-ssw",
]


def test_every_programme_of_the_issue_is_in_the_directory_with_a_source_note():
    present = set(Programme.objects.values_list("slug", flat=True))
    assert set(LISTED_IN_THE_ISSUE) <= present
    for programme in Programme.objects.filter(slug__in=LISTED_IN_THE_ISSUE):
        assert programme.source_note, programme.slug
        assert programme.sources, programme.slug
        # every component has its yes/no and a note explaining it
        assert all(
            [
                programme.state_cooperation_note,
                programme.multi_stakeholder_note,
                programme.training_note,
                programme.skills_recognition_note,
                programme.mobility_note,
            ]
        ), programme.slug


def test_thamm_keeps_the_figures_the_inform_gives_and_invents_none():
    thamm = Programme.objects.get(slug="thamm")
    assert thamm.origin_countries == ["EG", "MA", "TN"]
    assert thamm.destination_countries == ["DE", "BE"]
    assert "350" in thamm.targets and "600" in thamm.targets
    assert "127" in thamm.outcome_note
    assert thamm.trained_count is None and thamm.placed_count is None and thamm.capacity is None


def test_luxembourg_cape_verde_rules_are_machine_readable():
    scheme = LegalScheme.objects.get(slug="lu-cv-young-professionals")
    assert scheme.destination_country == "LU"
    assert scheme.eligible_nationalities == ["CV"]
    assert (scheme.min_age, scheme.max_age) == (18, 35)
    assert (scheme.min_stay_months, scheme.max_stay_months) == (3, 18)
    assert scheme.annual_quota == 10
    assert scheme.is_government_to_government is True


def test_other_scheme_rules_are_stored_as_data():
    assert LegalScheme.objects.get(slug="bg-seasonal-work").max_stay_months == 21
    assert sorted(LegalScheme.objects.get(slug="bg-seasonal-work").eligible_nationalities) == ["AM", "GE", "MD"]
    imgti = LegalScheme.objects.get(slug="ie-imgti")
    assert (imgti.max_stay_months, imgti.renewals, imgti.renewal_months) == (24, 1, 12)
    assert {"PK", "SD"} <= set(imgti.eligible_nationalities)
    assert LegalScheme.objects.get(slug="de-placement-agreement").work_allowed_pending_recognition is True
    assert LegalScheme.objects.get(slug="es-ma-masters").return_required is True
    assert LegalScheme.objects.get(slug="fr-young-professionals").max_stay_months == 18


def test_who_safeguards_list_2023_is_loaded_with_iso_codes():
    codes = safeguard_countries()
    assert len(codes) == 55
    assert {"NG", "GH", "SN", "PK", "CI", "CD", "CG", "LA", "FM", "TZ"} <= codes
    assert "MA" not in codes
    assert SafeguardCountry.objects.get(country="CI").name == "Côte d'Ivoire"


def test_full_smp_and_smp_like_are_told_apart():
    assert Programme.objects.get(slug="triple-win").is_full_smp
    assert not Programme.objects.get(slug="aptc").is_full_smp
    assert not Programme.objects.get(slug="aptc").has_mobility


def test_occupations_are_linked_once_the_taxonomy_is_loaded():
    triple_win = Programme.objects.get(slug="triple-win")
    triple_win.occupations.clear()
    call_command("link_programme_occupations")
    assert "nurse responsible for general care" in set(triple_win.occupations.values_list("preferred_label", flat=True))
    call_command("link_programme_occupations")  # idempotent
    assert triple_win.occupations.count() == 1
