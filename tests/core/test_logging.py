import logging

from core.logging import JsonFormatter, ScrubPersonalDataFilter


def test_log_records_never_carry_email_addresses_or_phone_numbers():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "user %s called from %s", ("amina@example.org", "+216 22 333 444"), None
    )
    ScrubPersonalDataFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "amina@example.org" not in line and "22 333 444" not in line
    assert "[email]" in line and "[phone]" in line
