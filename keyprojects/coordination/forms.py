from django import forms

from keyprojects.accounts.models import Department
from keyprojects.coordination.models import CalendarDay, Meeting, Problem, Procedure, Visit
from keyprojects.projects.models import Leader, Project

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProblemEditForm(forms.ModelForm):
    """Correcting how a problem was written down; the department, deadline and state change by their own steps."""

    class Meta:
        model = Problem
        fields = ["category", "description", "responsible_leader"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = [
            "project",
            "category",
            "description",
            "lead_department",
            "co_departments",
            "responsible_leader",
            "limit_days",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "co_departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user)
        self.fields["lead_department"].queryset = Department.objects.filter(is_active=True)
        self.fields["co_departments"].queryset = Department.objects.filter(is_active=True)
        self.fields["responsible_leader"].queryset = Leader.objects.all()


class ProcedureForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = [
            "project",
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
        widgets = {"applied_on": DATE_INPUT, "approved_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "chair", "attendees", "minutes"]
        widgets = {
            "date": DATE_INPUT,
            "attendees": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["leader", "project", "date", "findings"]
        widgets = {"date": DATE_INPUT, "findings": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user)


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "is_workday", "note"]
        widgets = {"date": DATE_INPUT}
