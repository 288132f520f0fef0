"""Checking, re-encoding and resizing the pictures staff upload for pages.

Every upload is decoded and written out again by Pillow, so anything hidden in or appended to the
original file (scripts, metadata, a second file glued on the end) never reaches visitors.
"""

import contextlib
import hashlib
import io
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Larger pictures are scaled down: no phone or laptop shows more than this across the article.
MAX_WIDTH = 2000
RENDITION_WIDTHS = (480, 800, 1200, 1600)
UPLOAD_DIR = "pages"

# Pillow format -> (file extension we save under, extensions staff files may have).
FORMATS = {
    "JPEG": ("jpg", {"jpg", "jpeg", "jpe", "jfif"}),
    "PNG": ("png", {"png"}),
    "WEBP": ("webp", {"webp"}),
}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
ALLOWED_HELP = "Please use a JPEG, PNG or WebP picture."
# Phone cameras write several pictures in one JPEG (MPO: a depth map or a second lens); Pillow
# reads those as their own format. We keep the first picture and save a plain JPEG.
SAME_AS = {"MPO": "JPEG"}
# The only thing read from a file that its pixels need: which palette entry is see-through.
KEPT_INFO = ("transparency",)
SRGB = ImageCms.createProfile("sRGB")


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def _extension(name):
    return PurePosixPath(name or "").suffix.lower().lstrip(".")


def _check_name(name, real_format):
    extension = _extension(name)
    real_extension, accepted = FORMATS[real_format]
    if extension not in accepted:
        raise ValidationError(
            f"This file is named “{name}”, but it is really a {real_format} picture. "
            f"Rename it to end in .{real_extension} (or save it again in the right format) "
            "and upload it again.",
            code="mislabelled",
        )


def _without_metadata(image):
    """A copy of `image` that carries its pixels and nothing else read from the file.

    Pillow writes some of what it read back out on save (a JPEG comment, XMP, a colour profile),
    so the copy starts with an empty `info`. A colour profile is applied first, so a phone's
    wide-colour photo keeps its colours as sRGB.
    """
    profile = image.info.get("icc_profile")
    if profile and image.mode in {"RGB", "RGBA", "CMYK"}:
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        # A broken profile: keep the pixels as they are.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            image = ImageCms.profileToProfile(
                image, io.BytesIO(profile), SRGB, outputMode=output_mode
            )
    clean = image.copy()
    clean.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    return clean


def _encode(image, image_format):
    """Write `image` out fresh, with no metadata carried over from the original file."""
    image = _without_metadata(image)
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif image_format == "PNG":
        if image.mode not in {"RGB", "RGBA", "L", "LA"}:
            image = image.convert("RGBA")
        image.save(buffer, "PNG", optimize=True)
    else:
        if image.mode not in {"RGB", "RGBA"}:
            image = image.convert("RGBA")
        image.save(buffer, "WEBP", quality=82, method=4)
    return buffer.getvalue()


def reencode_upload(upload):
    """Return a clean ContentFile for an uploaded picture, or raise ValidationError saying why not.

    The returned file is named after a hash of its content, with the extension of its real format.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This picture is {_megabytes(upload.size)}. The largest we accept is "
            f"{_megabytes(MAX_UPLOAD_BYTES)}. Save a smaller copy (for example 2000 pixels wide) "
            "and upload that.",
            code="too_big",
        )
    if _extension(upload.name) == "svg":
        raise ValidationError(
            "SVG drawings cannot be uploaded, because they can carry hidden code. "
            "Export the drawing as a PNG and upload that instead.",
            code="svg",
        )
    upload.seek(0)
    try:
        # A decompression bomb is a small file that unpacks into a huge picture: refuse it
        # rather than let Pillow merely warn and carry on.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=list(FORMATS)) as original:
                image_format = SAME_AS.get(original.format, original.format)
                _check_name(upload.name, image_format)
                width, height = original.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        f"This picture is {width} by {height} pixels, which is too large. "
                        f"Save a copy at most {MAX_WIDTH} pixels wide and upload that.",
                        code="too_many_pixels",
                    )
                original.seek(0)
                original.load()
                image = ImageOps.exif_transpose(original)
                if image.width > MAX_WIDTH:
                    new_height = max(1, round(image.height * MAX_WIDTH / image.width))
                    image = image.resize((MAX_WIDTH, new_height), Image.Resampling.LANCZOS)
                data = _encode(image, image_format)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ValidationError(
            "This picture is too large for the site to handle: it has more pixels than even a "
            f"big camera photo. Save a smaller copy, at most {MAX_WIDTH} pixels wide, and "
            "upload that.",
            code="bomb",
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(
            f"This file is not a picture we can use. {ALLOWED_HELP}", code="not_an_image"
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            "This picture seems damaged or cut short, so it could not be read. "
            "Open it on your computer to check it, save it again and upload the new copy.",
            code="broken",
        ) from error

    extension = FORMATS[image_format][0]
    name = f"{hashlib.sha256(data).hexdigest()[:16]}.{extension}"
    return ContentFile(data, name=name)


def rendition_name(name, width):
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w{path.suffix}"))


def rendition_widths(image_width):
    """The widths offered in srcset: the standard sizes below the picture's own, then its own."""
    return [width for width in RENDITION_WIDTHS if width < image_width] + [image_width]


def make_renditions(name, storage=default_storage):
    """Save the smaller copies of a stored picture that srcset offers (skipping ones that exist)."""
    with storage.open(name) as stored, Image.open(stored) as master:
        master.load()
        image_format = master.format
        for width in rendition_widths(master.width)[:-1]:
            target = rendition_name(name, width)
            if storage.exists(target):
                continue
            height = max(1, round(master.height * width / master.width))
            smaller = master.resize((width, height), Image.Resampling.LANCZOS)
            storage.save(target, ContentFile(_encode(smaller, image_format)))
