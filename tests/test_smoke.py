def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_home_for_staff(staff_client):
    response = staff_client.get("/")
    assert response.status_code == 200
