"""The interface's languages: message catalogs, and dates and numbers as each locale writes them.

Everything the generator writes for people to read (page labels, stages,
statuses, buttons, the formula's text, the comments posted on issues) is
an English message wrapped in `gettext`, `ngettext` or `{% trans %}`.
`make messages` extracts them into `generator/locales/cocreate.pot` and
merges that into each language's `.po` catalog, which translators edit.
The catalogs are read as they are, with no compiled `.mo` file to keep in step.

The portal's `language` setting chooses one; a challenge's own text may be
in any language and is shown as written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "cocreate"
LANGUAGES = ("en", "es", "fr")
# The locale dates and numbers follow: British English writes "30 June 2026".
LOCALE_OF = {"en": "en_GB", "es": "es_ES", "fr": "fr_FR"}


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Marks a message for the catalog where it is defined; translated where it is shown."""
    return message


def C_(context: str, message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Marks a message that also means something else, with the context that tells them apart."""
    return message


def catalog_file(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Language:
    """One interface language: its translations and its way with dates and numbers."""

    code: str
    translations: NullTranslations

    def gettext(self, message: str, **values: Any) -> str:
        """`message` in this language, with `%(name)s` placeholders filled from `values`."""
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: Any) -> str:
        """The singular or plural form for `count`; `%(count)s` is the count, formatted."""
        text = self.translations.ngettext(singular, plural, count)
        return text % {"count": self.number(count), **values}

    def plural_count(self, value: float) -> int:
        """A whole number that picks the same plural form as `value` (0.9 days, 1.5 jour)."""
        return 1 if self.locale.plural_form(value) == "one" else 2

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(LOCALE_OF[self.code])

    def day(self, value: date | datetime) -> str:
        """A date in words: `30 June 2026`, `30 de junio de 2026`, `30 juin 2026`.

        A date-time's own day: convert it to the portal's zone first (`Planner` does).
        """
        return format_day(value.date() if isinstance(value, datetime) else value, self.code)

    def moment(self, value: datetime) -> str:
        """A date and time: `30 June 2026, 14:05`."""
        return self.gettext("%(day)s, %(time)s", day=self.day(value),
                            time=format_time(value, "HH:mm", locale=self.locale))

    def short_day(self, value: date | datetime) -> str:
        """A date for a chart axis, its year written apart: `30 Jun`, `30 jun`, `30 juin`."""
        return format_date(value, "d MMM", locale=self.locale)

    def month(self, value: date | datetime) -> str:
        """A month in words: `March 2026`, `marzo de 2026`, `mars 2026`."""
        return format_skeleton("yMMMM", value, locale=self.locale)

    def short_month(self, value: date | datetime) -> str:
        """A month for a chart axis, its year written apart: `Mar`, `mar`, `mars`."""
        return format_date(value, "LLL", locale=self.locale)

    def number(self, value: float, decimals: int | None = None) -> str:
        """A number with the locale's grouping and decimal sign, to `decimals` places if given."""
        if decimals is None:
            if isinstance(value, int) and -1000 < value < 1000:
                return str(value)  # every locale writes these alike; a page has thousands
            return format_decimal(value, locale=self.locale)
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale)

    def join(self, items: list[str], style: Literal["standard", "or"] = "standard") -> str:
        """`A, B and C`, `A, B y C`, `A, B et C`; with style "or", `A, B or C`."""
        if len(items) < 2:  # most ideas have one author: no need to ask the locale
            return "".join(items)
        return format_list(items, style=style, locale=self.locale)

    def percent(self, value: float) -> str:
        """`0.42` → `42%`, `42 %`."""
        return format_percent(value, locale=self.locale)


@lru_cache(maxsize=4096)
def format_day(day: date, code: str) -> str:
    """A day in words in a language; a large portal shows the same days thousands of times."""
    return format_date(day, "long", locale=LOCALE_OF[code])


def read_translations(code: str) -> NullTranslations:
    """A language's catalog, compiled in memory; English is the messages themselves."""
    file = catalog_file(code)
    if code == "en" or not file.is_file():
        return NullTranslations()
    with file.open("rb") as source:
        catalog = read_po(source, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, so they show in English
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@cache
def language(code: str) -> Language:
    if code not in LANGUAGES:
        raise ValueError(f"{code!r} is not a language of the interface: choose one of "
                         + ", ".join(LANGUAGES))
    return Language(code, read_translations(code))
