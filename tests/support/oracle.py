"""An independent recount of a portal, written from the README's rules, not from the code.

It reads the files with plain `yaml.safe_load` and never imports `generator`,
so a test that compares the site, the open data or `cocreate tally` with it
compares two answers reached apart. The rules, as README states them:

- "How votes come in", "One account, one voter" and the tally's list under
  "Command line": each vote's fate (counted, or the reason it is not);
- the tally's formula (jury, score, ties) under "Command line";
- "A challenge's timeline": when voting opens and closes, and the stages;
- "Recognition": each contributor's points.

A vote by ballot counts from the moment it was merged, which only Git knows:
pass those moments as `merged`; without one it is "not yet on the default
branch", as README says of a portal that is not a Git repository.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

# README, "Recognition": the points a portal gives unless its `points:` says otherwise.
DEFAULT_POINTS = {"published_idea": 10, "vote_received": 1, "shortlisted": 20, "piloted": 40,
                  "implemented": 80, "winner": 100, "vote_cast": 1}
DEFAULT_WEIGHTS = {"community": 0.5, "jury": 0.5}
DEFAULT_OPEN = ["published", "shortlisted"]
# An idea keeps what it reached: the lifecycle runs in this order.
REACHES = {"published": {"published", "shortlisted", "piloting", "implemented"},
           "shortlisted": {"shortlisted", "piloting", "implemented"},
           "piloted": {"piloting", "implemented"},
           "implemented": {"implemented"}}

# The reasons a vote is not counted, in the words of README's list.
SAME_ACCOUNT = "another ballot of the same account counts"
NOT_MERGED = "not yet on the default branch"
REPLACED = "replaced by a later vote for the same idea"
BOT = "bot or deleted account"
AGE_UNKNOWN = "account age unknown"
TOO_NEW = "account too new"
UNKNOWN_IDEA = "unknown idea"
NOT_OPEN = "idea not open for votes"
OUTSIDE = "outside the voting window"
SELF_VOTE = "self-vote"
OVER_LIMIT = "over the limit per idea"
OVER_BUDGET = "over budget"

# (challenge, voter, idea, points) → when that vote by ballot was merged
Merged = dict[tuple[str, str, str, int], datetime]


@dataclass
class Challenge:
    slug: str
    data: dict[str, Any]
    ideas: dict[str, dict[str, Any]]
    ballots: dict[str, dict[str, Any]]  # file name (without .yml) → ballot
    reviews: dict[str, dict[str, Any]]


@dataclass
class Portal:
    zone: tzinfo
    weights: dict[str, float]
    points: dict[str, int]
    challenges: dict[str, Challenge]


@dataclass(frozen=True)
class Fate:
    """One vote and what became of it: `reason` None when it counts."""

    voter: str
    idea: str
    via: str
    points: int
    reason: str | None
    counted: int = 0  # the points it adds to its idea
    at: datetime | None = None  # when GitHub or Git recorded it


@dataclass
class Tally:
    ranking: list[dict[str, Any]]  # id, votes, jury, score, rank; in rank order
    fates: list[Fate] = field(default_factory=list)

    def excluded(self) -> list[Fate]:
        return [fate for fate in self.fates if fate.reason is not None]


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def read_folder(folder: Path) -> dict[str, dict[str, Any]]:
    return {path.stem: read(path) for path in sorted(folder.glob("*.yml"))}


def load(root: Path) -> Portal:
    """The portal's settings and every challenge's files."""
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_Lenient)
    options: dict[str, Any] = {}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "cocreate" in plugin:
            options = plugin["cocreate"] or {}
    challenges = {}
    for folder in sorted(path for path in (root / "challenges").iterdir() if path.is_dir()):
        challenges[folder.name] = Challenge(
            folder.name, read(folder / "challenge.yml"), read_folder(folder / "ideas"),
            read_folder(folder / "votes"), read_folder(folder / "reviews"))
    return Portal(ZoneInfo(options.get("time_zone", "UTC")),
                  {**DEFAULT_WEIGHTS, **options.get("weights", {})},
                  {**DEFAULT_POINTS, **options.get("points", {})}, challenges)


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml may carry tags for mkdocs (`!!python/name:`, `!ENV`): read them as None."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def instant(value: date | datetime, zone: tzinfo, *, closing: bool = False) -> datetime:
    """README: a date-time with an offset is taken as written, one without it and a plain
    day are read in the portal's zone; a plain day starts at 00:00, a closing day ends
    at 24:00."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if closing:
        value += timedelta(days=1)
    return datetime(value.year, value.month, value.day, tzinfo=zone)


