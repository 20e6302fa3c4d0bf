"""`cocreate init`: a clone of this repository becomes its owner's own, empty portal."""

from __future__ import annotations

import shutil
import sys

import click

from generator.cli.context import PortalContext, examples
from generator.cli.forms import write_and_list_forms
from generator.i18n import LANGUAGES, Language, language
from generator.portal.problems import ProblemsFound
from generator.portal.starter import Answers, check_answers, own_data, start_portal


@click.command("init", epilog=examples(
    'cocreate init --name "Spoke & Chain" --language fr --repository spoke-and-chain/idees '
    "--time-zone Europe/Paris",
    "cocreate init    (asks for each answer in a terminal)"))
@click.option("--name", help="The business running the portal, as visitors should read it.")
@click.option("--language", "code", type=click.Choice(LANGUAGES),
              help="The portal's language: its pages, forms and replies.")
@click.option("--repository", metavar="OWNER/REPO",
              help="The portal's repository on GitHub, such as spoke-and-chain/ideas.")
@click.option("--time-zone", metavar="TZ",
              help="Where plain days and times are read, such as Europe/Paris (default: UTC).")
@click.option("--site-url", metavar="URL",
              help="The site's address (default: https://OWNER.github.io/REPO/).")
@click.option("--force", is_flag=True,
              help="Replace mkdocs.yml and the pages in content/ even though the repository "
                   "holds data of its own (its own challenges are kept).")
@click.pass_obj
def init(portal: PortalContext, name: str | None, code: str | None, repository: str | None,
         time_zone: str | None, site_url: str | None, force: bool) -> None:
    """Make this clone your own, empty portal.

    Removes the example's challenges and pages, writes mkdocs.yml from the
    answers, starter pages in the portal's language into content/ (each place
    to make your own marked <!-- EDIT: … -->) and the issue forms. Asks for what
    is missing when run in a terminal.

    \b
    Example:
      cocreate init --name "Spoke & Chain" --language fr \\
        --repository spoke-and-chain/idees --time-zone Europe/Paris
    """
    answers = ask_for_missing(name, code, repository, time_zone, site_url)
    wrong = check_answers(answers)
    if wrong:
        raise click.UsageError("\n".join(wrong))
    lang = language(answers.language)
    _ = lang.gettext
    own = own_data(portal.root)
    if own and not force:
        click.echo(_("This repository already holds data of its own:"), err=True)
        for path in own:
            click.echo(f"  {path}", err=True)
        click.echo(_("`init` turns a fresh copy of the example into a new portal, replacing "
                     "mkdocs.yml and the pages in content/. To do so all the same (your own "
                     "challenges are kept), run it again with --force."), err=True)
        raise click.exceptions.Exit(1)
    for change in start_portal(portal.root, answers):
        click.echo(change)
    write_issue_forms(portal)
    click.echo()
    click.echo(next_steps(answers, lang))


def ask_for_missing(name: str | None, code: str | None, repository: str | None,
                    time_zone: str | None, site_url: str | None) -> Answers:
    """The answers given, and those missing asked for in a terminal; else a usage error."""
    missing = [option for option, value in (("--name", name), ("--language", code),
                                            ("--repository", repository)) if not value]
    if missing and not sys.stdin.isatty():
        raise click.UsageError(f"missing {', '.join(missing)} (or run `init` in a terminal "
                               "to be asked)")
    if missing:
        name = name or click.prompt("The business's name, as visitors should read it")
        code = code or click.prompt("The portal's language", type=click.Choice(LANGUAGES))
        repository = repository or click.prompt("The repository on GitHub (OWNER/REPO)")
        time_zone = time_zone or click.prompt("The time zone (an IANA name)", default="UTC")
    assert name and code and repository
    return Answers(name.strip(), code, repository.strip(), time_zone or "UTC", site_url)


def write_issue_forms(portal: PortalContext) -> None:
    """The idea forms for the new portal, as `cocreate forms` writes them."""
    from generator.github.forms.check import check_forms

    catalog = portal.load()
    refused = check_forms(catalog)
    if refused:
        raise ProblemsFound(refused)
    write_and_list_forms(catalog)


def next_steps(answers: Answers, lang: Language) -> str:
    """What to do once the portal is started, with the command as this shell can run it."""
    _ = lang.gettext
    command = "cocreate" if shutil.which("cocreate") else ".venv/bin/cocreate"
    steps = [
        _("Edit the pages in content/: each <!-- EDIT: … --> comment marks a place to "
          "make your own."),
        _("Create your first challenge: %(command)s new challenge SLUG --title \"…\", "
          "edit challenges/SLUG/challenge.yml, then run %(command)s validate.",
          command=command),
        _("Run %(command)s forms, then make site to see the site (make serve for a live "
          "preview).", command=command),
        _("Commit and push to %(repository)s on GitHub, switch on the settings README's "
          "\"Running a portal\" lists, and check them with %(command)s doctor "
          "--create-labels, which also makes the portal's labels in its language.",
          repository=f"https://github.com/{answers.repository}", command=command),
        _("The site will be at %(address)s.", address=answers.address),
    ]
    lines = [_("The portal is ready: %(name)s. Next steps:", name=answers.name)]
    lines += [f"  {number}. {step}" for number, step in enumerate(steps, 1)]
    return "\n".join(lines)
