"""The API process of the benchmark: relgraph's own app under uvicorn, plus one stats route.

bench/run.py starts this as a separate process (so that its memory is the API's alone), on
127.0.0.1 and a free port, against the engine the benchmark loaded:

    python bench/api_server.py --port 8123      # settings from RELGRAPH_* (data dir or Neo4j)

`GET /_bench/stats` answers how many database statements the app's store has run so far and the
process's peak RSS; it runs no statement itself, so a difference around one request is that
request's statement count. Stopped by SIGTERM from bench/run.py.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path
from typing import Any


def peak_rss_bytes() -> int:
    """The process's resident-set high-water mark (VmHWM on Linux, ru_maxrss elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS reports bytes, Linux KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    import uvicorn

    from relgraph.api.app import create_app
    from relgraph.config import Settings
    from relgraph.store import open_store

    settings = Settings()
    store = open_store(settings)
    app = create_app(settings, store=store)

    def stats() -> dict[str, Any]:
        return {"statements_run": store.statements_run, "peak_rss_bytes": peak_rss_bytes()}

    app.add_api_route("/_bench/stats", stats, methods=["GET"])
    try:
        uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning",
                    access_log=False)
    finally:
        store.close()


if __name__ == "__main__":
    main()
