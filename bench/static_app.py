"""The benchmark's ceiling: the site's pages as plain files, served by WhiteNoise and nothing else.

bench/run.py writes each page's HTML to BENCH_STATIC_ROOT/<path>/index.html (with .gz and .br
copies) and runs this under the same gunicorn command and gunicorn.conf.py as the site, so the
only difference it measures is the work our code does per request.
"""

import os

from whitenoise import WhiteNoise


def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"Not found\n"]


application = WhiteNoise(
    not_found, root=os.environ["BENCH_STATIC_ROOT"], index_file=True, autorefresh=False
)
