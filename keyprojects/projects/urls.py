from django.urls import path

from keyprojects.projects.views import entries, imports, leaders, projects, taxonomy

app_name = "projects"

urlpatterns = [
    path("", projects.project_list, name="list"),
    path("export.xlsx", projects.project_export, name="export"),
    path("new/", projects.project_create, name="create"),
    path("<int:pk>/", projects.project_detail, name="detail"),
    path("<int:pk>/edit/", projects.project_edit, name="edit"),
    path("<int:pk>/entries/new/", entries.entry_add, name="entry_add"),
    path("entries/<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/remove/", entries.entry_remove, name="entry_remove"),
    path("entries/<int:pk>/milestones/", entries.milestones_edit, name="milestones_edit"),
    path("import/", imports.import_projects, name="import"),
    path("import/template.xlsx", imports.import_template, name="import_template"),
    path("taxonomy/", taxonomy.taxonomy, name="taxonomy"),
    path("taxonomy/<kind>/new/", taxonomy.taxonomy_add, name="taxonomy_add"),
    path("leaders/", leaders.leader_list, name="leader_list"),
    path("leaders/new/", leaders.leader_form, name="leader_create"),
    path("leaders/<int:pk>/", leaders.leader_detail, name="leader_detail"),
    path("leaders/<int:pk>/edit/", leaders.leader_form, name="leader_edit"),
    path("task-forces/", leaders.task_force_list, name="task_force_list"),
    path("task-forces/new/", leaders.task_force_form, name="task_force_create"),
    path("task-forces/<int:pk>/", leaders.task_force_detail, name="task_force_detail"),
    path("task-forces/<int:pk>/edit/", leaders.task_force_form, name="task_force_edit"),
]