def timeline(challenge: Challenge, name: str, zone: tzinfo) -> datetime | None:
    value = challenge.data["timeline"].get(name)
    return None if value is None else instant(
        value, zone, closing=name in ("ideas_close", "voting_close"))


def window(challenge: Challenge, zone: tzinfo) -> tuple[datetime, datetime | None]:
    """Voting opens at voting_open, or when ideas close (an evergreen challenge: when
    ideas open), and closes at voting_close, if set."""
    opens = (timeline(challenge, "voting_open", zone) or timeline(challenge, "ideas_close", zone)
             or timeline(challenge, "ideas_open", zone))
    assert opens is not None
    return opens, timeline(challenge, "voting_close", zone)


def reached(challenge: Challenge, name: str, zone: tzinfo, now: datetime) -> bool:
    moment = timeline(challenge, name, zone)
    return moment is not None and moment <= now


def status_at(idea: dict[str, Any], moment: datetime, zone: tzinfo) -> str:
    """The idea's status at a moment: a change takes effect at its own second. An idea
    with no history has always had its status."""
    history = idea.get("history") or []
    if not history:
        return str(idea["status"])
    status = "submitted"
    for change in history:
        if instant(change["at"], zone) <= moment:
            status = str(change["status"])
    return status


def people(idea: dict[str, Any]) -> set[str]:
    return {login.lower() for login in [idea["author"], *(idea.get("coauthors") or [])]}


def cast_at(slug: str, ballot: dict[str, Any], vote: dict[str, Any], zone: tzinfo,
            merged: Merged) -> datetime | None:
    """When GitHub or Git recorded the vote; a vote by ballot's own `at` is never read."""
    if vote["via"] == "ballot":
        return merged.get((slug, ballot["voter"], str(vote["idea"]), vote.get("points", 1)))
    return instant(vote["at"], zone)


def account_groups(ballots: dict[str, dict[str, Any]]) -> list[set[str]]:
    """Ballot names grouped by account: the same account_id, or logins equal ignoring case
    (the voter's login or the file's name)."""
    groups: list[tuple[set[str], set[Any]]] = []
    for name, ballot in ballots.items():
        marks = {("login", name.lower()), ("login", ballot["voter"].lower())}
        if ballot.get("account_id") is not None:
            marks.add(("id", ballot["account_id"]))
        joined = [group for group in groups if group[1] & marks]
        names = {name}.union(*(group[0] for group in joined))
        groups = [group for group in groups if group not in joined]
        groups.append((names, marks.union(*(group[1] for group in joined))))
    return [names for names, _ in groups]


def set_aside(challenge: Challenge, zone: tzinfo, merged: Merged) -> set[str]:
    """Every ballot of an account but the one holding its latest vote (ties: the first name)."""
    never = datetime.min.replace(tzinfo=UTC)
    aside: set[str] = set()
    for group in account_groups(challenge.ballots):
        def latest(name: str) -> datetime:
            ballot = challenge.ballots[name]
            return max((cast_at(challenge.slug, ballot, vote, zone, merged) or never
                        for vote in ballot.get("votes") or []), default=never)
        keep = max(sorted(group), key=latest)
        aside |= group - {keep}
    return aside


