"""Comment counts: how many comments people wrote on each idea's issue, from the vote sync.

The sync reads every comment of the ideas voting now anyway (to catch up `/vote`
commands whose run was lost), so counting them costs no request of its own. A comment
counts when a person wrote it and it says more than a `/vote` or `/unvote` command alone
(those are votes, and the ballots hold them); the bots' replies never count.

Each synced challenge's counts go to `challenges/<challenge>/comments.yml`, rewritten whole
from what GitHub holds, each with when GitHub recorded the newest comment counted: the file
changes only when the discussion does, so a sync that reads nothing new writes nothing. A
challenge whose voting has closed keeps the counts of its last sync.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.contest.tally import id_order
from generator.github.votes.command import COMMAND
from generator.github.votes.reactions import IssueComment
from generator.models import CommentCount, Discussion
from generator.portal.catalog import DISCUSSION_FILE, Catalog
from generator.portal.schemas import schema_pointer
from generator.portal.writer import dump_model, replace_file


def is_discussion(comment: IssueComment) -> bool:
    """Whether a comment counts: a person's, and more than a lone voting command."""
    return not comment.bot and COMMAND.fullmatch(comment.body.strip()) is None


def count_comments(ideas: dict[int, tuple[str, str]],
                   comments: dict[int, list[IssueComment]]) -> dict[str, Discussion]:
    """Each synced challenge's counts, from the comments read on its ideas' issues
    (`ideas`: issue number → challenge and idea, as `reactions.synced_ideas` gives)."""
    counts: dict[str, list[CommentCount]] = {slug: [] for slug, _ in ideas.values()}
    for number, (slug, idea_id) in ideas.items():
        said = [comment for comment in comments.get(number, []) if is_discussion(comment)]
        if said:
            counts[slug].append(CommentCount(idea=idea_id, comments=len(said),
                                             latest=max(comment.at for comment in said)))
    return {slug: Discussion(ideas=sorted(found, key=lambda entry: id_order(entry.idea)))
            for slug, found in counts.items()}


def write_discussion(file: Path, discussion: Discussion) -> bool:
    """Write a challenge's counts (or remove the file when no idea has any); True if the
    file changed."""
    return replace_file(file, dump_model(discussion, schema=schema_pointer("comments", 2))
                        if discussion.ideas else None)


def sync_discussion(catalog: Catalog, ideas: dict[int, tuple[str, str]],
                    comments: dict[int, list[IssueComment]]) -> Callable[[Path], list[str]]:
    """The change to a tree: the comment counts of every synced challenge."""
    folder_name = catalog.settings.challenges_dir
    counted = count_comments(ideas, comments)

    def apply(root: Path) -> list[str]:
        changed = []
        for slug, discussion in sorted(counted.items()):
            file = root / folder_name / slug / DISCUSSION_FILE
            if write_discussion(file, discussion):
                changed.append(file.relative_to(root).as_posix())
        return changed

    return apply
