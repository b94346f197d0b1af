"""Per-language date and number formats that override Django's own (FORMAT_MODULE_PATH)."""
