from rest_framework import serializers, viewsets

from keyprojects.attraction.models import AttractionProject, ElementNeed, ReserveProject


class AttractionSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = AttractionProject
        fields = [
            "id",
            "name",
            "region_code",
            "investor",
            "source_region",
            "industry",
            "mode",
            "contracted_amount",
            "stage",
            "talks_on",
            "signed_on",
            "performed_on",
            "started_on",
            "producing_on",
            "registry_project",
        ]


class ReserveSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = ReserveProject
        fields = [
            "id",
            "name",
            "region_code",
            "level",
            "domain",
            "industry",
            "total_investment",
            "stage",
            "status",
            "exit_reason",
            "promoted_to",
        ]


class ElementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ElementNeed
        fields = ["id", "project", "kind", "quantity", "secured", "unit", "department", "status", "note"]


class AttractionViewSet(viewsets.ReadOnlyModelViewSet):
    """招商引资项目（招商部门、市县和领导可见；项目单位不可见）。"""

    serializer_class = AttractionSerializer

    def get_queryset(self):
        return AttractionProject.objects.visible_to(self.request.user).select_related("region")


class ReserveViewSet(viewsets.ReadOnlyModelViewSet):
    """储备库。"""

    serializer_class = ReserveSerializer

    def get_queryset(self):
        return ReserveProject.objects.visible_to(self.request.user).select_related("region")


class ElementViewSet(viewsets.ReadOnlyModelViewSet):
    """要素保障需求（部门只见交给本部门的）。"""

    serializer_class = ElementSerializer

    def get_queryset(self):
        return ElementNeed.objects.visible_to(self.request.user)


def register(router) -> None:
    router.register("attraction", AttractionViewSet, basename="attraction")
    router.register("reserve", ReserveViewSet, basename="reserve")
    router.register("elements", ElementViewSet, basename="element")
