from django.urls import path

from keyprojects.coordination.views import other, problems

app_name = "coordination"

urlpatterns = [
    path("problems/", problems.problem_list, name="problems"),
    path("problems/new/", problems.problem_create, name="problem_create"),
    path("problems/<int:pk>/", problems.problem_detail, name="problem"),
    path("problems/<int:pk>/edit/", problems.problem_edit, name="problem_edit"),
    path("problems/<int:pk>/<str:action>/", problems.problem_action, name="problem_action"),
    path("raised/<int:pk>/assign/", problems.raised_assign, name="raised_assign"),
    path("procedures/", other.procedure_list, name="procedures"),
    path("procedures/new/", other.procedure_form, name="procedure_create"),
    path("procedures/<int:pk>/", other.procedure_form, name="procedure_edit"),
    path("meetings/", other.meeting_list, name="meetings"),
    path("meetings/new/", other.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", other.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes.docx", other.meeting_minutes, name="meeting_minutes"),
    path("visits/", other.visit_list, name="visits"),
    path("visits/new/", other.visit_create, name="visit_create"),
    path("calendar/", other.calendar, name="calendar"),
]
