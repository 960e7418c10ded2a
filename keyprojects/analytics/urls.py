from django.urls import path

from keyprojects.analytics.views import colors, documents, stats

app_name = "analytics"

urlpatterns = [
    path("", stats.stats, name="stats"),
    path("list/<str:kind>/", stats.projects_list, name="list"),
    path("colors/", colors.colors, name="colors"),
    path("colors/<int:pk>/override/", colors.color_override, name="color_override"),
    path("colors/rule/<int:year>/", colors.color_rule, name="color_rule"),
    path("ranking/", colors.ranking_page, name="ranking"),
    path("ranking/rule/<int:year>/", colors.ranking_rule, name="ranking_rule"),
    path("ranking/<str:code>/", colors.ranking_region, name="ranking_region"),
    path("bulletin/", documents.bulletin, name="bulletin"),
    path("letters/", documents.letters, name="letters"),
    path("letters/issue/", documents.letters_issue, name="letters_issue"),
    path("letters/numbering/<int:year>/", documents.letter_numbering, name="letter_numbering"),
    path("letters/<int:pk>/docx/", documents.letter_docx, name="letter_docx"),
    path("letters/<int:pk>/reply/", documents.letter_reply, name="letter_reply"),
]