def judge(challenge: Challenge, ballot: dict[str, Any], zone: tzinfo,
          merged: Merged) -> list[Fate]:
    """Each vote of one ballot, judged in the order it was cast (not merged: last)."""
    rules = challenge.data.get("voting") or {}
    approval = rules.get("method", "approval") == "approval"
    opens, closes = window(challenge, zone)
    votes = [(vote, cast_at(challenge.slug, ballot, vote, zone, merged))
             for vote in ballot.get("votes") or []]
    votes.sort(key=lambda pair: (pair[1] is None, pair[1] or opens))
    latest = {str(vote["idea"]): index for index, (vote, moment) in enumerate(votes)
              if moment is not None}
    voter = ballot["voter"]
    spent = 0
    fates = []
    for index, (vote, moment) in enumerate(votes):
        idea_id, points = str(vote["idea"]), vote.get("points", 1)
        counted = 1 if approval else points
        reason = reason_for(challenge, ballot, idea_id, vote["via"], points, moment,
                            latest.get(idea_id) == index, (opens, closes), spent, zone)
        if reason is None:
            spent += counted
        fates.append(Fate(voter, idea_id, vote["via"], points, reason,
                          counted if reason is None else 0, moment))
    return fates


def reason_for(challenge: Challenge, ballot: dict[str, Any], idea_id: str, via: str,
               points: int, moment: datetime | None, is_latest: bool,
               span: tuple[datetime, datetime | None], spent: int, zone: tzinfo) -> str | None:
    """The first rule a vote breaks, in README's order; None when it counts."""
    rules = challenge.data.get("voting") or {}
    opens, closes = span
    idea = challenge.ideas.get(idea_id)
    if moment is None:
        return NOT_MERGED
    if not is_latest:
        return REPLACED
    if ballot.get("bot") or ballot["voter"].lower() == "ghost":
        return BOT
    if age := rules.get("min_account_age_days"):
        if ballot.get("account_created") is None:
            return AGE_UNKNOWN
        # Counted back from the moment voting opened, in days of 24 hours.
        if instant(ballot["account_created"], zone) > opens - timedelta(days=age):
            return TOO_NEW
    if idea is None:
        return UNKNOWN_IDEA
    if status_at(idea, moment, zone) not in rules.get("open_statuses", DEFAULT_OPEN):
        return NOT_OPEN
    # A 👍 given before voting opened and still there counts; nothing counts from the close.
    if (moment < opens and via != "reaction") or (closes is not None and moment >= closes):
        return OUTSIDE
    if not rules.get("self_votes") and ballot["voter"].lower() in people(idea):
        return SELF_VOTE
    if rules.get("method") == "budget":
        if rules.get("max_per_idea") and points > rules["max_per_idea"]:
            return OVER_LIMIT
        if spent + points > rules["budget"]:
            return OVER_BUDGET
    return None


def fates(portal: Portal, slug: str, merged: Merged | None = None) -> list[Fate]:
    """Every vote of a challenge and its fate, ballots in name order."""
    challenge = portal.challenges[slug]
    aside = set_aside(challenge, portal.zone, merged or {})
    out: list[Fate] = []
    for name in sorted(challenge.ballots):
        ballot = challenge.ballots[name]
        if name in aside:
            out += [Fate(ballot["voter"], str(vote["idea"]), vote["via"], vote.get("points", 1),
                         SAME_ACCOUNT) for vote in ballot.get("votes") or []]
        else:
            out += judge(challenge, ballot, portal.zone, merged or {})
    return out


def jury(challenge: Challenge) -> dict[str, float]:
    """Per juror Σ(weight × score) ÷ Σ(weights), then the mean over jurors."""
    weights = {c["id"]: c.get("weight", 1) for c in challenge.data.get("criteria") or []}
    given: dict[str, list[float]] = {}
    for card in challenge.reviews.values():
        for score in card.get("scores") or []:
            total = sum(weights[c] * value for c, value in score["criteria"].items())
            given.setdefault(str(score["idea"]), []).append(total / sum(weights.values()))
    return {idea: sum(values) / len(values) for idea, values in given.items()}


