"""Bytes to text, refusing what is not text.

Encoding policy (documented in the README): strict UTF-8 first (a BOM is dropped). When at most
1% of the bytes are invalid UTF-8 the text is decoded with U+FFFD replacement characters and the
document is flagged ``invalid_utf8_replaced``; above that the record is rejected as
``invalid_encoding`` rather than guessed, because a wrong guess silently corrupts names.
"""

from __future__ import annotations

from eventbuilder.errors import InputError

MAX_INVALID_SHARE = 0.01
_SNIFF_BYTES = 8192
# Control characters other than tab, newline, carriage return, form feed, vertical tab, escape.
_CONTROL = set(range(32)) - {9, 10, 11, 12, 13, 27}


def check_not_binary(data: bytes) -> None:
    """Reject data that is evidently not text: NUL bytes or many control characters."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise InputError("binary", "file contains NUL bytes: binary, not text")
    controls = sum(byte in _CONTROL for byte in head)
    if head and controls / len(head) > 0.05:
        raise InputError("binary", f"{controls} control bytes in the first {len(head)}: binary, not text")


def decode_text(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode ``data``; return the text and the quality flags raised."""
    check_not_binary(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    invalid = _count_invalid_utf8(data)
    if invalid / max(len(data), 1) > MAX_INVALID_SHARE:
        raise InputError(
            "invalid_encoding",
            f"{invalid} of {len(data)} bytes are not valid UTF-8 (more than {MAX_INVALID_SHARE:.0%}); "
            "re-save the file as UTF-8",
        )
    return data.decode("utf-8", errors="replace"), ("invalid_utf8_replaced",)


def _count_invalid_utf8(data: bytes) -> int:
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")


def decode_declared(data: bytes, charset: str | None) -> tuple[str, tuple[str, ...]]:
    """Decode bytes whose charset is declared (an HTTP ``Content-Type``): valid UTF-8 as such; else
    the declared charset when it decodes the bytes strictly (a declaration is not a guess); else
    the policy of :func:`decode_text`."""
    import codecs

    check_not_binary(data)
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            return data.decode(codecs.lookup(charset).name), ("declared_charset",)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)
