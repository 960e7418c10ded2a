from django import forms

from keyprojects.accounts.models import Region
from keyprojects.projects.choices import DEFAULT_MILESTONES
from keyprojects.projects.dates import actual_date_errors
from keyprojects.projects.models import AnnualEntry, Domain, Industry, IndustryChain, Leader, Project, TaskForce
from keyprojects.projects.services import MONTHS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ADDED_ON_HELP = "留空为今天（次年的名单为1月1日）；可改为本年度内更早的一天，但须在已锁定月份之后。"


class ProjectForm(forms.ModelForm):
    owner_name = forms.CharField(
        label="项目单位", max_length=100, required=False, help_text="填写单位全称；没有的单位会自动新建。"
    )

    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "region",
            "domain",
            "industry",
            "chains",
            "responsible_unit",
            "leaders",
            "task_force",
            "package",
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
        widgets = {
            "chains": forms.CheckboxSelectMultiple,
            "leaders": forms.CheckboxSelectMultiple,
            "content": forms.Textarea(attrs={"rows": 3}),
            **{
                name: DATE_INPUT
                for name in [
                    "planned_start",
                    "planned_completion",
                    "actual_start",
                    "actual_completion",
                    "stats_entry_date",
                ]
            },
        }
        help_texts = {"code": "如 2019-510100-47-01-003512；暂无赋码可留空，系统生成本地代码。"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["region"].queryset = Region.objects.visible_to(user).exclude(kind="province")
        self.fields["package"].queryset = Project.objects.visible_to(user).filter(package__isnull=True)
        self.fields["industry"].queryset = Industry.objects.select_related("domain")
        self.fields["industry"].label_from_instance = lambda industry: f"{industry.domain} / {industry}"
        if self.instance.owner_id:
            self.fields["owner_name"].initial = self.instance.owner.name
        if self.instance.pk:
            self.fields["package"].queryset = self.fields["package"].queryset.exclude(pk=self.instance.pk)

    def clean(self):
        data = super().clean()
        industry, domain = data.get("industry"), data.get("domain")
        if industry and domain and industry.domain_id != domain.pk:
            self.add_error("industry", f"行业“{industry}”不属于领域“{domain}”。")
        planned_start, planned_completion = data.get("planned_start"), data.get("planned_completion")
        if planned_start and planned_completion and planned_completion < planned_start:
            self.add_error("planned_completion", "计划竣工日期不能早于计划开工日期。")
        for name, message in actual_date_errors(data.get("actual_start"), data.get("actual_completion")).items():
            self.add_error(name, message)
        return data

    def _post_clean(self):
        # Model validation (codes, packages) runs in the service, which completes the local code first.
        pass


class EntryForm(forms.ModelForm):
    class Meta:
        model = AnnualEntry
        fields = ["category", "level", "annual_plan", "annual_goal"]
        widgets = {"annual_goal": forms.Textarea(attrs={"rows": 2})}


class EntryAddForm(EntryForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    added_on = forms.DateField(label="列入日期", widget=DATE_INPUT, required=False, help_text=ADDED_ON_HELP)
    reason = forms.CharField(label="调入原因", max_length=200, help_text="如：年度名单、动态调整新增、优进劣退补充等")

    field_order = ["year", "category", "level", "annual_plan", "annual_goal", "added_on", "reason"]


class EntryRemoveForm(forms.Form):
    removed_on = forms.DateField(label="调出日期", widget=DATE_INPUT)
    reason = forms.CharField(label="调出原因", max_length=200, help_text="如：项目终止、列入负面清单、优进劣退调出等")


class MonthlyPlanForm(forms.Form):
    """12 amounts; all blank means the even split."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for month in MONTHS:
            self.fields[f"m{month}"] = forms.DecimalField(
                label=f"{month}月", max_digits=16, decimal_places=2, required=False, min_value=0
            )

    def amounts(self) -> dict | None:
        values = {month: self.cleaned_data.get(f"m{month}") for month in MONTHS}
        return values if any(value is not None for value in values.values()) else None


class MilestoneForm(forms.Form):
    name = forms.CharField(label="节点", max_length=40, required=False)
    planned_date = forms.DateField(label="计划完成日期", widget=DATE_INPUT, required=False)
    actual_date = forms.DateField(label="实际完成日期", widget=DATE_INPUT, required=False)


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=len(DEFAULT_MILESTONES), can_delete=True)


class LeaderForm(forms.ModelForm):
    class Meta:
        model = Leader
        fields = ["name", "title", "user", "sort_order"]


class TaskForceForm(forms.ModelForm):
    class Meta:
        model = TaskForce
        fields = ["name", "lead_leader", "deputy", "liaison", "liaison_phone"]


class ImportForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    file = forms.FileField(label="Excel 文件（.xlsx）")
    added_on = forms.DateField(label="新列入项目的列入日期", widget=DATE_INPUT, required=False, help_text=ADDED_ON_HELP)


class DomainForm(forms.ModelForm):
    class Meta:
        model = Domain
        fields = ["name", "sort_order"]


class IndustryForm(forms.ModelForm):
    class Meta:
        model = Industry
        fields = ["domain", "name", "sort_order"]


class ChainForm(forms.ModelForm):
    class Meta:
        model = IndustryChain
        fields = ["name", "sort_order"]
