from __future__ import annotations

from rest_framework import serializers


class SearchQuery(serializers.Serializer):
    q = serializers.CharField(max_length=200, required=False, allow_blank=True, trim_whitespace=True)
    lang = serializers.ChoiceField(
        choices=[
            "bg",
            "cs",
            "da",
            "de",
            "en",
            "es",
            "et",
            "fr",
            "hr",
            "hu",
            "it",
            "lt",
            "lv",
            "nl",
            "no",
            "pl",
            "pt",
            "ro",
            "sk",
            "sl",
            "sv",
        ],
        required=False,
        help_text="Language the text is written in, when known (a small preference for labels in that language)",
    )
    limit = serializers.IntegerField(min_value=1, max_value=50, required=False, default=10)


class OccupationHitOutput(serializers.Serializer):
    id = serializers.IntegerField(source="occupation.id")
    uri = serializers.CharField()
    preferred_label = serializers.CharField()
    matched_label = serializers.CharField()
    score = serializers.FloatField()
    isco_group = serializers.CharField(source="occupation.isco_group")


class SkillHitOutput(serializers.Serializer):
    id = serializers.IntegerField(source="skill.id")
    uri = serializers.CharField()
    preferred_label = serializers.CharField()
    matched_label = serializers.CharField()
    score = serializers.FloatField()


class SkillRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    uri = serializers.CharField()
    preferred_label = serializers.CharField()


class OccupationDetailOutput(serializers.Serializer):
    id = serializers.IntegerField()
    uri = serializers.CharField()
    code = serializers.CharField()
    isco_group = serializers.CharField()
    preferred_label = serializers.CharField()
    alt_labels = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField()
    is_regulated = serializers.BooleanField()
    essential_skills = SkillRefOutput(many=True)
    optional_skills = SkillRefOutput(many=True)


class SkillDetailOutput(serializers.Serializer):
    id = serializers.IntegerField()
    uri = serializers.CharField()
    skill_type = serializers.CharField()
    reuse_level = serializers.CharField()
    preferred_label = serializers.CharField()
    alt_labels = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField()
