"""`cocreate doctor`'s checks: one pure function per item, each comparing what
GitHub says (`RemoteSetup`) with what the portal expects (`PortalSetup`)."""

from __future__ import annotations

import fnmatch

from generator.github.doctor.setup import (
    Finding,
    PortalSetup,
    RemoteSetup,
    State,
    Unreadable,
    why_unreadable,
)
from generator.github.forms.render import OWNED
from generator.i18n import Language
from generator.portal.settings import CONFIG_FILE

# Where GitHub keeps each setting. GitHub's web interface is in English only, so
# its menus and buttons are named exactly as it shows them, in every language.
PAGES_SOURCE = "Settings → Pages → Build and deployment → Source: GitHub Actions"
ISSUES_ON = "Settings → General → Features → Issues"
DEFAULT_BRANCH = "Settings → General → Default branch"
UNARCHIVE = "Settings → General → Danger Zone → Unarchive this repository"


def check_repository(remote: RemoteSetup, repository: str, lang: Language) -> list[Finding]:
    """The repository can be read; what this token may do in it."""
    _ = lang.gettext
    item = _("Repository")
    if isinstance(remote.repository, Unreadable):
        status = remote.repository.status
        fixes = ((_("check GITHUB_TOKEN: GitHub does not know it"),) if status == 401 else
                 (_("check --repository (%(repository)s) and that the token can see it",
                    repository=repository),) if status in (403, 404) else ())
        return [Finding(item, State.UNREAD, why_unreadable(remote.repository, lang, remote,
                                                 repository_item=True), fixes)]
    if remote.repository.get("archived"):
        return [Finding(item, State.MISSING, _("archived: no workflow runs and nobody can "
                                               "open an issue"),
                        (_("unarchive it: %(where)s", where=UNARCHIVE),))]
    rights = remote.repository.get("permissions")
    if not isinstance(rights, dict):
        return [Finding(item, State.OK, _("%(repository)s can be read", repository=repository))]
    if rights.get("admin"):
        return [Finding(item, State.OK, _("%(repository)s can be read, and this token has admin "
                                          "rights: every setting can be read",
                                          repository=repository))]
    return [Finding(item, State.NOTE, _(
        "%(repository)s can be read, but this token has no admin rights: GitHub shows the "
        "Actions settings to admins only", repository=repository))]


def check_issues(remote: RemoteSetup, lang: Language) -> list[Finding]:
    _ = lang.gettext
    item = _("Issues")
    if isinstance(remote.repository, Unreadable):
        return [Finding(item, State.UNREAD, why_unreadable(remote.repository, lang, remote))]
    if remote.repository.get("has_issues"):
        return [Finding(item, State.OK, _("switched on"))]
    return [Finding(item, State.MISSING, _("switched off: nobody can submit an idea"),
                    (_("tick %(where)s", where=ISSUES_ON),))]


def expected_branches(portal: PortalSetup) -> dict[str, list[str]]:
    """Each branch pattern the portal expects to be the default, with the files that do."""
    expected: dict[str, list[str]] = {}
    for workflow in portal.workflows.values():
        for pattern in workflow.push_branches:
            expected.setdefault(pattern, []).append(workflow.file)
    if portal.edit_branch:
        expected.setdefault(portal.edit_branch, []).append(f"{CONFIG_FILE} (edit_uri)")
    return expected


