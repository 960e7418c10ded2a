from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from keyprojects.accounts.api_permissions import HasPerm
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.coordination import services
from keyprojects.coordination.models import Meeting, Problem, Procedure, Visit
from keyprojects.core.api_bodies import BodySerializer, TextField
from keyprojects.projects.models import Project

# The page's form sets no limit on 办理情况 (a TextField); the API bounds it so one call cannot store megabytes.


class ProblemSerializer(serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)
    lead_department_name = serializers.CharField(source="lead_department.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Problem
        fields = [
            "id",
            "project",
            "project_code",
            "description",
            "category",
            "status",
            "status_display",
            "lead_department",
            "lead_department_name",
            "limit_days",
            "accepted_on",
            "deadline",
            "reply",
            "replied_on",
            "closed_on",
            "return_reason",
            "escalation",
            "meeting",
            "is_overdue",
        ]
        read_only_fields = fields


class ProcedureSerializer(serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = Procedure
        fields = [
            "id",
            "project",
            "project_code",
            "kind",
            "status",
            "department",
            "applied_on",
            "approved_on",
            "document_number",
            "limit_days",
            "is_tolerant",
            "is_commitment",
            "is_combined",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "kind", "title", "date", "chair", "attendees", "minutes"]


class VisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Visit
        fields = ["id", "leader", "project", "date", "findings"]


class ReplySerializer(BodySerializer):
    reply = TextField(max_length=services.REPLY_MAX_LENGTH, required=False, allow_blank=True, default="")


class ProblemViewSet(viewsets.ReadOnlyModelViewSet):
    """问题清单：调用者权限范围内的问题（部门只见交办给本部门的）。签收、办结、销号等以 POST 调用。"""

    serializer_class = ProblemSerializer

    def get_permissions(self):
        # The investment bureau's region holds these rows, but the feature is not its (accounts.permissions).
        return [*super().get_permissions(), HasPerm(Perm.VIEW_PROBLEMS)]

    def get_queryset(self):
        return Problem.objects.visible_to(self.request.user).select_related("project", "lead_department")

    def _step(self, request, step, body: type[BodySerializer] | None = None):
        """A refusal by the service (PermissionDenied) reaches the exception handler, which logs it."""
        problem = self.get_object()
        fields = {}
        if body is not None:
            checked = body(data=request.data)
            checked.is_valid(raise_exception=True)
            fields = checked.validated_data
        try:
            problem = step(by=request.user, problem=problem, **fields)
        except ValidationError as error:
            return Response({"detail": "；".join(error.messages)}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(problem).data)

    @extend_schema(request=None, responses=ProblemSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._step(request, services.problem_accept)

    @extend_schema(request=ReplySerializer, responses=ProblemSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        return self._step(request, services.problem_reply, ReplySerializer)

    @extend_schema(request=None, responses=ProblemSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(request, services.problem_close)


class ProcedureViewSet(viewsets.ReadOnlyModelViewSet):
    """联审联批台账。"""

    serializer_class = ProcedureSerializer

    def get_queryset(self):
        return Procedure.objects.visible_to(self.request.user).select_related("project")


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """调度会议（市、县、领导和部门用户）。"""

    serializer_class = MeetingSerializer

    def get_queryset(self):
        return Meeting.objects.all() if has_perm(self.request.user, Perm.VIEW_MEETINGS) else Meeting.objects.none()


class VisitViewSet(viewsets.ReadOnlyModelViewSet):
    """调研日记录。"""

    serializer_class = VisitSerializer

    def get_queryset(self):
        return Visit.objects.filter(project__in=Project.objects.visible_to(self.request.user))


def register(router) -> None:
    router.register("problems", ProblemViewSet, basename="problem")
    router.register("procedures", ProcedureViewSet, basename="procedure")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("visits", VisitViewSet, basename="visit")
