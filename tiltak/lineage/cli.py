"""`tiltak link …`: suggest successors of a plan's measures in a later plan, confirm or reject.

tiltak.cli calls register(subparsers); handlers set Django up lazily through tiltak.plans.cli.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from tiltak.plans.cli import EXIT_OK, CommandFailed, _guarded, _require_database

RELATIONS = ("continues", "replaces", "merged_into")


def register(subparsers: Any) -> None:
    """Add the `link` command with its subcommands suggest, confirm and reject."""
    link = subparsers.add_parser(
        "link",
        help="link measures across plans: suggest, confirm or reject successors",
        description="Lineage between plans: which measure of a later plan continues one of an "
        "earlier plan.",
    )
    commands = link.add_subparsers(dest="link_command", metavar="SUBCOMMAND", required=True)

    p = commands.add_parser(
        "suggest",
        help="for each measure of PLAN_A, the most likely successors in PLAN_B",
        description="Rank the measures of PLAN_B as successors of each measure of PLAN_A by text "
        "similarity (TF-IDF over stemmed words and character n-grams, cosine).",
    )
    p.add_argument("plan_a", metavar="PLAN_A", help="slug of the earlier plan")
    p.add_argument("plan_b", metavar="PLAN_B", help="slug of the later plan")
    p.add_argument("--top", type=int, default=3, help="suggestions per measure (default 3)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--store", action="store_true", help="also store the suggestions as unconfirmed links"
    )
    p.set_defaults(handler=handle_suggest)

    for name, help_text in (
        ("confirm", "confirm that a measure of PLAN_B follows a measure of PLAN_A"),
        ("reject", "record that a measure of PLAN_B does not follow one of PLAN_A"),
    ):
        p = commands.add_parser(name, help=help_text, description=help_text + ".")
        p.add_argument("plan_a", metavar="PLAN_A")
        p.add_argument("number_a", metavar="NUMBER_A", help="the measure's number in PLAN_A")
        p.add_argument("plan_b", metavar="PLAN_B")
        p.add_argument("number_b", metavar="NUMBER_B", help="the successor's number in PLAN_B")
        p.add_argument("--note", default="", help="why")
        if name == "confirm":
            p.add_argument("--relation", choices=RELATIONS, default="continues")
        p.set_defaults(handler=handle_confirm if name == "confirm" else handle_reject)


def _plan(slug: str) -> Any:
    """The plan with this slug, or CommandFailed naming the plans there are."""
    from tiltak.plans.models import Plan
    from tiltak.plans.selectors import plan_by_slug

    plan = plan_by_slug(slug)
    if plan is None:
        known = ", ".join(Plan.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandFailed(f"no plan {slug!r} (plans: {known or 'none'})")
    return plan


def _measure(plan: Any, number: str) -> Any:
    """The plan's measure with this number, or CommandFailed."""
    measure = plan.measures.filter(number=number.strip()).first()
    if measure is None:
        raise CommandFailed(f"plan {plan.slug} has no measure {number!r}")
    return measure


def _actor() -> Any:
    """The person at the terminal, as an Actor."""
    from .services import Actor

    try:
        name = getpass.getuser()
    except Exception:  # no user name in the environment
        name = "unknown"
    return Actor(name=f"cli:{name}")


def _suggest(args: argparse.Namespace) -> int:
    """Print (and with --store keep) the ranked successors of every measure of PLAN_A."""
    from .services import LinkError, store_suggestions, suggest_successors

    if args.top < 1:
        raise CommandFailed("--top must be at least 1")
    _require_database()
    plan_a, plan_b = _plan(args.plan_a), _plan(args.plan_b)
    try:
        suggestions = suggest_successors(plan_a, plan_b, top=args.top)
    except LinkError as error:
        raise CommandFailed(str(error)) from None
    grouped: dict[int, list[Any]] = {}
    for s in suggestions:
        grouped.setdefault(s.measure.pk, []).append(s)
    if args.format == "json":
        data = {
            "plan_a": plan_a.slug,
            "plan_b": plan_b.slug,
            "measures": [
                {
                    "number": items[0].measure.number,
                    "title": items[0].measure.title,
                    "suggestions": [
                        {
                            "rank": s.rank,
                            "number": s.successor.number,
                            "title": s.successor.title,
                            "score": s.score,
                            "terms": s.terms,
                        }
                        for s in items
                    ],
                }
                for items in grouped.values()
            ],
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        lines = [f"{plan_a.slug} → {plan_b.slug}"]
        for items in grouped.values():
            lines.append(f"\n{items[0].measure.number}. {_short(items[0].measure.title, 90)}")
            for s in items:
                lines.append(
                    f"  {s.rank}) {s.successor.number:>5}  {s.score:.3f}  "
                    f"{_short(s.successor.title, 70)}  [{', '.join(s.terms)}]"
                )
        print("\n".join(lines))
    if args.store:
        created = store_suggestions(suggestions, actor=_actor())
        print(f"stored {created} new suggested links", file=sys.stderr)
    return EXIT_OK


def _short(text: str, width: int) -> str:
    """The text cut to width characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _decide(args: argparse.Namespace, confirm: bool) -> int:
    """Confirm or reject one link and print it."""
    from .services import LinkError, confirm_link, reject_link

    _require_database()
    measure = _measure(_plan(args.plan_a), args.number_a)
    successor = _measure(_plan(args.plan_b), args.number_b)
    try:
        if confirm:
            link = confirm_link(
                measure, successor, actor=_actor(), relation=args.relation, note=args.note
            )
        else:
            link = reject_link(measure, successor, actor=_actor(), note=args.note)
    except LinkError as error:
        raise CommandFailed(str(error)) from None
    print(
        f"{args.plan_a} {measure.number} → {args.plan_b} {successor.number}: "
        f"{link.state} ({link.relation})"
    )
    return EXIT_OK


handle_suggest = _guarded(_suggest)
handle_confirm = _guarded(lambda args: _decide(args, True))
handle_reject = _guarded(lambda args: _decide(args, False))
