from django import forms

from keyprojects.accounts.models import Region
from keyprojects.attraction.models import AttractionProject, ElementNeed, FinancingNeed, ReserveProject
from keyprojects.projects.models import Project

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AttractionForm(forms.ModelForm):
    class Meta:
        model = AttractionProject
        fields = [
            "name",
            "region",
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
            "expansion_of",
        ]
        widgets = {name: DATE_INPUT for name in ["talks_on", "signed_on", "performed_on", "started_on", "producing_on"]}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.visible_to(user).exclude(kind="province")
        self.fields["expansion_of"].queryset = AttractionProject.objects.visible_to(user)


class FundsForm(forms.Form):
    date = forms.DateField(label="到位日期", widget=DATE_INPUT)
    amount = forms.DecimalField(label="到位资金（万元）", max_digits=16, decimal_places=2, min_value=0.01)


class ReserveForm(forms.ModelForm):
    class Meta:
        model = ReserveProject
        fields = ["name", "region", "level", "domain", "industry", "owner_name", "total_investment", "content", "stage"]
        widgets = {"content": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.visible_to(user).exclude(kind="province")


class PromoteForm(forms.Form):
    year = forms.IntegerField(label="转入年度", min_value=2000, max_value=2100)
    level = forms.ChoiceField(label="级别", choices=ReserveProject._meta.get_field("level").choices)
    annual_plan = forms.DecimalField(label="年度计划投资（万元）", max_digits=16, decimal_places=2, min_value=0)


class ElementForm(forms.ModelForm):
    class Meta:
        model = ElementNeed
        fields = ["project", "kind", "quantity", "secured", "unit", "department", "status", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user)


class FinancingNeedForm(forms.ModelForm):
    class Meta:
        model = FinancingNeed
        fields = ["project", "kind", "amount", "matched_bank", "matched_amount"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user)
