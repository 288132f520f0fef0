"""Logging filters that keep visitors' answers out of log files."""

import logging
import re


class DropTemplateContext(logging.Filter):
    """Keep "Exception while resolving variable 'x' in template 'y'", drop the traceback.

    At DEBUG, Django's template engine logs each missing variable with its exception, whose
    text is the repr of the whole template context: on the self-check pages that holds the
    visitor's answers. The variable and template names are all anyone debugging needs.
    """

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        return True


class OneLineSecurityWarning(logging.Filter):
    """Django logs each refused Host header (and other suspicious requests) at ERROR with two
    chained tracebacks. They are the client's mistake, not ours: one WARNING line without a
    traceback says all there is, and keeps a flood of such requests from flooding the log.
    """

    def filter(self, record):
        if record.name.startswith("django.security.") and record.exc_info:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
            if record.levelno > logging.WARNING:
                record.levelno = logging.WARNING
                record.levelname = logging.getLevelName(logging.WARNING)
            # The message quotes the Host header the client sent: keep it to one short line.
            message = " ".join(record.getMessage().split())
            record.msg = message[:300]
            record.args = None
        return True


class HideSelfCheckSteps(logging.Filter):
    """Log any self-check address as the self-check's start, never the step or its query.

    Django's request log names the path of every 4xx and 5xx ("Not Found: /self-check/...",
    "Request Entity Too Large: ..."), and a step's address can tell what someone answered.
    Every language's address is hidden, whichever language the thread logging it has active.
    """

    def filter(self, record):
        from core.addresses import reverse_everywhere

        starts = reverse_everywhere("screening:start")
        if not starts:
            return True  # a URL set without the self-check (some tests): nothing to hide
        message = record.getMessage()
        if any(start in message for start in starts):
            # Longest first, so /es/self-check/... keeps its /es/.
            alternatives = "|".join(re.escape(s) for s in sorted(starts, key=len, reverse=True))
            record.msg = re.sub(rf"({alternatives})\S*", r"\1", message)
            record.args = None
        return True
