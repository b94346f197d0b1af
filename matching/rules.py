"""Hard rules: eligibility of one candidate for one vacancy. Each rule is a small class with a stable id and a plain
description; the rule set has a version recorded in every match run. Pure module: no Django imports.

A rule answers `passes(candidate, vacancy, context) -> bool`. Rules never look at special-category data (gender is
not a feature here at all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from matching.features import CandidateFeatures, MatchContext, VacancyFeatures, age_on, cefr_rank

RULESET_VERSION = "2026.11-1"

RECOGNITION_HELD = {"full"}
RECOGNITION_IN_PROGRESS = {"pending", "partial"}


class Rule:
    id: str = ""
    description: str = ""

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        raise NotImplementedError


class ActiveAndConsentedRule(Rule):
    id = "active_consented"
    description = "The profile is active (submitted or verified) and the candidate consents to matching."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        return c.active and c.matching_consent


class DestinationAcceptedRule(Rule):
    id = "destination_accepted"
    description = "The candidate accepts the vacancy's country (no stated destinations means any)."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        return not c.destinations or v.country in c.destinations


class LanguageMinimumRule(Rule):
    id = "language_minimum"
    description = "The candidate holds at least the minimum CEFR level of every language the vacancy requires."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        return all(c.language_level(code) >= cefr_rank(level) for code, level in v.languages)


def _reference_day(v: VacancyFeatures, ctx: MatchContext) -> dt.date:
    """Ages and windows are judged on the start date when it lies ahead, else on the day of the run."""
    return max(v.start_date, ctx.today) if v.start_date else ctx.today


class LegalAgeRule(Rule):
    id = "legal_age"
    description = "The candidate is of legal working age in the destination country on the start date."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        if c.birth_date is None:
            return False
        return age_on(c.birth_date, _reference_day(v, ctx)) >= ctx.legal_age(v.country)


class SchemeAgeRangeRule(Rule):
    id = "scheme_age_range"
    description = "The candidate's age on the start date is within the legal scheme's age range."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        s = v.scheme
        if s is None or (s.min_age is None and s.max_age is None):
            return True
        if c.birth_date is None:
            return False
        age = age_on(c.birth_date, _reference_day(v, ctx))
        return (s.min_age is None or age >= s.min_age) and (s.max_age is None or age <= s.max_age)


class SchemeNationalityRule(Rule):
    id = "scheme_nationality"
    description = "The candidate's nationality is eligible for the vacancy's legal scheme."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        s = v.scheme
        return s is None or not s.eligible_nationalities or c.nationality in s.eligible_nationalities


class SchemeMaximumStayRule(Rule):
    id = "scheme_max_stay"
    description = "The contract is not longer than the legal scheme's maximum stay."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        s = v.scheme
        if s is None or s.max_stay_months is None or v.duration_months is None:
            return True
        return v.duration_months <= s.max_stay_months


class SchemeQuotaRule(Rule):
    id = "scheme_quota"
    description = "The legal scheme has places left this year for the candidate's nationality."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        if v.scheme is None:
            return True
        remaining = v.scheme.remaining_for(c.nationality)
        return remaining is None or remaining > 0


class WhoSafeguardListRule(Rule):
    id = "who_safeguard"
    description = (
        "Health occupations (ISCO 22xx and 32xx) are not offered to nationals of countries on the WHO health "
        "workforce safeguards list, unless the vacancy belongs to a government-to-government agreement."
    )

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        if not v.is_health_occupation or v.government_to_government:
            return True
        return c.nationality not in ctx.safeguard_countries


class ProgrammeReservationRule(Rule):
    id = "programme_reservation"
    description = (
        "During a programme's reservation window its graduates are only matched to the destinations, employers "
        "or programme that funded their training."
    )

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        day = ctx.today
        for r in c.reservations:
            if r.until < day:
                continue
            allowed = (
                v.country in r.destinations
                or v.organisation_id in r.employer_ids
                or (v.programme_id is not None and v.programme_id == r.programme_id)
            )
            if not allowed:
                return False
        return True


class AvailabilityRule(Rule):
    id = "availability"
    description = "The candidate is available on or before the vacancy's start date."

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        if c.available_from is None or v.start_date is None:
            return True
        return c.available_from <= v.start_date


class RecognitionRule(Rule):
    id = "recognition"
    description = (
        "When the job needs a recognised qualification, the candidate holds full recognition in the destination, "
        "or recognition is in progress and the employer accepts that."
    )

    def passes(self, c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext) -> bool:
        if not v.requires_recognition:
            return True
        statuses = {status for country, status in c.recognitions if country == v.country}
        if statuses & RECOGNITION_HELD:
            return True
        return bool(v.accepts_recognition_pending and statuses & RECOGNITION_IN_PROGRESS)


RULES: tuple[Rule, ...] = (
    ActiveAndConsentedRule(),
    DestinationAcceptedRule(),
    LanguageMinimumRule(),
    LegalAgeRule(),
    SchemeAgeRangeRule(),
    SchemeNationalityRule(),
    SchemeMaximumStayRule(),
    SchemeQuotaRule(),
    WhoSafeguardListRule(),
    ProgrammeReservationRule(),
    AvailabilityRule(),
    RecognitionRule(),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}


@dataclass(frozen=True)
class Eligibility:
    passed: tuple[str, ...]
    failed: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.failed


def evaluate_rules(
    c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext, rules: Sequence[Rule] = RULES
) -> Eligibility:
    passed: list[str] = []
    failed: list[str] = []
    for rule in rules:
        (passed if rule.passes(c, v, ctx) else failed).append(rule.id)
    return Eligibility(passed=tuple(passed), failed=tuple(failed))
