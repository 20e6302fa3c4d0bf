"""The Jinja environment the page templates render in, and the page a template makes.

One template a page type (generator/site/templates/, overridable from
theme/cocreate/), autoescaped; text people typed goes through
`usertext.render_user_markdown`. The templates' filters say things in the
portal's language (`status_name`, `day`, `number`…).

Pages that grow with the portal (ideas, people, galleries, leaderboards)
keep only their headings in Markdown, so the theme still builds their table
of contents, and write everything else as HTML in `{% filter html %}`
blocks. Each block is set aside as a fragment, leaving a comment that
Markdown passes through untouched, and the fragment takes the comment's
place once the page is converted: Markdown never reparses HTML that is
already final. The HTML served is the same bytes either way; a 1,000-idea
portal builds 20–50 % faster with the markers (README, Performance). User
text cannot forge a marker, because autoescaping turns every `<` it holds
into `&lt;`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from markdown.extensions.toc import slugify
from markupsafe import Markup

from generator.contest.people import ACTIVE_VOTER_CHALLENGES
from generator.contest.words import (
    reason_name,
    segment_name,
    stage_name,
    status_name,
    via_name,
    wait_name,
)
from generator.i18n import Language, language
from generator.site.standpoint import SET_ASIDE
from generator.site.template_cache import cache_compiled
from generator.site.usertext import render_user_markdown

TEMPLATES = Path(__file__).parent / "templates"
MARKER = "<!--cocreate:html:{}-->"
MARKERS = re.compile(r"<!--cocreate:html:(\d+)-->")
# The characters Python-Markdown lets a backslash escape, but for `>`: autoescaping turns it
# into an entity, which Markdown never reads as a quote.
MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+\-.!]")


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: its source path, its Markdown, and the file it is edited in.

    `fragments` are the page's HTML blocks, put back by `fill` once the
    Markdown is converted; `searchable` is False for pages the search leaves out,
    `in_nav` False for pages the navigation leaves out (every idea and person: the
    navigation is rendered into every page, so N of them in it would cost O(N²)).
    """

    path: str
    markdown: str
    edit_path: str | None = None
    fragments: tuple[str, ...] = ()
    searchable: bool = True
    in_nav: bool = True

    def fill(self, text: str) -> str:
        """`text` (the converted page, or its Markdown) with each marker replaced by its HTML."""
        if not self.fragments:
            return text
        return MARKERS.sub(lambda marker: self.fragments[int(marker[1])], text)

    def source(self) -> str:
        """The whole page as one Markdown text with its HTML in place: what the golden files pin."""
        return self.fill(self.markdown)


def page_url(path: str) -> str:
    """The directory URL a page's source path is served at: `a/b.md` → `a/b/`."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def make_environment(overrides: Path | None = None,
                     lang: Language | None = None) -> jinja2.Environment:
    """Templates from the portal's theme/cocreate/ first, then the generator's own.

    Templates write their messages as `{{ _("…") }}` or `{% trans %}`, in `lang`.
    """
    lang = lang or language("en")
    folders = [str(overrides)] if overrides and overrides.is_dir() else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(TEMPLATES)]),
        autoescape=True,
        auto_reload=False,  # one build renders thousands of pages from the same templates
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
    )
    environment.policies["ext.i18n.trimmed"] = True  # a message is its words, not its line breaks
    # The extension's newstyle mode shapes `{% trans %}`; its callables give way to ours.
    environment.install_gettext_translations(lang.translations, newstyle=True)  # type: ignore[attr-defined]
    environment.globals.update(template_messages(lang))
    environment.globals["lang"] = lang
    environment.globals["active_voter_challenges"] = ACTIVE_VOTER_CHALLENGES
    environment.filters["usermd"] = render_user_markdown
    environment.filters["md"] = escape_markdown
    environment.filters["day"] = lang.day
    environment.filters["number"] = lang.number
    environment.filters["percent"] = lang.percent
    environment.filters["month"] = lang.month
    environment.filters["status_name"] = functools.partial(status_name, lang)
    environment.filters["stage_name"] = functools.partial(stage_name, lang)
    environment.filters["segment_name"] = functools.partial(segment_name, lang)
    environment.filters["reason_name"] = functools.partial(reason_name, lang)
    environment.filters["via_name"] = functools.partial(via_name, lang)
    environment.filters["moment"] = lang.moment
    environment.filters["join_words"] = lambda items, style="standard": Markup(lang.join(
        [str(markupsafe.escape(item)) for item in items], style))
    environment.filters["anchor"] = lambda heading: slugify(str(heading), "-")
    environment.filters["mention"] = lambda login: f"@{login}"
    environment.filters["wait_name"] = functools.partial(wait_name, lang)
    environment.filters["html"] = set_aside_html
    environment.tests["set_aside"] = lambda status: status in SET_ASIDE  # `is set_aside`
    cache_compiled(environment)
    return environment


def escape_markdown(text: str) -> str:
    """One-line text people typed, for a Markdown heading or list: every character Markdown
    would read as syntax is backslash-escaped, so a title cannot make a link or emphasis.
    (Autoescaping then takes care of HTML.)"""
    return MARKDOWN_SYNTAX.sub(r"\\\g<0>", str(text))


def local_day(lang: Language, zone: tzinfo, value: date | datetime) -> str:
    """`value`'s day in `zone`, in words: a plain day stays as written."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(zone)
    return lang.day(value)


def template_messages(lang: Language) -> dict[str, Callable[..., Markup]]:
    """`_`, `gettext`, `ngettext` and `pgettext` for templates, as Jinja's newstyle ones work.

    The message, translated once and cached, is trusted markup; the values put into it are
    escaped. Jinja's own callables do the same but pass the template context through two
    calls each, which a large portal pays for a hundred thousand times.
    """
    translations = lang.translations

    @functools.cache
    def translated(message: str) -> Markup:
        return Markup(translations.gettext(message))

    def gettext(message: str, /, **values: Any) -> Markup:
        return translated(message) % values

    def ngettext(singular: str, plural: str, count: int, /, **values: Any) -> Markup:
        values.setdefault("num", count)
        return Markup(translations.ngettext(singular, plural, count)) % values

    def pgettext(context: str, message: str, /, **values: Any) -> Markup:
        return Markup(translations.pgettext(context, message)) % values

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext}


@jinja2.pass_context
def set_aside_html(context: jinja2.runtime.Context, html: str) -> Markup:
    """`{% filter html %}…{% endfilter %}`: keep the block out of Markdown, leave its marker."""
    fragments: list[str] = context["fragments"]
    fragments.append(str(html).strip("\n"))
    return Markup(MARKER.format(len(fragments) - 1) + "\n")
