from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from keyprojects.projects import selectors
from keyprojects.projects.filters import AnnualEntryFilter
from keyprojects.projects.models import AnnualEntry, Leader, Milestone, Project, TaskForce


class ProjectSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    # Optional links: null where the project has none (declared so, or the schema would promise a string).
    domain = serializers.StringRelatedField(allow_null=True)
    industry = serializers.StringRelatedField(allow_null=True)
    owner = serializers.StringRelatedField(allow_null=True)
    chains = serializers.StringRelatedField(many=True)
    leaders = serializers.StringRelatedField(many=True)
    task_force = serializers.StringRelatedField(allow_null=True)
    package_code = serializers.CharField(source="package.code", default=None, allow_null=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "region_code",
            "region_name",
            "domain",
            "industry",
            "chains",
            "owner",
            "responsible_unit",
            "leaders",
            "task_force",
            "package_code",
            "content",
            "total_investment",
            "planned_start",
            "planned_completion",
            "actual_start",
            "actual_completion",
            "stats_entry_date",
            "longitude",
            "latitude",
            "is_sibao_whitelist",
            "is_eco_whitelist",
            "is_priority",
        ]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["name", "planned_date", "actual_date"]


class AnnualEntrySerializer(serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True)
    region_code = serializers.CharField(source="project.region.code", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = AnnualEntry
        fields = [
            "id",
            "year",
            "project",
            "project_code",
            "project_name",
            "region_code",
            "category",
            "category_display",
            "level",
            "level_display",
            "annual_plan",
            "annual_goal",
            "added_on",
            "added_reason",
            "removed_on",
            "removed_reason",
            "revised",
            "milestones",
        ]


class LeaderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Leader
        fields = ["id", "name", "title"]


class TaskForceSerializer(serializers.ModelSerializer):
    lead_leader = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = TaskForce
        fields = ["id", "name", "lead_leader", "deputy", "liaison", "liaison_phone"]


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """项目库：调用者权限范围内的项目。"""

    serializer_class = ProjectSerializer

    def get_queryset(self):
        return selectors.projects_for(self.request.user).prefetch_related("chains", "leaders")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="年度，默认最新年度"),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="名单截至日期 YYYY-MM-DD"),
        ]
    )
)
class AnnualEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """年度名单：`year` 年的名单（默认最新年度），`as_of=YYYY-MM-DD` 为当日的名单；筛选条件与项目库页面相同。"""

    serializer_class = AnnualEntrySerializer
    filterset_class = AnnualEntryFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no database
            return AnnualEntry.objects.none()
        params = self.request.query_params
        if self.action == "retrieve":
            return AnnualEntry.objects.visible_to(self.request.user).select_related("project__region")
        year = int(params["year"]) if params.get("year", "").isdigit() else selectors.default_year()
        as_of = self._as_of(params.get("as_of"))
        return selectors.annual_list(self.request.user, year, as_of).prefetch_related("milestones")

    @staticmethod
    def _as_of(text: str | None):
        if not text:
            return None
        try:
            return serializers.DateField().to_internal_value(text)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"as_of": error.detail}) from None


class LeaderViewSet(viewsets.ReadOnlyModelViewSet):
    """分包领导名录。"""

    serializer_class = LeaderSerializer
    queryset = Leader.objects.all()


class TaskForceViewSet(viewsets.ReadOnlyModelViewSet):
    """专班名录。"""

    serializer_class = TaskForceSerializer
    queryset = TaskForce.objects.select_related("lead_leader")


def register(router) -> None:
    router.register("projects", ProjectViewSet, basename="project")
    router.register("annual-entries", AnnualEntryViewSet, basename="annual-entry")
    router.register("leaders", LeaderViewSet, basename="leader")
    router.register("task-forces", TaskForceViewSet, basename="task-force")
