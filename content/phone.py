"""North American phone numbers: check them, show them one way, and dial them."""

import re

from django.core.exceptions import ValidationError

_ALLOWED = re.compile(r"^[\d\s().+-]+$")


def normalize_phone(value):
    """Return the number as "(844) 744-8783", or raise ValidationError with a plain message."""
    value = (value or "").strip()
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if not _ALLOWED.match(value) or len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        raise ValidationError(
            "Enter a 10-digit US phone number, for example (844) 744-8783.", code="invalid_phone"
        )
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def tel_href(value):
    """The `tel:` link for a number already in our display form."""
    return "tel:+1" + re.sub(r"\D", "", value)[-10:]
