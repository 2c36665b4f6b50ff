"""👍/👎 under answers, /privacy, and the gaps moderators read (/gaps, the weekly digest)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.feedback.gaps import Gap
from bot.render import callbacks as cb
from bot.render.chathtml import fit, shorten
from bot.render.replies import Button, Keyboard, Reply, View
from bot.render.strings import t

GAP_QUERY = 40  # characters of a gap's wording shown
GAP_WORDINGS = 3  # other wordings shown under a gap
GAP_BUTTONS = 5  # gaps that get buttons (a keyboard stays one screen)


def vote_row(view: View, state: str | None) -> Keyboard:
    """A discreet 👍 👎 row for the answer stored as ``state`` (none without one)."""
    if state is None:
        return ()
    up = Button(t("button.up", view.lang), cb.encode(cb.Vote(state, up=True)))
    down = Button(t("button.down", view.lang), cb.encode(cb.Vote(state, up=False)))
    return ((up, down),)


def with_votes(reply: Reply, view: View, state: str | None) -> Reply:
    """``reply`` with the 👍 👎 row last."""
    row = vote_row(view, state)
    return Reply(reply.text, (*reply.keyboard, *row)) if row else reply


def gaps(found: Sequence[Gap], view: View, *, digest: bool = False) -> Reply:
    """The gaps, most asked first, each with today's best passage; buttons for the first few."""
    if not found:
        return Reply(t("gaps.none", view.lang))
    key = "gaps.digest" if digest else "gaps.header"
    head = [t(key, view.lang, count=len(found))]
    blocks = [_gap(view, n, gap) for n, gap in enumerate(found, 1)]
    rows = tuple(_gap_buttons(view, n, gap) for n, gap in enumerate(found[:GAP_BUTTONS], 1))
    return Reply(fit(head, blocks), rows)


def _gap(view: View, n: int, gap: Gap) -> str:
    lines = [t("gaps.item", view.lang, n=n, query=shorten(gap.query, GAP_QUERY), count=gap.count)]
    others = [shorten(w, GAP_QUERY) for w in gap.wordings if w != gap.query][:GAP_WORDINGS]
    if others:
        lines.append(t("gaps.also", view.lang, wordings=" / ".join(others)))
    counts = {r: gap.reasons.get(r, 0) for r in ("empty", "paged", "disliked")}
    lines.append(t("gaps.reasons", view.lang, **counts))
    if gap.best is None:
        lines.append(t("gaps.no_best", view.lang))
    else:
        pid, title = gap.best
        lines.append(t("gaps.best", view.lang, title=shorten(view.corpus(title), 30), pid=pid))
    return "\n".join(lines)


def _gap_buttons(view: View, n: int, gap: Gap) -> tuple[Button, ...]:
    card = cb.encode(cb.GapAction("card", gap.first_id))
    dismiss = cb.encode(cb.GapAction("dis", gap.first_id))
    return (
        Button(t("button.gap_card", view.lang, n=n), card),
        Button(t("button.gap_dismiss", view.lang, n=n), dismiss),
    )
