"""`cocreate doctor`: is the portal's GitHub repository set up the way the portal needs?

GitHub leaves some settings off that the portal relies on (Pages built by
Actions, Actions allowed to open pull requests), and a repository drifts from
what the portal in hand expects: another default branch, a label the issue
form applies but nobody created, forms or workflows not pushed, a workflow
GitHub switched off after weeks without activity.

The doctor reads the repository through a `SetupReader` (GET requests only;
`generator.github.api.GitHubSetupReader` is the real one) into a
`RemoteSetup`, reads what this portal expects from its own files into a
`PortalSetup`, and compares the two item by item with pure functions: each
item is ok, a note, missing (with the setting to switch on and where it is),
or could not be read (saying why, such as a token without admin rights).
"""

from __future__ import annotations

from generator.github.doctor.actions import (
    check_actions,
    check_pull_requests,
    check_tokens,
    check_workflows,
)
from generator.github.doctor.labels import check_labels
from generator.github.doctor.repository import (
    check_default_branch,
    check_forms,
    check_issues,
    check_pages,
    check_repository,
)
from generator.github.doctor.setup import Finding, PortalSetup, RemoteSetup, State
from generator.i18n import Language


def examine(remote: RemoteSetup, portal: PortalSetup, repository: str,
            lang: Language) -> list[Finding]:
    """Every item, in the order an owner would set them up."""
    return [
        *check_repository(remote, repository, lang),
        *check_issues(remote, lang),
        *check_default_branch(remote, portal, lang),
        *check_pages(remote, portal, lang),
        *check_actions(remote, portal, lang),
        *check_pull_requests(remote, portal, lang),
        *check_labels(remote, portal, lang),
        *check_forms(remote, portal, lang),
        *check_workflows(remote, portal, lang),
        *check_tokens(remote, portal, lang),
    ]


def render_report(findings: list[Finding], lang: Language) -> str:
    """The report: one line per finding, its fixes below it, and a count at the end."""
    _ = lang.gettext
    words = {state: _(state.value) for state in State}
    width = max(len(word) for word in words.values())
    lines = []
    for finding in findings:
        lines.append(f"{words[finding.state]:<{width}}  "
                     + _("%(item)s: %(text)s", item=finding.item, text=finding.text))
        lines += [f"{'':<{width}}    → {fix}" for fix in finding.fixes]
    missing = sum(finding.state is State.MISSING for finding in findings)
    unread = sum(finding.state is State.UNREAD for finding in findings)
    notes = sum(finding.state is State.NOTE for finding in findings)
    counts = []
    if missing:
        counts.append(lang.ngettext("%(count)s thing to set up", "%(count)s things to set up",
                                    missing))
    if unread:
        counts.append(lang.ngettext("%(count)s item could not be read",
                                    "%(count)s items could not be read", unread))
    if notes:
        counts.append(lang.ngettext("%(count)s note", "%(count)s notes", notes))
    lines += ["", lang.join(counts) if missing or unread else
              _("All set: the repository is ready for the portal.")
              + (f" ({counts[0]})" if counts else "")]
    return "\n".join(lines)
