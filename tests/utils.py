from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> list[str]:
    """The SQL a page runs, without the savepoints of the test's own transaction."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
