from django.db import DatabaseError


class BrokenConnection:
    def cursor(self):
        raise DatabaseError("down")


def test_healthz_answers_200_when_the_database_answers(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "ok"


def test_healthz_answers_503_when_the_database_does_not(db, client, monkeypatch):
    monkeypatch.setattr("keyprojects.core.views.connection", BrokenConnection())
    assert client.get("/healthz").status_code == 503
