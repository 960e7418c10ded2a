from keyprojects.core.models import ChangeLogEntry


def test_the_office_corrects_a_problems_description_and_the_change_is_logged(people, client_for):
    response = client_for("county_a").post(
        f"/coordination/problems/{people.problem_a.pk}/edit/",
        {"category": "land", "description": "临时用地手续未批，影响进场", "responsible_leader": ""},
    )
    assert response.status_code == 302
    people.problem_a.refresh_from_db()
    assert people.problem_a.description == "临时用地手续未批，影响进场"
    entry = ChangeLogEntry.objects.filter(object_id=str(people.problem_a.pk), action="update").latest("pk")
    assert entry.before["description"] == "临时用地未批"


def test_a_closed_problem_cannot_be_edited_from_the_page(people, client_for):
    people.problem_a.status = "closed"
    people.problem_a.save()
    response = client_for("city").post(
        f"/coordination/problems/{people.problem_a.pk}/edit/",
        {"category": "land", "description": "改写历史", "responsible_leader": ""},
    )
    assert "已销号的问题不能修改。" in response.content.decode()
    people.problem_a.refresh_from_db()
    assert people.problem_a.description == "临时用地未批"
