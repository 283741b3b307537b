"""Checks on uploaded files by their content: the name and the browser's type can lie."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
IMAGE_TYPES = (PNG, JPEG)
MATERIAL_TYPES = (PDF, PNG, JPEG)

SIGNATURES = {PDF: (b"%PDF-",), PNG: (b"\x89PNG\r\n\x1a\n",), JPEG: (b"\xff\xd8\xff",)}
EXTENSIONS = {PDF: {".pdf"}, PNG: {".png"}, JPEG: {".jpg", ".jpeg"}}
PILLOW_FORMATS = {"PNG": PNG, "JPEG": JPEG}

MATERIAL_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_BYTES = 5 * 1024 * 1024
BADGE_MAX_BYTES = 1024 * 1024
BADGE_PIXELS = (32, 2000)  # smallest and largest side of a badge
PHOTO_MAX_SIDE = 8000


def _sniff(upload):
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for content_type, signatures in SIGNATURES.items():
        if head.startswith(signatures):
            return content_type
    return None


def _check_image(upload, content_type, min_side, max_side):
    try:
        with Image.open(upload) as image:
            image.verify()
            found = PILLOW_FORMATS.get(image.format)
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("This file is not a readable image.")) from error
    finally:
        upload.seek(0)
    if found != content_type:
        raise ValidationError(_("This file is not a readable image."))
    if min(width, height) < min_side or max(width, height) > max_side:
        raise ValidationError(
            _("The image must be between %(min)s and %(max)s pixels wide and high.")
            % {"min": min_side, "max": max_side}
        )


def checked_upload(upload, allowed, max_bytes, *, min_side=1, max_side=PHOTO_MAX_SIDE):
    """The content type of `upload`, after checking its size, content and name; else an error."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; at most %(max)s is allowed.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)}
        )
    content_type = _sniff(upload)
    names = ", ".join(sorted({ext for t in allowed for ext in EXTENSIONS[t]}))
    if content_type not in allowed:
        raise ValidationError(
            _("This type of file is not accepted. Allowed: %(types)s.") % {"types": names}
        )
    if Path(upload.name).suffix.lower() not in EXTENSIONS[content_type]:
        raise ValidationError(
            _("The file's name does not match its content. Allowed: %(types)s.") % {"types": names}
        )
    if content_type in IMAGE_TYPES:
        _check_image(upload, content_type, min_side, max_side)
    return content_type
