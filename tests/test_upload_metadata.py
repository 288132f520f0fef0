"""Uploaded pictures: multi-picture JPEGs are accepted, and nothing but pixels survives."""

import io
import struct

import pytest
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from content import images
from content.models import Page

from .staff_helpers import page_form_data, upload

SECRET = b"Jane Doe at 12 Elm Street"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>' + SECRET + b"</dc:creator></x:xmpmeta>"


def exif_bytes():
    exif = Image.Exif()
    exif[0x013B] = SECRET.decode()  # Artist
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 1  # Orientation
    return exif.tobytes()


def with_iptc(jpeg):
    """Insert a Photoshop APP13 segment holding an IPTC caption right after the start marker."""
    record = b"\x1c\x02\x78" + struct.pack(">H", len(SECRET)) + SECRET
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def jpeg_segments(data):
    """The marker bytes of every segment before the picture data starts."""
    assert data[:2] == b"\xff\xd8"
    position, markers = 2, []
    while True:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the pixels follow
            return markers
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length


def png_chunks(data):
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunks.append(data[position + 4 : position + 8].decode("ascii"))
        position += 12 + length
    return chunks


def photo(size=(300, 200), color=(200, 120, 40)):
    return Image.new("RGB", size, color)


def jpeg_full_of_metadata():
    buffer = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo().save(buffer, "JPEG", exif=exif_bytes(), comment=SECRET, xmp=XMP, icc_profile=profile)
    return with_iptc(buffer.getvalue())


def mpo(frames=2):
    buffer = io.BytesIO()
    first, *others = [photo(color=(40 * n, 100, 160)) for n in range(frames)]
    first.save(buffer, "MPO", save_all=True, append_images=others, exif=exif_bytes())
    return buffer.getvalue()


def test_the_sample_jpeg_really_carries_every_kind_of_metadata():
    data = jpeg_full_of_metadata()
    markers = jpeg_segments(data)
    assert {0xE1, 0xE2, 0xED, 0xFE} <= set(markers)  # EXIF/XMP, ICC, IPTC, comment
    assert data.count(SECRET) == 4


def test_no_metadata_survives_reencoding_a_jpeg():
    cleaned = images.reencode_upload(upload("photo.jpg", jpeg_full_of_metadata())).read()
    assert SECRET not in cleaned
    assert b"PhoneMaker" not in cleaned
    # Only the JFIF header, tables and frame remain: no APP1 (EXIF, XMP), APP2 (ICC),
    # APP13 (IPTC) or COM segment.
    assert not {0xE1, 0xE2, 0xED, 0xFE} & set(jpeg_segments(cleaned))
    with Image.open(io.BytesIO(cleaned)) as result:
        assert not {"exif", "xmp", "comment", "icc_profile", "photoshop"} & set(result.info)
        assert result.getpixel((10, 10)) == pytest.approx((200, 120, 40), abs=4)


def test_no_text_chunks_survive_reencoding_a_png():
    info = PngInfo()
    info.add_text("Author", SECRET.decode())
    info.add_text("Comment", SECRET.decode(), zip=True)
    info.add_itxt("Description", SECRET.decode(), lang="en")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    photo().save(buffer, "PNG", pnginfo=info, exif=exif_bytes())
    original = buffer.getvalue()
    assert {"tEXt", "zTXt", "iTXt", "eXIf"} <= set(png_chunks(original))

    cleaned = images.reencode_upload(upload("drawing.png", original)).read()
    assert SECRET not in cleaned
    assert not {"tEXt", "zTXt", "iTXt", "eXIf", "iCCP"} & set(png_chunks(cleaned))


def test_no_metadata_survives_reencoding_a_webp():
    buffer = io.BytesIO()
    photo().save(buffer, "WEBP", exif=exif_bytes(), xmp=XMP)
    cleaned = images.reencode_upload(upload("photo.webp", buffer.getvalue())).read()
    assert SECRET not in cleaned
    assert b"EXIF" not in cleaned and b"XMP " not in cleaned


def test_a_multi_picture_jpeg_is_saved_as_its_first_picture():
    data = mpo(frames=3)
    with Image.open(io.BytesIO(data)) as original:
        assert (original.format, original.n_frames) == ("MPO", 3)
    cleaned = images.reencode_upload(upload("IMG_0001.JPG", data))
    assert cleaned.name.endswith(".jpg")
    body = cleaned.read()
    assert SECRET not in body
    with Image.open(io.BytesIO(body)) as result:
        assert result.format == "JPEG"
        assert getattr(result, "n_frames", 1) == 1
        assert result.getpixel((5, 5)) == pytest.approx((0, 100, 160), abs=4)


@pytest.mark.django_db
def test_staff_can_upload_a_phone_cameras_multi_picture_jpeg(staff_client, client, media_root):
    page = Page.objects.get(slug="what-is-iop")
    form = page_form_data(
        staff_client,
        page,
        image=upload("IMG_0001.JPG", mpo()),
        image_alt="A quiet room with two chairs.",
    )
    response = staff_client.post(f"/admin/content/page/{page.pk}/change/", form)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.image.name.endswith(".jpg")
    stored = (media_root / page.image.name).read_bytes()
    assert SECRET not in stored
    with Image.open(io.BytesIO(stored)) as result:
        assert result.format == "JPEG"
