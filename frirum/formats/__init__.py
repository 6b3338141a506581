"""Date and number formats per language (settings.FORMAT_MODULE_PATH): one date style for
every page, PDF and history. Templates use the named formats (`|date:"DATE_FORMAT"`), never
a pattern of their own, so the month names always come from the locale."""
