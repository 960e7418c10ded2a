from django import forms

from keyprojects.accounts.models import Department, Enterprise, Region
from keyprojects.assessment.choices import DEDUCTIONS, MEASURES_FOR, Measure, Subject
from keyprojects.assessment.models import Adjustment, Scheme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
POINTS = {
    "max_digits": 8,
    "decimal_places": 2,
    "required": False,
    "min_value": 0,
    "error_messages": {"max_decimal_places": "分值最多保留 2 位小数。", "min_value": "分值不能为负数。"},
}


class SchemeForm(forms.ModelForm):
    """The scheme's fields and, per indicator, its points (left empty: not used) and, for deductions,
    the points per item."""

    class Meta:
        model = Scheme
        fields = ["year", "subject", "cycle", "name", "effective_from", "praised_count", "summoned_count", "note"]
        widgets = {"effective_from": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, subject: str, indicators=None, **kwargs):
        """Only the indicators that fit `subject` are offered."""
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("year", "subject", "cycle"):
                self.fields[name].disabled = True
        current = {row["measure"]: row for row in (indicators or [])}
        for measure in (m for m in Measure if m in MEASURES_FOR[subject]):
            row = current.get(measure, {})
            self.fields[f"w_{measure}"] = forms.DecimalField(
                label=f"{measure.label}（分）", initial=row.get("weight"), **POINTS
            )
            if measure in DEDUCTIONS:
                self.fields[f"p_{measure}"] = forms.DecimalField(
                    label=f"{measure.label}：每项扣分", initial=row.get("per_item"), **POINTS
                )

    def indicator_rows(self) -> list[dict]:
        """The indicators given points (the service refuses those that do not fit the kind of body)."""
        return [
            {
                "measure": measure,
                "weight": self.cleaned_data.get(f"w_{measure}"),
                "per_item": self.cleaned_data.get(f"p_{measure}"),
            }
            for measure in Measure
            if self.cleaned_data.get(f"w_{measure}")
        ]

    def scheme_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if not self.fields[name].disabled}


class ComputeForm(forms.Form):
    subject = forms.ChoiceField(
        label="考核对象", choices=Subject.choices, widget=forms.Select(attrs={"class": "form-select form-select-sm"})
    )
    period = forms.CharField(label="考核期", help_text="月度 2026-10，半年 2026-H1 / 2026-H2，年度 2026", max_length=7)


class AdjustmentForm(forms.ModelForm):
    class Meta:
        model = Adjustment
        fields = ["region", "department", "enterprise", "occurred_on", "points", "reason", "evidence"]
        widgets = {"occurred_on": DATE_INPUT}
        help_texts = {"points": "加分写正数，减分写负数。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(is_ranked=True)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        self.fields["enterprise"].queryset = Enterprise.objects.all()
