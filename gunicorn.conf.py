"""gunicorn settings for production; `gunicorn iop_site.wsgi` reads this file from the project root.

Every value can be overridden on the command line or with the environment variables named here.
"""

import multiprocessing
import os

# Loopback only, unless told otherwise: visitors reach the app through nginx (deploy/), which holds
# off slow clients; gunicorn on its own cannot. Set GUNICORN_BIND (e.g. a private address
# 10.0.0.5:8000) when the proxy runs on another machine. PORT is honoured, as gunicorn does.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# The usual rule (2 x cores + 1) gives 5 processes on a 2-core server. A few threads per process
# cover requests that wait on PostgreSQL or Redis without the memory of more processes.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))

timeout = 30
graceful_timeout = 20
keepalive = 5
# No max_requests: recycling a worker stalls its queue for the ~0.3 s a Django import takes, which
# showed as p99 spikes of 200-400 ms in `make bench`, and worker memory stays flat (about 54 MB).

# Django trusts X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER), so the proxy must set it on every
# request, replacing whatever the client sent. gunicorn itself trusts forwarded headers only from
# these addresses: list the proxy's.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No access log by default: visitors' addresses and visited pages on a health site are not ours
# to keep. Errors still go to stderr.
accesslog = None
errorlog = "-"
