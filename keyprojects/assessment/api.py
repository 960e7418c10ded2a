"""考核 over REST: the schemes (public rules), the results a user may see with their public ranking,
and the score sheets in the caller's scope with every line and the records behind it."""

from django.db.models import F
from rest_framework import serializers, viewsets

from keyprojects.accounts.api_permissions import HasPerm
from keyprojects.accounts.permissions import Perm
from keyprojects.assessment import selectors
from keyprojects.assessment.models import Assessment, Scheme, SchemeIndicator, Score, ScoreLine


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchemeIndicator
        fields = ["measure", "weight", "per_item"]


class SchemeSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = [
            "id",
            "year",
            "subject",
            "cycle",
            "version",
            "name",
            "effective_from",
            "praised_count",
            "summoned_count",
            "indicators",
        ]


class PublicScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["id", "body_name", "body_code", "total", "rank", "praised", "summoned"]


class AssessmentSerializer(serializers.ModelSerializer):
    scores = PublicScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "scheme", "period_code", "computed_at", "is_published", "published_at", "scores"]


class LineSerializer(serializers.ModelSerializer):
    measure = serializers.CharField(source="indicator.measure", read_only=True)

    class Meta:
        model = ScoreLine
        fields = ["measure", "value", "points", "basis", "records"]


class ScoreSerializer(serializers.ModelSerializer):
    lines = LineSerializer(many=True, read_only=True)
    period_code = serializers.CharField(source="assessment.period_code", read_only=True)
    scheme = serializers.IntegerField(source="assessment.scheme_id", read_only=True)

    class Meta:
        model = Score
        fields = ["id", "assessment", "scheme", "period_code", *PublicScoreSerializer.Meta.fields[1:], "lines"]


class ViewAssessment:
    def get_permissions(self):
        return [*super().get_permissions(), HasPerm(Perm.VIEW_ASSESSMENT)]


class SchemeViewSet(ViewAssessment, viewsets.ReadOnlyModelViewSet):
    """考核方案（各版本）。"""

    serializer_class = SchemeSerializer

    def get_queryset(self):
        return selectors.schemes()


class AssessmentViewSet(ViewAssessment, viewsets.ReadOnlyModelViewSet):
    """考核结果和公开排名（草稿仅市级可见）。"""

    serializer_class = AssessmentSerializer

    def get_queryset(self):
        return selectors.assessments(self.request.user).prefetch_related("scores")


class ScoreViewSet(ViewAssessment, viewsets.ReadOnlyModelViewSet):
    """得分表：本单位（市级为全部）每项指标的得分、计分依据和明细记录。"""

    serializer_class = ScoreSerializer

    def get_queryset(self):
        return (
            Score.objects.visible_to(self.request.user)
            .select_related("assessment")
            .prefetch_related("lines__indicator")
            .order_by("assessment_id", F("rank").asc(nulls_last=True), "pk")
        )


def register(router) -> None:
    router.register("assessment-schemes", SchemeViewSet, basename="assessment-scheme")
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("assessment-scores", ScoreViewSet, basename="assessment-score")
