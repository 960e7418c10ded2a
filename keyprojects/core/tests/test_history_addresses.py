"""An object's history page: a crafted address answers 404, never a server error."""

import pytest

from keyprojects.core.views import HISTORY_MODELS


@pytest.mark.parametrize("model", sorted(HISTORY_MODELS))
@pytest.mark.parametrize("pk", ["abc", "1.5", "-", "99999999999999999999999"])
def test_a_history_address_with_a_bad_key_answers_404(people, client_for, model, pk):
    response = client_for("city").get(f"/history/{model}/{pk}/")
    assert response.status_code == 404


def test_a_history_address_of_a_model_without_history_answers_404(people, client_for):
    assert client_for("city").get("/history/core.changelogentry/1/").status_code == 404