def tally(portal: Portal, slug: str, now: datetime, merged: Merged | None = None) -> Tally:
    """The leaderboard: votes, jury (from the results stage on), score, rank."""
    challenge = portal.challenges[slug]
    judged = fates(portal, slug, merged)
    votes = dict.fromkeys(challenge.ideas, 0)
    for fate in judged:
        if fate.reason is None:
            votes[fate.idea] += fate.counted
    results = reached(challenge, "results", portal.zone, now)
    weights = {**portal.weights, **(challenge.data.get("weights") or {})}
    if not results:
        weights = {"community": 1, "jury": 0}
    scores = jury(challenge) if results else {}
    scale = {"min": 1, "max": 5, **(challenge.data.get("scale") or {})}
    most = max(votes.values(), default=0)
    rows = []
    for idea_id, idea in challenge.ideas.items():
        community = votes[idea_id] / most if most else 0
        judged_share = ((scores[idea_id] - scale["min"]) / (scale["max"] - scale["min"])
                        if idea_id in scores else 0)
        blend = weights["community"] * community + weights["jury"] * judged_share
        rows.append({"id": idea_id, "votes": votes[idea_id],
                     "jury": round(scores[idea_id], 2) if idea_id in scores else None,
                     "score": round(100 * blend / (weights["community"] + weights["jury"]), 2),
                     "submitted": instant(idea["submitted"], portal.zone)})
    # Ties: more votes, then the earlier submission, then the lower idea number.
    rows.sort(key=lambda row: (-row["score"], -row["votes"], row["submitted"],
                               number_order(row["id"])))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        del row["submitted"]
    return Tally(rows, judged)


def number_order(idea_id: str) -> tuple[bool, int, str]:
    """Idea numbers in number order (9 before 10); a name that is no number after them."""
    return (not idea_id.isdigit(), int(idea_id) if idea_id.isdigit() else 0, idea_id)


def contributor_points(portal: Portal, now: datetime,
                       merged: Merged | None = None) -> dict[str, int]:
    """README "Recognition": each person's points (logins compared ignoring case)."""
    table = portal.points
    earned: dict[str, int] = {}

    def earn(login: str, points: int) -> None:
        earned[login.lower()] = earned.get(login.lower(), 0) + points

    for slug, challenge in portal.challenges.items():
        board = tally(portal, slug, now, merged)
        votes = {row["id"]: row["votes"] for row in board.ranking}
        for idea_id, idea in challenge.ideas.items():
            for login in people(idea):
                earn(login, idea_points(idea, votes[idea_id], table))
        for fate in board.fates:
            if fate.reason is None:
                earn(fate.voter, table["vote_cast"])
        for login in [*(challenge.data.get("jury") or []),
                      *(ballot["voter"] for ballot in challenge.ballots.values())]:
            earn(login, 0)  # jurors and voters take part, whatever they earned
    return earned


def idea_points(idea: dict[str, Any], votes: int, table: dict[str, int]) -> int:
    statuses = {str(idea["status"]), *(str(c["status"]) for c in idea.get("history") or [])}
    return (table["published_idea"] * bool(statuses & REACHES["published"])
            + table["shortlisted"] * bool(statuses & REACHES["shortlisted"])
            + table["piloted"] * bool(statuses & REACHES["piloted"])
            + table["implemented"] * bool(statuses & REACHES["implemented"])
            + table["vote_received"] * votes
            + table["winner"] * bool(idea.get("prize")))


def first_published(idea: dict[str, Any], zone: tzinfo) -> str | None:
    """The month (YYYY-MM, in the portal's zone) a maintainer first let the idea through."""
    for change in idea.get("history") or []:
        if str(change["status"]) in REACHES["published"]:
            return f"{instant(change['at'], zone).astimezone(zone):%Y-%m}"
    return None


def innovators(portal: Portal, now: datetime) -> dict[str, tuple[str, int]]:
    """Month → (login, points): who earned the most points with the ideas first published
    that month; ties go to more votes received on them, then the login alphabetically."""
    months: dict[str, dict[str, tuple[int, int]]] = {}
    for slug, challenge in portal.challenges.items():
        votes = {row["id"]: row["votes"] for row in tally(portal, slug, now).ranking}
        for idea_id, idea in challenge.ideas.items():
            month = first_published(idea, portal.zone)
            if month is None:
                continue
            points = idea_points(idea, votes[idea_id], portal.points)
            for login in [idea["author"], *(idea.get("coauthors") or [])]:
                earned, received = months.setdefault(month, {}).get(login, (0, 0))
                months[month][login] = (earned + points, received + votes[idea_id])
    return {month: min(((login, points) for login, (points, _) in people.items()),
                       key=lambda item: (-people[item[0]][0], -people[item[0]][1], item[0]))
            for month, people in months.items()}
