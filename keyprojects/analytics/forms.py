from django import forms

from keyprojects.analytics.models import ColorRule, LetterNumbering, RankingRule


class ColorRuleForm(forms.ModelForm):
    class Meta:
        model = ColorRule
        fields = ["green_gap", "yellow_gap", "red_gap", "start_red_months"]
        help_texts = {
            "green_gap": "进度差 g 不小于此值为绿（默认 10）",
            "yellow_gap": "g 不大于此值为黄（默认 −10）；介于黄、绿之间为白",
            "red_gap": "g 小于此值为红（默认 −30）",
            "start_red_months": "新开工项目计划开工后满几个月仍未开工为红（默认 3）",
        }


class RankingRuleForm(forms.ModelForm):
    class Meta:
        model = RankingRule
        fields = [
            "ytd_completed",
            "completion_rate",
            "new_start_started",
            "start_rate",
            "completion_done",
            "completion_done_rate",
        ]


class LetterNumberingForm(forms.ModelForm):
    class Meta:
        model = LetterNumbering
        fields = ["pattern", "next_serial"]
