from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from keyprojects.accounts.api_permissions import HasPerm
from keyprojects.accounts.models import Department, Region, User
from keyprojects.accounts.permissions import Perm
from keyprojects.accounts.scope import scope_for


class RegionSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", default=None, allow_null=True, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Region
        fields = [
            "code",
            "name",
            "kind",
            "kind_display",
            "division_type",
            "parent_code",
            "is_ranked",
            "longitude",
            "latitude",
        ]


class DepartmentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Department
        fields = ["id", "name", "short_name", "kind", "kind_display", "is_active"]


class UserSerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    region_code = serializers.CharField(source="region.code", default=None, allow_null=True, read_only=True)
    department_name = serializers.CharField(source="department.name", default=None, allow_null=True, read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", default=None, allow_null=True, read_only=True)
    scope = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "name",
            "role",
            "role_display",
            "region_code",
            "department_name",
            "enterprise_name",
            "title",
            "is_active",
            "scope",
        ]

    def get_scope(self, user) -> str:
        return scope_for(user).describe()


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """区划：调用者权限范围内的区划树节点。"""

    serializer_class = RegionSerializer
    lookup_field = "code"

    def get_queryset(self):
        return Region.objects.visible_to(self.request.user).select_related("parent")


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet):
    """部门名录。"""

    serializer_class = DepartmentSerializer

    def get_queryset(self):
        return Department.objects.visible_to(self.request.user)


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """账号：市级管理员可查看全部账号；`me` 返回调用者本人及其权限范围。"""

    serializer_class = UserSerializer

    def get_permissions(self):
        if self.action == "me":
            return super().get_permissions()
        return [*super().get_permissions(), HasPerm(Perm.MANAGE_ACCOUNTS)]

    def get_queryset(self):
        return User.objects.visible_to(self.request.user).select_related("region", "department", "enterprise")

    @action(detail=False)
    def me(self, request):
        return Response(self.get_serializer(request.user).data)


def register(router) -> None:
    router.register("regions", RegionViewSet, basename="region")
    router.register("departments", DepartmentViewSet, basename="department")
    router.register("users", UserViewSet, basename="user")
