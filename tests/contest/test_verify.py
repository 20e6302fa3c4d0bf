"""`cocreate verify` and the vote audit: the published count is the one the files give."""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from tests.support import EXAMPLE, EXAMPLE_NOW, oracle


def verify(root: Path, *arguments: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "verify", *arguments])


def oracle_votes(root: Path, slug: str) -> dict[str, int]:
    return {row["id"]: row["votes"]
            for row in oracle.tally(oracle.load(root), slug, EXAMPLE_NOW).ranking}


def test_the_published_tallies_are_the_oracles(built_site: Path) -> None:
    """What verify checks against is itself checked against the independent recount."""
    document = json.loads((built_site / "api/v1/tallies.json").read_text("utf-8"))
    portal = oracle.load(EXAMPLE)
    assert [t["challenge"] for t in document["challenges"]] == sorted(portal.challenges)
    for published in document["challenges"]:
        recount = oracle.tally(portal, published["challenge"], EXAMPLE_NOW)
        assert [(r["id"], r["votes"], r["jury"], r["score"], r["rank"])
                for r in published["ideas"]] == [
            (r["id"], r["votes"], r["jury"], r["score"], r["rank"]) for r in recount.ranking]
        assert sorted((e["voter"], e["idea"], e["reason"]) for e in published["excluded"]) == \
            sorted((f.voter, f.idea, f.reason) for f in recount.excluded())


def test_the_example_site_verifies(built_site: Path) -> None:
    result = verify(EXAMPLE, str(built_site))
    assert result.exit_code == 0, result.output
    assert "ok: 5 challenge tallies match the files" in result.output
    assert EXAMPLE_NOW.isoformat() in result.output  # the moment the site was built for


def test_a_ballot_edited_after_publishing_fails(built_site: Path, portal: Path) -> None:
    ballot = portal / "challenges/zero-waste-packaging/votes/ines-duarte.yml"
    ballot.write_text(ballot.read_text("utf-8").replace("points: 3", "points: 1"), "utf-8")
    result = verify(portal, str(built_site / "api/v1/tallies.json"))
    assert result.exit_code == 1
    before = oracle_votes(EXAMPLE, "zero-waste-packaging")["34"]
    after = oracle_votes(portal, "zero-waste-packaging")["34"]
    assert (before, after) == (15, 13)
    assert f"zero-waste-packaging idea 34: votes is {before} published, {after} from the files" \
        in result.output


def test_a_tampered_published_tally_fails(built_site: Path, tmp_path: Path) -> None:
    document = json.loads((built_site / "api/v1/tallies.json").read_text("utf-8"))
    winter = next(t for t in document["challenges"] if t["challenge"] == "winter-menu-2026")
    winter["ideas"][1]["votes"] += 1
    winter["excluded"] = winter["excluded"][1:]
    file = tmp_path / "tallies.json"
    file.write_text(json.dumps(document), "utf-8")
    result = verify(EXAMPLE, str(file))
    assert result.exit_code == 1
    assert "winter-menu-2026 idea 15: votes is 8 published, 7 from the files" in result.output
    assert "excluded in the files, not in the published tally: max-newton → 15" in \
        result.output


@pytest.fixture
def served_site(built_site: Path) -> Iterator[str]:
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_verify_reads_a_sites_address(served_site: str) -> None:
    result = verify(EXAMPLE, served_site)
    assert result.exit_code == 0, result.output


def test_without_a_published_tally_it_says_what_to_do(tmp_path: Path) -> None:
    result = verify(EXAMPLE, str(tmp_path))
    assert result.exit_code == 1
    assert "build the site first" in result.output


@pytest.mark.parametrize(("text", "named"), [
    ('{"api": "cocreate/v2", "kind": "tallies"}', "api"),
    ('{"api": "cocreate/v1", "kind": "ideas", "computed_at": "2026-01-01T00:00:00Z", '
     '"commit": null, "challenges": []}', "kind"),
    ('{"api": "cocreate/v1", "kind": "tallies", "computed_at": "2026-01-01T00:00:00Z", '
     '"commit": null, "challenges": [{"challenge": "x", "ideas": [{"id": "1"}], '
     '"excluded": []}]}', "challenges.0.ideas.0.title"),
    ("[1, 2", "the document"),
])
def test_a_document_that_is_not_a_tally_is_refused_with_what_is_wrong(
        tmp_path: Path, text: str, named: str) -> None:
    file = tmp_path / "tallies.json"
    file.write_text(text, "utf-8")
    result = verify(EXAMPLE, str(file))
    assert result.exit_code == 1
    assert "is not a Cocreate tallies document" in result.output
    assert named in result.output
    assert "Traceback" not in result.output


def test_each_challenge_publishes_its_own_tally(built_site: Path) -> None:
    whole = json.loads((built_site / "api/v1/tallies.json").read_text("utf-8"))
    for tally in whole["challenges"]:
        own = json.loads((built_site / "api/v1/tallies" / f"{tally['challenge']}.json")
                         .read_text("utf-8"))
        assert own["challenges"] == [tally]
        assert own["commit"] == whole["commit"]


def test_the_audit_lists_every_vote_left_out_and_every_counted_voter(built_site: Path,
                                                                      tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    portal = oracle.load(EXAMPLE)
    counts = {}
    for slug in portal.challenges:
        recount = oracle.tally(portal, slug, EXAMPLE_NOW)
        excluded = recount.excluded()
        page = html.unescape(re.sub(r"<[^>]+>", " ", (
            site / "challenges" / slug / "audit/index.html").read_text("utf-8")))
        page = " ".join(page.split())
        count = counts[slug] = len(excluded)
        if count:
            assert f"{count} vote{'s' * (count != 1)} cast but not counted" in page
        for fate in excluded:
            assert f"@{fate.voter}" in page
            assert fate.reason is not None and fate.reason in page
        cast = any(ballot.get("votes") for ballot in portal.challenges[slug].ballots.values())
        assert ("Every vote cast was counted" in page) == (count == 0 and cast)
        assert ("No votes cast yet" in page) == (not cast)  # or voting has yet to open
        budget = (portal.challenges[slug].data.get("voting") or {}).get("method") == "budget"
        listed = page.replace(" ,", ",")
        for row in recount.ranking:  # each idea's counted votes, and who cast them
            voters = sorted((f.voter, f.counted) for f in recount.fates
                            if f.idea == row["id"] and f.reason is None)
            if voters:
                assert f"{row['votes']} " + ", ".join(
                    f"@{v} ({points})" if budget else f"@{v}" for v, points in voters) in listed
    assert 0 in counts.values() and sum(counts.values()) > 2  # both kinds of page seen
