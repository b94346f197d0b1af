"""gunicorn settings for production: `gunicorn -c config/gunicorn.py config.wsgi:application`.

The application is loaded once in the master, which also loads the ESCO search indexes (built at deploy time by
`manage.py build_search_index`) before forking: the first request of every worker finds them ready, and the workers
share their pages instead of holding a copy each. Values come from the environment where a deployment differs.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gunicorn.arbiter import Arbiter
    from gunicorn.workers.base import Worker

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
preload_app = True
accesslog = "-"


def when_ready(server: Arbiter) -> None:
    """In the master, after the application is loaded and before the workers are forked."""
    from django.db import connections

    from taxonomy.search import indexes_warm

    try:
        sizes = indexes_warm(build_vectors=False)
        server.log.info("search indexes loaded: %s", sizes)
    except Exception as exc:  # a database not reachable yet: the workers load the indexes lazily instead
        server.log.warning("search indexes not preloaded: %s", type(exc).__name__)
    finally:
        connections.close_all()  # never share a database connection with forked workers


def post_fork(server: Arbiter, worker: Worker) -> None:
    """In each worker, before it takes a request: load the sentence model the occupation search consults for a
    paraphrase (a few seconds), so that no request waits for it. Never in the master: torch must not be forked."""
    from taxonomy.search import semantic_enabled

    if semantic_enabled():
        try:
            from taxonomy.encoder import model

            model()
        except Exception as exc:  # the search falls back to its label index without the model
            server.log.warning("sentence model not preloaded: %s", type(exc).__name__)
