"""Document metadata found where the text gives it: title, publication date, byline, outlet.

Nothing is invented: a field the input does not state stays ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+)?"

# Whole-line date forms seen at the head of articles.
_DATE_LINE = [
    re.compile(r"^\s*(?:date|published|posted|updated)?:?\s*(?P<iso>\d{4}-\d{2}-\d{2})\b", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
]
_LEADING_DATE = re.compile(r"^\s*date:?\s+(?P<iso>\d{4}-\d{2}-\d{2})\s*", re.I)
_BYLINE = re.compile(r"^\s*By\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\W*$")
_TITLE_MAX = 200


def parse_date(value: object) -> tuple[str, str] | None:
    """An ISO date (or datetime) string, date or datetime → ``(iso, precision)``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    s = str(value).strip()
    # YAML timestamps may put a space before the zone ("2016-02-07 10:00:00 +09:00"); the
    # date as written is the publication date, whatever the zone.
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt ][\d:.]+(?: ?(?:Z|[+-]\d{2}(?::?\d{2})?))?)?", s)
    if m:
        y, mo, d = m.groups()
        try:
            if d:
                return dt.date(int(y), int(mo), int(d)).isoformat(), "day"
            if mo and 1 <= int(mo) <= 12:
                return f"{y}-{mo}", "month"
            if not mo:
                return y, "year"
        except ValueError:
            return None
        return None
    for pattern in _DATE_LINE[1:]:
        m = pattern.fullmatch(s)
        if m:
            return _from_match(m)
    return None


def _from_match(m: re.Match) -> tuple[str, str] | None:
    groups = m.groupdict()
    try:
        if groups.get("iso"):
            return dt.date.fromisoformat(groups["iso"]).isoformat(), "day"
        month = MONTHS[groups["month"].lower().rstrip(".")]
        return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat(), "day"
    except (KeyError, ValueError):
        return None


def date_in_line(line: str) -> tuple[str, str] | None:
    """A publication date written as a line of its own (``Tue Aug 15 2023``)."""
    if len(line) > 60:
        return None
    for pattern in _DATE_LINE:
        m = pattern.match(line)
        if m and not line[m.end() :].strip(" ,.|"):
            return _from_match(m)
    return None


def text_header(text: str) -> dict:
    """Title, publication date and byline from the first lines of a plain-text article.

    Three styles are recognised: a leading ``date 2024-01-03`` before the title on the
    same line, a date on a line of its own near the top, and none at all. The title is
    the first line when it reads like a headline (short, not a sentence run-on).
    """
    meta: dict = {"title": None, "published": None, "published_precision": None, "byline": None}
    lines = [ln for ln in text.split("\n", 12)[:12]]
    first = next((ln for ln in lines if ln.strip()), "")
    m = _LEADING_DATE.match(first)
    if m:
        meta["published"], meta["published_precision"] = m.group("iso"), "day"
        first = first[m.end() :]
    candidate = first.strip()
    if candidate and len(candidate) <= _TITLE_MAX and not _looks_like_sentence(candidate):
        meta["title"] = candidate
    for line in lines[1:]:
        if meta["published"] is None:
            found = date_in_line(line.strip())
            if found:
                meta["published"], meta["published_precision"] = found
                continue
        if meta["byline"] is None:
            b = _BYLINE.match(line)
            if b:
                meta["byline"] = b.group("name").rstrip("*")
    return meta


def _looks_like_sentence(line: str) -> bool:
    # Headlines rarely end in a full stop and rarely run past two dozen words.
    return (line.endswith(".") and len(line.split()) > 12) or len(line.split()) > 30


# Outlets we can name from a URL's host; any other host is kept as the bare domain.
_OUTLETS = {
    "reuters.com": "Reuters",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "apnews.com": "Associated Press",
    "cnn.com": "CNN",
    "usatoday.com": "USA Today",
    "cbssports.com": "CBS Sports",
    "nbcnews.com": "NBC News",
    "yonhapnews.co.kr": "Yonhap",
    "koreaherald.com": "The Korea Herald",
    "japantimes.co.jp": "The Japan Times",
    "wired.com": "Wired",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "foxnews.com": "Fox News",
    "npr.org": "NPR",
    "bloomberg.com": "Bloomberg",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "latimes.com": "Los Angeles Times",
    "aljazeera.com": "Al Jazeera",
    "people.com": "People",
    "buzzfeed.com": "BuzzFeed News",
    "thehill.com": "The Hill",
    "politico.com": "Politico",
    "time.com": "Time",
    "forbes.com": "Forbes",
    "cnbc.com": "CNBC",
    "theatlantic.com": "The Atlantic",
    "nypost.com": "New York Post",
    "huffingtonpost.com": "HuffPost",
    "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph",
    "dailymail.co.uk": "Daily Mail",
    "kcna.kp": "KCNA",
}


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    parts_ = urlsplit(url.strip())
    host = (parts_.hostname or "").lower()
    if not host:
        return None
    target = parse_qs(parts_.query).get("url") if host.startswith("news.google.") else None
    if target:
        # a news aggregator's redirect: the outlet is whoever published the target
        return outlet_from_url(target[0])
    parts = host.split(".")
    for i in range(len(parts) - 1):
        domain = ".".join(parts[i:])
        if domain in _OUTLETS:
            return _OUTLETS[domain]
    # keep the registrable-looking tail: www.example.co.uk → example.co.uk
    tail = 3 if len(parts) > 2 and len(parts[-1]) == 2 and parts[-2] in {"co", "com", "org", "ac", "gov"} else 2
    return ".".join(parts[-tail:])
