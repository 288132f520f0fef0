"""Public forms refuse file parts and oversized bodies with our 413 page, before any is stored."""

import io
import os

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client
from PIL import Image

from content.models import Page

from .staff_helpers import page_form_data, upload

BOUNDARY = "limits"
RECEIVED = []


class RecordingUploadHandler(TemporaryFileUploadHandler):
    """Django's own handler for big files (a temporary file on disk), noting what reaches it."""

    def new_file(self, *args, **kwargs):
        RECEIVED.append("new file")
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        RECEIVED.append(len(raw_data))
        return super().receive_data_chunk(raw_data, start)


@pytest.fixture
def uploads_recorded(settings, tmp_path):
    RECEIVED.clear()
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingUploadHandler"]
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return RECEIVED


def multipart(file_bytes, fields=None):
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in (fields or {}).items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="answer"; filename="big.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + file_bytes
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def post_multipart(client, path, body, **extra):
    return client.generic(
        "POST", path, body, content_type=f"multipart/form-data; boundary={BOUNDARY}", **extra
    )


def assert_our_413(response):
    assert response.status_code == 413
    html = response.content.decode()
    assert "That was too much to send" in html
    assert "(844) 744-8783" in html


@pytest.mark.django_db
def test_a_big_file_part_to_the_self_check_gets_413_and_is_never_read(uploads_recorded):
    body = multipart(os.urandom(3 * 1024 * 1024), {"who": "me"})
    response = post_multipart(Client(), "/self-check/", body)
    assert_our_413(response)
    assert uploads_recorded == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/self-check/", "/self-check/result/", "/", "/admin/login/"])
def test_a_small_file_part_to_a_public_form_gets_413_and_nothing_is_stored(uploads_recorded, path):
    response = post_multipart(Client(), path, multipart(b"x" * 4096, {"who": "me"}))
    assert_our_413(response)
    assert uploads_recorded == []


@pytest.mark.django_db
def test_a_file_part_to_the_admin_without_signing_in_gets_413(uploads_recorded):
    page = Page.objects.get(slug="what-is-iop")
    response = post_multipart(
        Client(), f"/admin/content/page/{page.pk}/change/", multipart(b"x" * 4096)
    )
    assert_our_413(response)
    assert uploads_recorded == []


def chunked_post(client, path, body, content_type="application/x-www-form-urlencoded"):
    """A body sent with Transfer-Encoding: chunked, as the WSGI server hands it on: no length."""
    return client.generic(
        "POST",
        path,
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body)},
    )


@pytest.mark.django_db
def test_a_chunked_body_over_the_limit_gets_413(settings):
    body = b"who=me&pad=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    assert_our_413(chunked_post(Client(), "/self-check/", body))


@pytest.mark.django_db
def test_a_small_chunked_body_is_read_as_usual(editor):
    body = b"username=editor&password=a-long-enough-passphrase"
    response = chunked_post(Client(), "/admin/login/?next=/admin/", body)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def noisy_jpeg(size=(900, 700)):
    """A picture that does not compress: well over the 256 KB a visitor's form may be."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.com", "a-long-enough-passphrase"
    )


@pytest.mark.django_db
def test_staff_can_still_upload_a_picture_larger_than_a_public_form(
    staff_client, media_root, settings
):
    picture = noisy_jpeg()
    assert len(picture) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    page = Page.objects.get(slug="what-is-iop")
    form = page_form_data(
        staff_client, page, image=upload("photo.jpg", picture), image_alt="Noise, for a test."
    )
    response = staff_client.post(f"/admin/content/page/{page.pk}/change/", form)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.image.name.endswith(".jpg")


@pytest.mark.django_db
def test_staff_uploads_over_the_staff_limit_get_413(staff_client, media_root, settings):
    settings.STAFF_REQUEST_MAX_BYTES = 200 * 1024
    page = Page.objects.get(slug="what-is-iop")
    form = page_form_data(
        staff_client, page, image=upload("photo.jpg", noisy_jpeg()), image_alt="Noise."
    )
    response = staff_client.post(f"/admin/content/page/{page.pk}/change/", form)
    assert_our_413(response)
    page.refresh_from_db()
    assert not page.image
