"""Counts of things ("nine ships", "28,500 U.S. troops") and casualties ("67 wounded")."""

from __future__ import annotations

from factdb.extract.registry import Context, register

from . import build

NAME = "counts"
VERSION = "1.33.1"


@register(NAME, VERSION, "counted nouns and casualties (killed, wounded, injured, dead, missing, captured)")
def run(ctx: Context):
    return build.claims(ctx.text, ("count", "casualties"), NAME, VERSION)
