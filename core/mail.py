"""Links in e-mails: a mail client has no current site, so every link is absolute, from settings.SITE_URL."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(name: str, *args: Any, **kwargs: Any) -> str:
    """The full address of the named route, e.g. `https://talentpool.example/candidates/dashboard/`."""
    return settings.SITE_URL + reverse(name, args=args or None, kwargs=kwargs or None)


MAIL_FILE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def mail_files_purge(*, addresses: set[str]) -> int:
    """Remove every stored message sent to one of `addresses` (the embedded default keeps sent mail as files in
    EMAIL_FILE_PATH; a real mail server's copies are outside this service). Returns how many were removed."""
    import email
    import email.policy
    from email.utils import getaddresses
    from pathlib import Path

    folder = getattr(settings, "EMAIL_FILE_PATH", None)
    if not folder or not settings.EMAIL_BACKEND.endswith("filebased.EmailBackend") or not addresses:
        return 0
    wanted = {a.strip().lower() for a in addresses if a}
    removed = 0
    for path in Path(folder).glob("*.log"):
        chunks = [chunk for chunk in path.read_bytes().split(MAIL_FILE_SEPARATOR) if chunk.strip()]
        kept = []
        for chunk in chunks:
            message = email.message_from_bytes(chunk, policy=email.policy.compat32)
            recipients = {
                address.lower()
                for _name, address in getaddresses(
                    [str(v) for k in ("To", "Cc", "Bcc", "Reply-To") for v in message.get_all(k, [])]
                )
            }
            if recipients & wanted:
                removed += 1
            else:
                kept.append(chunk)
        if len(kept) == len(chunks):
            continue
        if kept:
            path.write_bytes(MAIL_FILE_SEPARATOR.join(kept) + MAIL_FILE_SEPARATOR)
        else:
            path.unlink()
    return removed
