"""Logging filters that keep visitors' answers out of log files."""

import logging


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
