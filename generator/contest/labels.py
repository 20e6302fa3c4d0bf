"""The labels the portal puts on issues, named once here, in every language.

The issue forms apply `idea`; the intake adds `needs-changes` while an idea lacks
something; the announcements set one `status: …` label. Each has a name in each of the
portal's languages (`idée`, `à compléter`, `statut : présélectionnée` in a French portal),
and `cocreate doctor --create-labels` creates them with a description and a colour.

The names are written out here rather than taken from the message catalogs: a label's
name is what GitHub stores on every issue that carries it, so a retranslation must not
rename it behind the issues' backs. Every part that reads labels recognises a label
in whichever language it was made (GitHub compares names case aside), so a portal that
switches language neither loses its issues' states nor gives one issue two of them:
the bots replace another language's copy as they touch an issue, and the doctor can
rename it on every issue at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.contest.words import status_name
from generator.i18n import LANGUAGES, N_, Language
from generator.models.common import Status


@dataclass(frozen=True)
class Label:
    """One label the portal uses: its name in each language, what it means, its colour."""

    key: str
    names: dict[str, str]  # language code → name
    description: str  # an English message, translated when the label is created
    color: str  # six hex digits, as GitHub takes it
    status: Status | None = None

    def name(self, code: str) -> str:
        """The label's name in the portal's language."""
        return self.names[code]

    def describe(self, lang: Language) -> str:
        """What the label means, in the portal's language, as GitHub shows it beside it."""
        if self.status is not None:
            return lang.gettext(self.description, status=status_name(lang, self.status))
        return lang.gettext(self.description)

    def is_named(self, name: str) -> bool:
        """Whether `name` is this label in any language (GitHub ignores case in names)."""
        return any(name.casefold() == own.casefold() for own in self.names.values())


IDEA = Label("idea", {"en": "idea", "es": "idea", "fr": "idée"},
             N_("An idea for one of the portal's challenges, filed with its issue form"),
             "0e7490")
NEEDS_CHANGES = Label(
    "needs-changes", {"en": "needs-changes", "es": "necesita cambios", "fr": "à compléter"},
    N_("The portal asks for a change before it can file this idea"), "d93f0b")

STATUS_PREFIX = {"en": "status: ", "es": "estado: ", "fr": "statut : "}
STATUS_WORDS = {
    Status.SUBMITTED: ({"en": "submitted", "es": "enviada", "fr": "soumise"}, "55606e"),
    Status.PUBLISHED: ({"en": "published", "es": "publicada", "fr": "publiée"}, "1a6b3c"),
    Status.SHORTLISTED: ({"en": "shortlisted", "es": "preseleccionada",
                          "fr": "présélectionnée"}, "8a4b08"),
    Status.PILOTING: ({"en": "piloting", "es": "en piloto", "fr": "en test"}, "5b3a94"),
    Status.IMPLEMENTED: ({"en": "implemented", "es": "implantada", "fr": "mise en œuvre"},
                         "0b5394"),
    Status.DECLINED: ({"en": "declined", "es": "rechazada", "fr": "refusée"}, "a12a2a"),
    Status.DUPLICATE: ({"en": "duplicate", "es": "duplicada", "fr": "doublon"}, "55606e"),
    Status.WITHDRAWN: ({"en": "withdrawn", "es": "retirada", "fr": "retirée"}, "55606e"),
}
STATUS_LABELS = {
    status: Label(f"status: {status.value}",
                  {code: STATUS_PREFIX[code] + words[code] for code in LANGUAGES},
                  N_("The idea's status on the portal: %(status)s"), color, status)
    for status, (words, color) in STATUS_WORDS.items()
}
EVERY_LABEL = (IDEA, NEEDS_CHANGES, *STATUS_LABELS.values())


def status_label(status: Status) -> Label:
    """The label of an idea's status."""
    return STATUS_LABELS[status]


def recognise(name: str) -> Label | None:
    """The portal's label that `name` is, in whichever language it was made; None if none."""
    return next((label for label in EVERY_LABEL if label.is_named(name)), None)


def carries(current: Iterable[str], label: Label) -> bool:
    """Whether an issue's labels include `label`, in any language."""
    return any(label.is_named(name) for name in current)


def relabel(current: Iterable[str], put: Iterable[str],
            take: Iterable[Label] = ()) -> tuple[set[str], set[str]]:
    """The names to add to an issue's labels (`current`) and to remove from them, so that
    it carries each name of `put` (the portal's labels in its language), and neither
    another language's copy of them nor any of `take`, in any language."""
    wanted = set(put)
    copies = [label for label in map(recognise, wanted) if label is not None]
    held = {name.casefold() for name in current}
    add = {name for name in wanted if name.casefold() not in held}
    kept = {name.casefold() for name in wanted}
    remove = {name for name in current if name.casefold() not in kept
              and any(label.is_named(name) for label in (*copies, *take))}
    return add, remove
