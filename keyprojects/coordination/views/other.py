"""联审联批台账, 调度会议 (with minutes as Word), 调研日, and the statutory calendar the city enters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from keyprojects.accounts.decorators import perm_required
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import visible_or_404
from keyprojects.coordination import exports, selectors, services, workdays
from keyprojects.coordination.forms import CalendarDayForm, MeetingForm, ProcedureForm, VisitForm
from keyprojects.coordination.models import CalendarDay, Meeting, Procedure, Visit
from keyprojects.core.downloads import DOCX_TYPE, attachment
from keyprojects.core.forms import form_page
from keyprojects.projects.models import Project


@require_GET
@login_required
def procedure_list(request) -> HttpResponse:
    procedures = Procedure.objects.visible_to(request.user).select_related("project", "department")
    if request.GET.get("format") == "xlsx":
        return attachment(exports.procedures_xlsx(procedures), "联审联批台账.xlsx")
    today = timezone.localdate()
    procedures = list(procedures)
    calendar = workdays.WorkCalendar.covering((p.applied_on, p.approved_on or today) for p in procedures)
    rows = [
        {
            "procedure": p,
            "elapsed": calendar.working_days_between(p.applied_on, p.approved_on or today) if p.applied_on else None,
        }
        for p in procedures
    ]
    context = {
        "rows": rows,
        "overdue": selectors.overdue_procedures(request.user),
        "statistics": selectors.procedure_statistics(request.user, today),
        "chains": selectors.procedure_chains(request.user, today),
        "can_edit": has_perm(request.user, Perm.ASSIGN_PROBLEMS),
    }
    return render(request, "coordination/procedure_list.html", context)


@perm_required(Perm.ASSIGN_PROBLEMS)
def procedure_form(request, pk: int | None = None) -> HttpResponse:
    instance = (
        visible_or_404(Procedure.objects.visible_to(request.user), request.user, f"手续 {pk}", pk=pk) if pk else None
    )
    initial = {"project": request.GET.get("project")} if request.GET.get("project") else {}
    form = ProcedureForm(request.POST or None, instance=instance, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.procedure_save(by=request.user, procedure=form.instance)
        messages.success(request, "已保存审批手续。")
        return redirect("coordination:procedures")
    return form_page(request, form, "登记审批手续", "coordination:procedures")


@require_GET
@perm_required(Perm.VIEW_MEETINGS)
def meeting_list(request) -> HttpResponse:
    return render(
        request,
        "coordination/meeting_list.html",
        {"meetings": Meeting.objects.all()[:100], "can_edit": has_perm(request.user, Perm.ASSIGN_PROBLEMS)},
    )


@perm_required(Perm.ASSIGN_PROBLEMS)
def meeting_create(request) -> HttpResponse:
    form = MeetingForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(by=request.user, **form.cleaned_data)
        messages.success(request, "已建立会议，议题已从逾期、升级问题和红色项目中带出。")
        return redirect("coordination:meeting", pk=meeting.pk)
    return form_page(request, form, "安排调度会议", "coordination:meetings")


@perm_required(Perm.VIEW_MEETINGS)
def meeting_detail(request, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    can_edit = selectors.may_edit_meeting(request.user, meeting)
    if request.method == "POST" and not can_edit:
        raise services.meeting_refusal(request.user, meeting)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk)) if can_edit else None
    if request.method == "POST" and form.is_valid():
        services.meeting_update(by=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, "已保存会议纪要。")
        return redirect("coordination:meeting", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "problems": meeting.agenda_problems.visible_to(request.user).select_related("project", "lead_department"),
        "projects": meeting.agenda_projects.visible_to(request.user),
        "items": meeting.assigned_items.visible_to(request.user).select_related("lead_department"),
    }
    return render(request, "coordination/meeting_detail.html", context)


@require_GET
@perm_required(Perm.VIEW_MEETINGS)
def meeting_minutes(request, pk: int) -> HttpResponse:
    from keyprojects.analytics.documents import chinese_date, render_docx

    meeting = get_object_or_404(Meeting, pk=pk)
    context = {
        "title": meeting.title,
        "date": chinese_date(meeting.date),
        "chair": meeting.chair,
        "attendees": meeting.attendees,
        "minutes": meeting.minutes,
        "items": [
            {
                "project": i.project.name,
                "description": i.description,
                "department": str(i.lead_department),
                "deadline": chinese_date(i.deadline) if i.deadline else f"签收后{i.limit_days}个工作日",
            }
            for i in meeting.assigned_items.visible_to(request.user).select_related("project")
        ],
    }
    return attachment(render_docx("minutes", context), f"{meeting.title}纪要.docx", DOCX_TYPE)


@require_GET
@login_required
def visit_list(request) -> HttpResponse:
    visits = Visit.objects.filter(project__in=Project.objects.visible_to(request.user))
    return render(
        request,
        "coordination/visit_list.html",
        {
            "visits": visits.select_related("leader", "project")[:200],
            "can_edit": has_perm(request.user, Perm.ASSIGN_PROBLEMS),
        },
    )


@perm_required(Perm.ASSIGN_PROBLEMS)
def visit_create(request) -> HttpResponse:
    form = VisitForm(request.POST or None, user=request.user, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        visit = services.visit_create(by=request.user, **form.cleaned_data)
        messages.success(request, "已登记调研。调研发现的问题可在问题清单中交办。")
        return redirect(f"/coordination/problems/new/?project={visit.project_id}")
    return form_page(request, form, "登记调研", "coordination:visits")


@perm_required(Perm.MANAGE_PERIODS)
def calendar(request) -> HttpResponse:
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "已录入。")
        return redirect("coordination:calendar")
    year = timezone.localdate().year + 1
    context = {
        "form": form,
        "days": CalendarDay.objects.all(),
        "next_year": year,
        "next_known": workdays.calendar_known(year),
    }
    return render(request, "coordination/calendar.html", context)
