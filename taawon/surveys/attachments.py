"""What a submission's attachment may be: its type named by its extension, its content
checked against that type by its first bytes, its size bounded. No database; the reasons in
the reader's language (a designer reads them on the media page)."""

from __future__ import annotations

import os

from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _ftyp(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


def _text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character cut at the end of the sample is still text.
        try:
            head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


# extension -> (media type, check of the first bytes)
TYPES: dict[str, tuple[str, object]] = {
    ".jpg": ("image/jpeg", lambda h: h.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda h: h.startswith(b"\xff\xd8\xff")),
    ".png": ("image/png", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n")),
    ".webp": ("image/webp", lambda h: h.startswith(b"RIFF") and h[8:12] == b"WEBP"),
    ".mp3": ("audio/mpeg", lambda h: h.startswith(b"ID3") or h[:2] in (b"\xff\xfb", b"\xff\xf3")),
    ".m4a": ("audio/mp4", _ftyp),
    ".mp4": ("video/mp4", _ftyp),
    ".3gp": ("video/3gpp", _ftyp),
    ".amr": ("audio/amr", lambda h: h.startswith(b"#!AMR")),
    ".ogg": ("audio/ogg", lambda h: h.startswith(b"OggS")),
    ".wav": ("audio/wav", lambda h: h.startswith(b"RIFF") and h[8:12] == b"WAVE"),
    ".webm": ("video/webm", lambda h: h.startswith(b"\x1a\x45\xdf\xa3")),
    ".pdf": ("application/pdf", lambda h: h.startswith(b"%PDF-")),
    ".csv": ("text/csv", _text),
    ".txt": ("text/plain", _text),
    ".geojson": ("application/geo+json", _text),
}


def check(name: str, content: bytes, *, limit: int = MAX_ATTACHMENT_BYTES) -> tuple[str, str]:
    """(media type, "") for an acceptable file, or ("", the reason it is refused)."""
    if not name or "/" in name or "\\" in name or name.startswith(".") or len(name) > 255:
        return "", _("The file name is not acceptable.")
    if len(content) > limit:
        return "", _("%(name)s is larger than %(megabytes)s MB.") % {
            "name": name,
            "megabytes": limit // (1024 * 1024),
        }
    extension = os.path.splitext(name)[1].lower()
    known = TYPES.get(extension)
    if known is None:
        return "", _("%(name)s: files of this type are not accepted.") % {"name": name}
    media_type, matches = known
    if not matches(content[:64]):  # type: ignore[operator]
        return "", _("%(name)s: the content is not what its type says.") % {"name": name}
    return media_type, ""
