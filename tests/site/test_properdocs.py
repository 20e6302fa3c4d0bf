"""ProperDocs, the maintained fork of mkdocs 1.x, builds the portal as mkdocs does: every
file of the example's site the same bytes, and a broken portal refused with the same
problems (`cocreate build --builder properdocs`, generator/site/builders.py).

ProperDocs makes every `import mkdocs…` of the process load its own modules, for good:
its builds run in a process of their own, never in the one running the tests.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import cli
from tests.site.test_links import ABOUT, FIXTURE, NAV, PROBLEMS, STRICT_LINKS, problems_listed
from tests.support import EXAMPLE, EXAMPLE_NOW

# A build dates the sitemap (each <lastmod>, and sitemap.xml.gz's header) by
# SOURCE_DATE_EPOCH, else by the day it runs: both builds are dated the example's moment.
DATED = {"SOURCE_DATE_EPOCH": str(int(EXAMPLE_NOW.timestamp()))}
# The one thing that must differ, and the only one set aside: the generator tag of each
# page's head names the builder and its version, as `mkdocs-` and mkdocs' version string:
# `mkdocs-1.6.1, mkdocs-material-9.8.2` from mkdocs, `mkdocs-ProperDocs 1.6.7,
# mkdocs-material-9.8.2` from ProperDocs. Only the builder's part is replaced, in .html
# files only; the theme's name and version, and every other byte, are compared.
GENERATOR = re.compile(rb'(<meta name="generator" content=")mkdocs-([^,"]*)')


def cocreate_elsewhere(*args: str) -> subprocess.Popen[str]:
    """`cocreate ARGS…` started in a process of its own (a Python like this one's)."""
    return subprocess.Popen([sys.executable, "-m", "generator.cli.main", *args],
                            env={**os.environ, **DATED}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def builders(site: Path) -> set[str]:
    """What each page's generator tag names as its builder."""
    return {match[2].decode() for page in site.rglob("*.html")
            for match in GENERATOR.finditer(page.read_bytes())}


def normalised(site: Path, name: str) -> bytes:
    content = (site / name).read_bytes()
    return GENERATOR.sub(rb"\1BUILDER", content) if name.endswith(".html") else content


def differences(mkdocs: Path, properdocs: Path) -> list[str]:
    """Each file of either site that the other lacks or holds otherwise, with the first
    lines that differ."""
    names = {site: {file.relative_to(site).as_posix() for file in site.rglob("*")
                    if file.is_file()} for site in (mkdocs, properdocs)}
    found = [f"only built by {'mkdocs' if site is mkdocs else 'ProperDocs'}: {name}"
             for site, other in ((mkdocs, properdocs), (properdocs, mkdocs))
             for name in sorted(names[site] - names[other])]
    for name in sorted(names[mkdocs] & names[properdocs]):
        ours, theirs = normalised(mkdocs, name), normalised(properdocs, name)
        if ours != theirs:
            found.append(f"{name} differs" + first_lines_that_differ(ours, theirs))
    return found


def first_lines_that_differ(ours: bytes, theirs: bytes) -> str:
    try:
        diff = difflib.unified_diff(ours.decode().splitlines(), theirs.decode().splitlines(),
                                    n=0, lineterm="")
    except UnicodeDecodeError:
        return " (not text)"
    return ":\n" + "\n".join(list(diff)[2:8])


def test_properdocs_builds_every_file_of_the_example_as_mkdocs_does(tmp_path: Path) -> None:
    now = ["--root", str(EXAMPLE), "--now", EXAMPLE_NOW.isoformat()]
    mkdocs_site, properdocs_site = tmp_path / "mkdocs", tmp_path / "properdocs"
    # ProperDocs builds in its own process while mkdocs builds in this one
    properdocs = cocreate_elsewhere(*now, "build", "--builder", "properdocs",
                                    "--site-dir", str(properdocs_site))
    mkdocs = CliRunner().invoke(cli, [*now, "build", "--site-dir", str(mkdocs_site)], env=DATED)
    output, errors = properdocs.communicate(timeout=900)
    assert mkdocs.exit_code == 0, mkdocs.output
    assert properdocs.returncode == 0, output + errors

    # each site was built by the builder it was asked of, and every page names it
    pages = len(list(mkdocs_site.rglob("*.html")))
    assert pages > 1
    assert {name.split(".")[0] for name in builders(mkdocs_site)} == {"1"}
    assert {name.split(" ")[0] for name in builders(properdocs_site)} == {"ProperDocs"}
    assert sum(len(GENERATOR.findall(page.read_bytes()))
               for page in properdocs_site.rglob("*.html")) == pages
    found = differences(mkdocs_site, properdocs_site)
    assert not found, (f"ProperDocs builds {len(found)} files otherwise than mkdocs:\n"
                       + "\n".join(found))


def test_properdocs_refuses_a_broken_portal_with_the_problems_mkdocs_names(
        tmp_path: Path) -> None:
    """The broken links test_links.py pins for mkdocs, and a plugin's warning logged under
    mkdocs' name, which only counts if it reaches ProperDocs' strict count."""
    root = shutil.copytree(FIXTURE, tmp_path / "portal")
    with (root / "content/index.md").open("a", encoding="utf-8") as index:
        index.write('\n## <a id="code-of-conduct"></a>Conduct\n\nBe kind.\n')
    (root / "content/about.md").write_text(ABOUT, encoding="utf-8")
    (root / "hooks").mkdir()
    (root / "hooks/warn.py").write_text(
        "import logging\n\n\ndef on_post_build(config):\n"
        "    logging.getLogger('mkdocs.plugins.hook').warning('a warning from a plugin')\n",
        encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(STRICT_LINKS + NAV + "hooks:\n  - hooks/warn.py\n")
    settings = (root / "mkdocs.yml").read_text("utf-8").splitlines()
    expected = sorted([(path, settings.index("  - Gone: gone.md") + 1 if line < 0 else line,
                        what) for path, line, what in PROBLEMS]
                      + [("mkdocs", 0, "a warning from a plugin")])

    built = cocreate_elsewhere("--root", str(root), "build", "--builder", "properdocs")
    _, errors = built.communicate(timeout=600)
    assert built.returncode == 1, errors
    assert problems_listed(errors) == expected
    assert errors.splitlines()[-1] == f"{len(expected)} problems in 3 files"


def test_properdocs_is_refused_where_mkdocs_is_already_loaded(tmp_path: Path) -> None:
    """Half of mkdocs' modules would stay mkdocs': the build would be neither."""
    import mkdocs.commands.build  # noqa: F401 - loaded, as in any process that built before

    result = CliRunner().invoke(cli, ["--root", str(EXAMPLE), "build", "--builder", "properdocs",
                                      "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert ("mkdocs is already loaded in this process: choose ProperDocs in a new one"
            in result.output)
    assert sys.modules["mkdocs"].__name__ == "mkdocs"
    assert not (tmp_path / "site").exists()


def test_properdocs_missing_is_named_with_how_to_install_it(tmp_path: Path) -> None:
    # None in sys.modules makes an import fail as if the package were not installed
    code = ("import sys; sys.modules['properdocs'] = None; "
            "from generator.cli.main import main; main()")
    done = subprocess.run([sys.executable, "-c", code, "--root", str(EXAMPLE), "build",
                           "--builder", "properdocs", "--site-dir", str(tmp_path / "site")],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 2
    assert "ProperDocs is not installed: `pip install properdocs`" in done.stderr
    assert not (tmp_path / "site").exists()
