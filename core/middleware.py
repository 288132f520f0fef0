"""Response hardening that neither Django's SecurityMiddleware nor django-csp covers."""

import io

from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import translation

# OPTIONS passes through so each view can answer it (or refuse it) itself.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


def permissions_policy():
    return ", ".join(f"{feature}=()" for feature in settings.IOP_PERMISSIONS_POLICY_DISABLED)


def static_file_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: static files get the headers pages get.

    WhiteNoise answers before django-csp and SecurityHeadersMiddleware run, so it has to be told.
    (SecurityMiddleware sits above it and still adds nosniff, HSTS and the referrer policy.)
    """
    headers["Content-Security-Policy"] = build_policy()
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["Cross-Origin-Resource-Policy"] = settings.IOP_CROSS_ORIGIN_RESOURCE_POLICY
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
            "Cross-Origin-Resource-Policy", settings.IOP_CROSS_ORIGIN_RESOURCE_POLICY
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


class RequestBodyLimitMiddleware:
    """Refuse file parts and oversized bodies with our 413 page before anything reaches disk.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves out file parts, which it streams to a temporary
    file however large they are. Visitors never upload files: only staff in the admin do (page
    pictures). So anyone else's body is refused unread when it says it is over the limit, and a
    file part in it stops the parse the moment it starts. Staff in the admin may send up to
    STAFF_REQUEST_MAX_BYTES. This sits after AuthenticationMiddleware (to know staff) and, like
    every middleware's `__call__`, runs before CSRF's process_view, the first code to read a body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not length and not chunked:
            return self.get_response(request)
        staff = request.path_info.startswith(f"/{settings.IOP_ADMIN_URL}") and is_staff(request)
        limit = settings.STAFF_REQUEST_MAX_BYTES if staff else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit or (chunked and not length and not read_chunked_body(request, limit)):
            # As Django itself does: logged once, then our 413 page (core.views.bad_request).
            raise RequestDataTooBig(f"Request body over {limit} bytes refused unread.")
        if not staff:
            request.upload_handlers = [RefuseFileParts()]
            if request.content_type == "multipart/form-data":
                # Parse now, whatever the view would do: a file part gets 413, not a redirect.
                request.POST  # noqa: B018 - read for its side effect
        return self.get_response(request)


class RefuseFileParts(FileUploadHandler):
    """An upload handler that takes no file: the first file part ends the parse with our 413."""

    def new_file(self, *args, **kwargs):
        raise RequestDataTooBig("File parts are accepted only from staff in the admin.")

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


def declared_length(request):
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def is_staff(request):
    user = getattr(request, "user", None)
    return bool(user and user.is_active and user.is_staff)


def read_chunked_body(request, limit):
    """A chunked body has no length up front; Django would read none of it. Read it here,
    counting, and hand Django the bytes with their length, or return False past the limit."""
    stream = request.META.get("wsgi.input")
    data = stream.read(limit + 1) if stream else b""
    if len(data) > limit:
        return False
    request._stream = LimitedStream(io.BytesIO(data), len(data))
    request.META["CONTENT_LENGTH"] = str(len(data))
    return True


class LanguageFromPathMiddleware:
    """Spanish under /es/, English everywhere else, from the address and nothing more.

    Django's LocaleMiddleware would also read the Accept-Language header and a cookie and redirect
    to a prefixed address: then one address could be two pages, and caches would need to vary.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: code that runs after it on the same thread (a test, the
        # session sweeper) must not find Spanish still switched on.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