def check_default_branch(remote: RemoteSetup, portal: PortalSetup,
                         lang: Language) -> list[Finding]:
    _ = lang.gettext
    item = _("Default branch")
    if isinstance(remote.repository, Unreadable):
        return [Finding(item, State.UNREAD, why_unreadable(remote.repository, lang, remote))]
    branch = str(remote.repository.get("default_branch") or "")
    expected = expected_branches(portal)
    wrong = {pattern: files for pattern, files in expected.items()
             if not fnmatch.fnmatchcase(branch, pattern)}
    if not wrong:
        files = sorted({file for found in expected.values() for file in found})
        return [Finding(item, State.OK, lang.ngettext(
            "%(branch)s, as %(files)s expects", "%(branch)s, as %(files)s expect", len(files),
            branch=branch, files=lang.join(files)) if files else branch)]
    fixes = tuple(_("make %(branch)s the default (%(where)s), or change the branch in "
                    "%(files)s", branch=pattern, where=DEFAULT_BRANCH, files=lang.join(files))
                  for pattern, files in wrong.items())
    files = sorted({file for found in wrong.values() for file in found})
    return [Finding(item, State.MISSING, lang.ngettext(
        "%(branch)s, but %(files)s expects %(expected)s: the site would not be built on a "
        "push, nor status changes announced",
        "%(branch)s, but %(files)s expect %(expected)s: the site would not be built on a "
        "push, nor status changes announced", len(files), branch=branch,
        files=lang.join(files), expected=lang.join(list(wrong), "or")), fixes)]


def check_pages(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    _ = lang.gettext
    item = _("GitHub Pages")
    fix = (_("choose %(where)s", where=PAGES_SOURCE),)
    deploying = lang.join(portal.jobs_asking("pages")) or "site.yml"
    if isinstance(remote.pages, Unreadable):
        return [Finding(item, State.UNREAD, why_unreadable(remote.pages, lang, remote))]
    if remote.pages is None:
        return [Finding(item, State.MISSING, _("not set up, so %(workflows)s cannot publish "
                                               "the site", workflows=deploying), fix)]
    if remote.pages.get("build_type") != "workflow":
        return [Finding(item, State.MISSING, _(
            "built from a branch, not by GitHub Actions: %(workflows)s cannot publish the site",
            workflows=deploying), fix)]
    return [Finding(item, State.OK, _("built by GitHub Actions, at %(address)s",
                                      address=remote.pages.get("html_url") or "?"))]


def check_forms(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    """The default branch carries the issue forms `cocreate forms` writes now."""
    _ = lang.gettext
    item = _("Issue forms")
    if not portal.forms:
        return [Finding(item, State.UNREAD, lang.ngettext(
            "could not be written here to compare: the portal has %(count)s problem",
            "could not be written here to compare: the portal has %(count)s problems",
            portal.portal_problems), (_("run `cocreate validate` and fix what it lists"),))]
    absent, stale, left, unread = [], [], [], []
    for path, answer in remote.files.items():
        text = portal.forms.get(path)
        if isinstance(answer, Unreadable):
            unread.append((path, answer))
        elif answer is None:
            if text is not None:
                absent.append(path)
        elif text is None and answer.split("\n", 1)[0].rstrip("\r") == OWNED:
            left.append(path)  # generated for a challenge since closed: `cocreate forms` removes it
        elif text is not None and answer != text:
            stale.append(path)
    names = lang.join([path.rsplit("/", 1)[-1] for path in portal.forms])
    found = []
    fix = (_("run `cocreate forms`, then commit and push .github/ISSUE_TEMPLATE to the "
             "default branch"),)
    if absent or stale or left:
        parts = []
        if absent:
            parts.append(_("not on the default branch: %(files)s", files=lang.join(absent)))
        if stale:
            parts.append(_("out of date: %(files)s", files=lang.join(stale)))
        if left:
            parts.append(_("left over from a challenge closed for ideas: %(files)s",
                           files=lang.join(left)))
        found.append(Finding(item, State.MISSING, "; ".join(parts), fix))
    if unread:  # one line: GitHub refuses the files of one folder alike
        why = why_unreadable(unread[0][1], lang, remote)
        found.append(Finding(item, State.UNREAD, why if isinstance(remote.repository, Unreadable)
                             else _("%(files)s: %(why)s", why=why,
                                    files=lang.join([path for path, _ in unread]))))
    if not found:
        found.append(Finding(item, State.OK, _(
            "%(files)s on the default branch are what `cocreate forms` writes now",
            files=names)))
    return found
