"""Money in any currency: "$35 billion", "US$4.7bn", "£600m", "1.5 trillion won", "USD 5 million"."""

from __future__ import annotations

from factdb.extract.registry import Context, register

from . import build

NAME = "money"
VERSION = "1.20.1"


@register(NAME, VERSION, "amounts of money with ISO currency, value in whole units")
def run(ctx: Context):
    return build.claims(ctx.text, ("money",), NAME, VERSION)
