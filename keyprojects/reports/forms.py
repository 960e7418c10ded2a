import re

from django import forms
from django.forms.models import construct_instance

from keyprojects.core.excel.values import normalize_text
from keyprojects.projects.models import MONEY
from keyprojects.reports.choices import AttachmentKind, ProblemCategory
from keyprojects.reports.models import TEXT_MAX_LENGTH, Period, Report

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


# Plain digits, or digits grouped in threes by commas, with an optional decimal part: 1520.30, 1,520.30, -5.
AMOUNT_TYPED = re.compile(r"-?(\d+|\d{1,3}(,\d{3})+)(\.\d*)?")


class AmountField(forms.DecimalField):
    """An amount in 万元 as an owner types it on a phone: `1,520.30`, `1，520.30` and full-width digits work;
    misplaced separators (`1,5,20.3`) and exponents (`1e3`) are refused, not guessed at."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = normalize_text(value).replace(" ", "")
            if value and not AMOUNT_TYPED.fullmatch(value):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = value.replace(",", "")
        return super().to_python(value)


TOO_LONG = "{label}不能超过 %(limit_value)d 个字（现有 %(show_value)d 个），请精简。"


class ReportForm(forms.ModelForm):
    amount = AmountField(
        label="当月完成投资（万元）",
        min_value=0,
        error_messages={
            "min_value": "当月完成投资不能为负数。",
            "invalid": "请填写金额（万元），如 1,520.30。",
            "max_digits": "金额过大，请核对单位是否为万元。",
            "max_whole_digits": "金额过大，请核对单位是否为万元。",
            "max_decimal_places": "金额最多保留 2 位小数。",
            "required": "请填写当月完成投资（万元）；本月没有完成投资的填 0。",
        },
        **MONEY,
    )

    class Meta:
        model = Report
        fields = ["amount", "progress", "stage", "actual_start", "actual_completion", "over_total_reason"]
        widgets = {
            "progress": forms.Textarea(attrs={"rows": 3}),
            "actual_start": DATE_INPUT,
            "actual_completion": DATE_INPUT,
        }
        help_texts = {"over_total_reason": "只有开工累计完成投资超过总投资时才需填写。"}
        error_messages = {"progress": {"max_length": TOO_LONG.format(label="形象进度")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new month's amount starts empty: on a phone a prefilled 0.00 gets typed after (0.001520.30).
            self.initial["amount"] = None
            self.fields["amount"].widget.attrs["placeholder"] = "如 1,520.30"

    def _post_clean(self):
        # What was typed goes onto the report; the service then validates the whole report, with the
        # project's totals (since-start against total investment), before anything is saved.
        construct_instance(self, self.instance, fields=self._meta.fields)


class ProblemForm(forms.Form):
    category = forms.ChoiceField(
        label="问题类别", choices=[("", "（不反映问题）"), *ProblemCategory.choices], required=False
    )
    description = forms.CharField(
        label="问题描述",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        error_messages={"max_length": TOO_LONG.format(label="问题描述")},
    )

    def clean(self):
        data = super().clean()
        if data.get("category") and not data.get("description", "").strip():
            self.add_error("description", "请写明问题。")
        if data.get("description", "").strip() and not data.get("category"):
            self.add_error("category", "请选择问题类别。")
        return data


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="材料类型", choices=AttachmentKind.choices)
    file = forms.FileField(label="文件（照片 JPG/PNG 或 PDF，10 MB 以内）")

    def clean_file(self):
        # Only the size here: what the file is, the service finds by decoding it (reports/evidence.py).
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(f"《{upload.name}》{upload.size / 1024 / 1024:.1f} MB，超过 10 MB 上限。")
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=200)


class PeriodForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = ["is_open", "owner_deadline", "county_deadline", "city_deadline"]
        widgets = {name: DATE_INPUT for name in ["owner_deadline", "county_deadline", "city_deadline"]}


class ReportImportForm(forms.Form):
    period = forms.RegexField(label="月份", regex=r"^\d{4}-\d{2}$", error_messages={"invalid": "月份应写成 YYYY-MM。"})
    file = forms.FileField(label="Excel 文件（.xlsx）")
