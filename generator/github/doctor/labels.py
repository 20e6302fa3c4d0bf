"""The labels, for `cocreate doctor`: checked (reading only), and created on request.

The issue forms' own label (`idea`, or `idée` in a French portal) must exist before an
idea arrives, since GitHub puts only existing labels on an issue filed with a form; the
labels the bots add GitHub creates the first time they are used, without a description.
`cocreate doctor --create-labels` creates every one of them now, in the portal's
language, with its description and colour (`generator.contest.labels`). A label made
in another language, by this portal before it switched language, is renamed instead of
duplicated: GitHub renames it on every issue that carries it, so no issue loses its
state and none gets two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from generator.contest.labels import EVERY_LABEL, STATUS_PREFIX, Label, recognise
from generator.github.doctor.setup import (
    Finding,
    PortalSetup,
    RemoteSetup,
    State,
    Unreadable,
    why_unreadable,
)
from generator.i18n import Language

# GitHub's web interface is in English only: its menus are named as it shows them.
NEW_LABEL = "Issues → Labels → New label"
CREATE_LABELS = "cocreate doctor --create-labels"


def _has(present: list[str], name: str) -> bool:
    """Whether the repository has the label `name` (GitHub compares names case aside)."""
    return any(label.casefold() == name.casefold() for label in present)


def _named(labels: list[str], lang: Language, more: list[str] | None = None) -> str:
    """Label names as code (`status: shortlisted` holds a colon and a space), joined."""
    return lang.join([f"`{label}`" for label in labels] + (more or []))


def other_language_copies(present: list[str], code: str) -> list[str]:
    """The portal's labels named in another language, whose own name here is missing."""
    copies = []
    for name in present:
        label = recognise(name)
        if label is not None and not _has(present, label.name(code)):
            copies.append(name)
    return copies


def check_labels(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    """The forms' labels must exist (GitHub skips the others); the bots' are made on first use."""
    _ = lang.gettext
    item = _("Labels")
    if isinstance(remote.labels, Unreadable):
        return [Finding(item, State.UNREAD, why_unreadable(remote.labels, lang, remote))]
    present, code = remote.labels, lang.code
    wanted = portal.form_labels
    missing = [label for label in wanted if not _has(present, label)]
    found: list[Finding] = []
    if missing:
        found.append(Finding(item, State.MISSING, lang.ngettext(
            "%(labels)s is missing: GitHub puts only existing labels on an issue filed with a "
            "form, so new ideas arrive without it",
            "%(labels)s are missing: GitHub puts only existing labels on an issue filed with a "
            "form, so new ideas arrive without them", len(missing), labels=_named(missing, lang)),
            (_("run `%(command)s`, or create %(labels)s in %(where)s", command=CREATE_LABELS,
               labels=_named(missing, lang), where=NEW_LABEL),)))
    elif wanted:
        found.append(Finding(item, State.OK, lang.ngettext(
            "%(labels)s, which the issue forms apply, exists",
            "%(labels)s, which the issue forms apply, exist", len(wanted),
            labels=_named(wanted, lang))))
    copies = other_language_copies(present, code)
    if copies:
        found.append(Finding(item, State.NOTE, lang.ngettext(
            "%(labels)s is named in another language: the bots still read it, and replace it "
            "on an issue when they next change that issue's labels",
            "%(labels)s are named in another language: the bots still read them, and replace "
            "them on an issue when they next change that issue's labels",
            len(copies), labels=_named(copies, lang)),
            (_("run `%(command)s` to rename them on every issue at once",
               command=CREATE_LABELS),)))
    renamed = {label.key for label in map(recognise, copies) if label is not None}
    later = [label.name(code) for label in EVERY_LABEL
             if not _has(present, label.name(code)) and label.name(code) not in wanted
             and label.key not in renamed]
    if later:
        statuses = [name for name in later if _is_status(name)]
        statuses = statuses if len(statuses) > 1 else []  # one is named, several summed up
        shown = _named([name for name in later if name not in statuses], lang,
                       [_("the `%(prefix)s…` labels", prefix=STATUS_PREFIX[code])]
                       if statuses else [])
        found.append(Finding(item, State.NOTE, lang.ngettext(
            "%(labels)s does not exist yet: GitHub creates it the first time the intake or "
            "the announcements add it to an issue",
            "%(labels)s do not exist yet: GitHub creates each the first time the intake or "
            "the announcements add it to an issue", len(later), labels=shown),
            (_("run `%(command)s` to create them now, with their descriptions",
               command=CREATE_LABELS),)))
    if not found:
        found.append(Finding(item, State.OK, _("every label the portal uses exists")))
    return found


def _is_status(name: str) -> bool:
    label = recognise(name)
    return label is not None and label.status is not None


# -- creating them ------------------------------------------------------------------------

@dataclass(frozen=True)
class LabelChange:
    """A label to create in the portal's language, or to rename to it from another's."""

    label: Label
    name: str
    old: str | None = None


def plan_labels(present: list[str], code: str) -> list[LabelChange]:
    """What makes every label the portal uses exist under its name in the language `code`."""
    changes = []
    for label in EVERY_LABEL:
        name = label.name(code)
        if _has(present, name):
            continue
        copies = [other for other in present if label.is_named(other)]
        changes.append(LabelChange(label, name, copies[0] if copies else None))
    return changes


class LabelMaker(Protocol):
    """The two writes `--create-labels` makes; each raises Unreadable when GitHub refuses."""

    def create_label(self, name: str, color: str, description: str) -> None: ...

    def rename_label(self, old: str, name: str, color: str, description: str) -> None: ...


def create_labels(present: list[str], maker: LabelMaker, lang: Language,
                  say: Callable[[str], None]) -> bool:
    """Create or rename every label missing, saying what was done; whether all went well."""
    _ = lang.gettext
    changes = plan_labels(present, lang.code)
    if not changes:
        say(_("every label the portal uses exists"))
    done = True
    for change in changes:
        description = change.label.describe(lang)
        try:
            if change.old is None:
                maker.create_label(change.name, change.label.color, description)
                say(_("created `%(label)s`: %(description)s", label=change.name,
                      description=description))
            else:
                maker.rename_label(change.old, change.name, change.label.color, description)
                say(_("renamed `%(old)s` to `%(label)s`, on every issue that carries it",
                      old=change.old, label=change.name))
        except Unreadable as refused:
            done = False
            say(_("could not make `%(label)s`: GitHub answered %(status)s: %(reason)s",
                  label=change.name, status=refused.status, reason=refused.message))
    return done
