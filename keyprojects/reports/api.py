from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from keyprojects.accounts.api_permissions import HasPerm
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.core.api_bodies import BodySerializer, TextField
from keyprojects.core.api_errors import FORBIDDEN
from keyprojects.core.api_schema import NOT_FOUND
from keyprojects.projects.models import Project
from keyprojects.reports import services
from keyprojects.reports.choices import ReportStatus, Stage
from keyprojects.reports.models import PERIOD_CODE_PATTERN, TEXT_MAX_LENGTH, Period, Report

# A decimal string as the API writes amounts ("120.50"); a JSON number is accepted too.
AMOUNT_PATTERN = r"^[0-9]{1,14}(\.[0-9]{1,2})?$"
PERIOD_FORMAT = "月份应写成 2026-10 这样的格式（年份 2000–2100，月份 1–12）。"
REASON_LENGTH = Report._meta.get_field("return_reason").max_length


@extend_schema_field({"type": "string", "format": "decimal", "pattern": AMOUNT_PATTERN, "example": "120.50"})
class AmountField(serializers.DecimalField):
    """万元, two decimals, not negative."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=16, decimal_places=2, min_value=0, **kwargs)


class PeriodSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)

    class Meta:
        model = Period
        fields = ["code", "year", "month", "is_open", "is_locked", "owner_deadline", "county_deadline", "city_deadline"]


class ReportSerializer(serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True)
    period = serializers.CharField(source="period.code", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "project",
            "project_code",
            "project_name",
            "period",
            "status",
            "status_display",
            "amount",
            "progress",
            "stage",
            "actual_start",
            "actual_completion",
            "over_total_reason",
            "flags",
            "return_reason",
            "submitted_at",
            "reviewed_at",
            "confirmed_at",
        ]
        read_only_fields = ["status", "flags", "return_reason", "submitted_at", "reviewed_at", "confirmed_at"]


class ReportWriteSerializer(BodySerializer):
    project = serializers.IntegerField()
    period = serializers.RegexField(PERIOD_CODE_PATTERN, error_messages={"invalid": PERIOD_FORMAT})
    amount = AmountField()
    progress = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=TEXT_MAX_LENGTH,
        error_messages={"max_length": f"形象进度不能超过 {TEXT_MAX_LENGTH} 个字。"},
    )
    stage = serializers.ChoiceField(choices=Stage.choices, required=False, allow_blank=True)
    actual_start = serializers.DateField(required=False, allow_null=True)
    actual_completion = serializers.DateField(required=False, allow_null=True)
    over_total_reason = serializers.CharField(required=False, allow_blank=True, max_length=200)
    submit = serializers.BooleanField(required=False, default=False)


class ReasonSerializer(BodySerializer):
    reason = TextField(max_length=REASON_LENGTH, required=False, allow_blank=True, default="")


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    """填报月份及其报送截止日期。"""

    serializer_class = PeriodSerializer
    queryset = Period.objects.all()
    lookup_field = "code"
    lookup_value_regex = r"\d{4}-\d{2}"

    def get_object(self):
        try:
            return Period.objects.get_by_code(self.kwargs["code"])
        except (ValueError, Period.DoesNotExist):
            from django.http import Http404

            raise Http404 from None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("period", str, pattern=PERIOD_CODE_PATTERN, description="月份，如 2026-10"),
            OpenApiParameter("status", str, enum=ReportStatus.values, description="状态"),
        ]
    )
)
class ReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """月报：调用者权限范围内的月报；`period=YYYY-MM`、`status` 筛选。工作流操作以 POST 调用。"""

    serializer_class = ReportSerializer

    def get_permissions(self):
        # The investment bureau's region holds these rows, but the feature is not its (accounts.permissions).
        return [*super().get_permissions(), HasPerm(Perm.VIEW_REPORTS)]

    def get_queryset(self):
        reports = Report.objects.visible_to(self.request.user).select_related("project", "period")
        params = self.request.query_params
        if params.get("period", "").count("-") == 1:
            year, _, month = params["period"].partition("-")
            if year.isdigit() and month.isdigit():
                reports = reports.filter(period__year=int(year), period__month=int(month))
        if params.get("status"):
            reports = reports.filter(status=params["status"])
        return reports

    def _step(self, request, step, *, perm: Perm, needs_reason: bool = False):
        if not has_perm(request.user, perm):
            raise PermissionDenied(FORBIDDEN)
        report = self.get_object()
        extra = {}
        if needs_reason:
            body = ReasonSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            extra = body.validated_data
        try:
            report = step(by=request.user, report=report, **extra)
        except ValidationError as error:
            return Response({"detail": "；".join(error.messages)}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(report).data)

    @extend_schema(request=ReportWriteSerializer, responses={201: ReportSerializer, 404: NOT_FOUND})
    def create(self, request):
        """填报（或修改草稿、退回的）月报；`submit: true` 时保存后立即提交。"""
        if not has_perm(request.user, Perm.SUBMIT_REPORTS):
            raise PermissionDenied(FORBIDDEN)
        data = ReportWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        project = Project.objects.visible_to(request.user).filter(pk=values.pop("project")).first()
        try:
            period = Period.objects.get_by_code(values.pop("period"))
        except (ValueError, Period.DoesNotExist):
            period = None
        if project is None or period is None:
            return Response(
                {"detail": "找不到该项目或月份（或不在您的权限范围内）。"}, status=status.HTTP_404_NOT_FOUND
            )
        submit = values.pop("submit", False)
        report = Report.objects.filter(project=project, period=period).first() or services.report_start(project, period)
        for name, value in values.items():
            setattr(report, name, value)
        try:
            with transaction.atomic():
                report = services.report_save(by=request.user, report=report)
                if submit:
                    report = services.report_submit(by=request.user, report=report)
        except ValidationError as error:
            return Response({"detail": "；".join(error.messages)}, status=status.HTTP_409_CONFLICT)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(request, services.report_submit, perm=Perm.SUBMIT_REPORTS)

    @extend_schema(request=None, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(request, services.report_approve, perm=Perm.REVIEW_REPORTS)

    @extend_schema(request=ReasonSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._step(request, services.report_return, perm=Perm.REVIEW_REPORTS, needs_reason=True)

    @extend_schema(request=None, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._step(request, services.report_confirm, perm=Perm.CONFIRM_REPORTS)


def register(router) -> None:
    router.register("periods", PeriodViewSet, basename="period")
    router.register("reports", ReportViewSet, basename="report")
