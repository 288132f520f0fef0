"""Response hardening that neither Django's SecurityMiddleware nor django-csp covers."""

from csp.utils import build_policy
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import render

# OPTIONS passes through so each view can answer it (or refuse it) itself.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


def permissions_policy():
    return ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)


def static_file_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: static files get the headers pages get.

    WhiteNoise answers before django-csp and SecurityHeadersMiddleware run, so it has to be told.
    (SecurityMiddleware sits above it and still adds nosniff, HSTS and the referrer policy.)
    """
    headers["Content-Security-Policy"] = build_policy()
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["Cross-Origin-Resource-Policy"] = settings.CROSS_ORIGIN_RESOURCE_POLICY
    headers["Permissions-Policy"] = permissions_policy()
    headers["X-Content-Type-Options"] = "nosniff"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        # Django's XFrameOptionsMiddleware sits inside MethodAllowlistMiddleware and so misses
        # the 405s that never get that far.
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


class MethodAllowlistMiddleware:
    """Answer 405 to TRACE, PUT, PATCH, DELETE and any other method we never serve.

    The admin's function views treat every method that is not POST as a GET, so a per-view
    decorator is not enough. Empty 405s (from `require_safe` and friends) get our page too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ALLOWED_METHODS:
            response = self.get_response(request)
        else:
            response = HttpResponseNotAllowed(ALLOWED_METHODS)
        if response.status_code == 405 and not response.streaming and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", ", ".join(ALLOWED_METHODS))
            return page
        return response
