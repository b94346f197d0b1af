import pytest


@pytest.mark.django_db
def test_home_page_renders_for_anonymous_visitor(client):
    response = client.get("/?stay=1")
    assert response.status_code == 200
    assert "Talent Pool" in response.content.decode()


@pytest.mark.django_db
def test_esco_subset_is_loaded_for_tests():
    from taxonomy.models import Occupation

    assert Occupation.objects.filter(preferred_label="nurse responsible for general care").exists()
