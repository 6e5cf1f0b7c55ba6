"""Data tables: units, currencies and bound words, as plain dicts.

Each unit surface form maps to ``(kind, canonical unit, factor)``: the value in the canonical
unit is ``number * factor``. Factors are exact (1 mi = 1.609344 km, 1 nmi = 1.852 km,
1 ft = 0.0003048 km, 1 lb = 0.45359237 kg). Duration units are not converted between each
other (the contract keeps them "as written").
"""

from __future__ import annotations

MI = 1.609344
NMI = 1.852
FT = 0.0003048
LB = 0.45359237

_UNITS: dict[tuple[str, str, float], tuple[str, ...]] = {
    # distance (altitude is decided from context later)
    ("distance", "km", 1.0): (
        "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "klicks",
    ),
    ("distance", "km", MI): ("mile", "miles", "mi"),
    ("distance", "km", NMI): ("nautical mile", "nautical miles", "nmi"),
    ("distance", "km", 0.001): ("m", "metre", "metres", "meter", "meters"),
    ("distance", "km", 0.00001): ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    ("distance", "km", FT): ("ft", "foot", "feet"),
    ("distance", "km", 0.0000254): ("inch", "inches"),
    ("distance", "km", 0.0009144): ("yard", "yards", "yd", "yds"),
    # speed
    ("speed", "km/h", 1.0): (
        "km/h", "kmh", "kph", "kmph", "km per hour", "km an hour",
        "kilometres per hour", "kilometers per hour", "kilometres an hour", "kilometers an hour",
    ),
    ("speed", "km/h", MI): ("mph", "miles per hour", "miles an hour"),
    ("speed", "km/h", NMI): ("knot", "knots", "kt", "kts"),
    ("speed", "km/h", 3.6): ("m/s", "metres per second", "meters per second"),
    # weight
    ("weight", "kg", 1.0): ("kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"),
    ("weight", "kg", 1000.0): ("tonne", "tonnes", "ton", "tons", "metric ton", "metric tons"),
    ("weight", "kg", 0.001): ("g", "gram", "grams", "gramme", "grammes"),
    ("weight", "kg", 0.000001): ("mg", "milligram", "milligrams", "milligramme", "milligrammes"),
    ("weight", "kg", LB): ("lb", "lbs", "pound", "pounds"),
    # durations, as written
    ("duration", "s", 1.0): ("second", "seconds", "sec", "secs"),
    ("duration", "min", 1.0): ("minute", "minutes", "min", "mins"),
    ("duration", "h", 1.0): ("hour", "hours", "hr", "hrs"),
    ("duration", "day", 1.0): ("day", "days"),
    ("duration", "week", 1.0): ("week", "weeks"),
    ("duration", "month", 1.0): ("month", "months"),
    ("duration", "quarter", 1.0): ("quarter", "quarters"),
    ("duration", "year", 1.0): ("year", "years", "yr", "yrs"),
    ("duration", "decade", 1.0): ("decade", "decades"),
    ("duration", "century", 1.0): ("century", "centuries"),
    # other quantities
    ("other_quantity", "km2", 1.0): (
        "sq km", "km2", "km²", "square kilometres", "square kilometers", "square km",
    ),
    ("other_quantity", "km2", MI * MI): ("sq miles", "sq mi", "square miles", "square mile"),
    ("other_quantity", "ha", 1.0): ("hectare", "hectares", "ha"),
    ("other_quantity", "acre", 1.0): ("acre", "acres"),
    ("other_quantity", "MW", 1.0): ("mw", "megawatt", "megawatts"),
    ("other_quantity", "MW", 1000.0): ("gw", "gigawatt", "gigawatts"),
    ("other_quantity", "kWh", 1.0): ("kwh", "kilowatt-hours", "kilowatt hours"),
    ("other_quantity", "GB", 1.0): ("gb", "gigabyte", "gigabytes"),
    ("other_quantity", "Mbit/s", 1.0): ("mbps", "mbit/s", "megabits per second"),
    ("other_quantity", "celsius", 1.0): ("°c", "degrees celsius", "degrees centigrade", "c"),
    ("other_quantity", "fahrenheit", 1.0): ("°f", "degrees fahrenheit", "f"),
    ("other_quantity", "basis_point", 1.0): ("basis points", "basis point", "bps", "bp"),
    ("other_quantity", "barrel/day", 1.0): ("bpd", "barrels per day", "barrels a day"),
    ("other_quantity", "barrel", 1.0): ("barrel", "barrels"),
}

UNITS: dict[str, tuple[str, str, float]] = {}
for _key, _forms in _UNITS.items():
    for _f in _forms:
        UNITS[_f] = _key

# Short forms that are only units when attached to the number or clearly measuring
# ("5m" yes, "5 m" rarely; "5 c" no). Spaced use of these is ignored.
ATTACHED_ONLY = {"m", "mi", "g", "mg", "c", "f", "kt", "ha", "bp", "t", "min", "sec", "hr", "yr"}
# Spelled-out "pounds" is weight or money by context; decided in the quantity/money rules.
AMBIGUOUS_POUNDS = {"pound", "pounds"}

PERCENT_FORMS = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "per-cent": "percent",
    "pct": "percent",
    "pc": "percent",
    "percentage point": "percentage_point",
    "percentage points": "percentage_point",
    "percentage-point": "percentage_point",
    "pp": "percentage_point",
    "ppt": "percentage_point",
    "ppts": "percentage_point",
}

# Currency written before the number.
CURRENCY_PREFIX = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "nz$": "NZD",
    "nzd": "NZD",
    "hk$": "HKD",
    "hkd": "HKD",
    "s$": "SGD",
    "sgd": "SGD",
    "r$": "BRL",
    "£": "GBP",
    "gbp": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "₩": "KRW",
    "krw": "KRW",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "₽": "RUB",
    "rub": "RUB",
    "chf": "CHF",
    "sfr": "CHF",
    "₺": "TRY",
    "₪": "ILS",
}
# Currency written after the number ("5 million euros", "1.5 trillion won", "500 USD").
CURRENCY_SUFFIX = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
    "new zealand dollars": "NZD",
    "singapore dollars": "SGD",
    "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD",
    "euro": "EUR",
    "euros": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "won": "KRW",
    "rupee": "INR",
    "rupees": "INR",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "swiss francs": "CHF",
    "rand": "ZAR",
    "lira": "TRY",
    "liras": "TRY",
    "riyal": "SAR",
    "riyals": "SAR",
    "shekel": "ILS",
    "shekels": "ILS",
    "zloty": "PLN",
    "zlotys": "PLN",
    "baht": "THB",
    "ringgit": "MYR",
    "dirham": "AED",
    "dirhams": "AED",
    "naira": "NGN",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "pesos": "MXN",
    "reais": "BRL",
    "real": "BRL",
    "mexican pesos": "MXN",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "krw": "KRW",
    "chf": "CHF",
    "inr": "INR",
    "rub": "RUB",
    "aud": "AUD",
    "cad": "CAD",
}
# Sub-units: value in whole units = number * factor.
CURRENCY_MINOR = {
    "cents": ("USD", 0.01),
    "cent": ("USD", 0.01),
    "pence": ("GBP", 0.01),
    "p": ("GBP", 0.01),
}
# Written-out currencies that are also ordinary words: need a scale word or a big number.
WEAK_CURRENCY_WORDS = {"won", "rand", "real", "pound", "pounds", "dollar", "euro"}

# Bound words written before the number (longest first when compiled).
BOUND_BEFORE = {
    "over": "lower",
    "just over": "lower",
    "well over": "lower",
    "more than": "lower",
    "at least": "lower",
    "above": "lower",
    "exceeding": "lower",
    "exceeded": "lower",
    "exceeds": "lower",
    "upwards of": "lower",
    "in excess of": "lower",
    "no fewer than": "lower",
    "no less than": "lower",
    "not less than": "lower",
    "a minimum of": "lower",
    "greater than": "lower",
    "as many as": "approx",
    "as much as": "approx",
    "about": "approx",
    "around": "approx",
    "some": "approx",
    "approximately": "approx",
    "approx.": "approx",
    "roughly": "approx",
    "nearly": "approx",
    "almost": "approx",
    "close to": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "circa": "approx",
    "about the": "approx",
    "up to": "upper",
    "under": "upper",
    "just under": "upper",
    "less than": "upper",
    "fewer than": "upper",
    "at most": "upper",
    "below": "upper",
    "no more than": "upper",
    "not more than": "upper",
    "a maximum of": "upper",
    "a little over": "lower",
    "a little under": "upper",
}
BOUND_BEFORE.pop("about the")
# Bound words written after the number and its unit.
BOUND_AFTER = {
    "or more": "lower",
    "or above": "lower",
    "or over": "lower",
    "and above": "lower",
    "plus": "lower",
    "or so": "approx",
    "or less": "upper",
    "or fewer": "upper",
    "or under": "upper",
}

# Counted nouns whose plural is irregular or unmarked, mapped to the singular unit.
IRREGULAR_NOUNS = {
    "people": "person",
    "persons": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "police": "police officer",
    "personnel": "personnel",
    "staff": "staff",
    "crew": "crew member",
    "aircraft": "aircraft",
    "sheep": "sheep",
    "cattle": "cattle",
    "fish": "fish",
    "deer": "deer",
    "livestock": "livestock",
    "spacecraft": "spacecraft",
    "series": "series",
    "species": "species",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "data": "data",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "thieves": "thief",
    "media": "media",
    "dead": "person",
    "wounded": "person",
    "injured": "person",
}
# Singular nouns after "one" that still make a casualty ("one woman injured").
PERSON_NOUNS = {
    "person", "man", "woman", "child", "boy", "girl", "soldier", "civilian", "officer",
    "policeman", "worker", "journalist", "student", "teenager", "baby", "resident",
    "passenger", "pilot", "sailor", "fighter", "militant", "protester", "migrant", "police officer",
}
# Plural words that end in -s but are not countable heads (or are handled as units elsewhere).
NOT_COUNT_NOUNS = {
    "times", "points", "percent", "cents", "pence", "dollars", "euros", "pounds", "yards",
    "was", "has", "is", "as", "its", "his", "hers", "this", "thus", "yes", "us", "plus",
    "less", "unless", "across", "besides", "always", "perhaps", "whereas", "ones", "others",
    "goes", "does", "means", "says", "makes", "takes", "gives", "gets", "comes", "seems",
    "becomes", "remains", "includes", "rises", "falls", "grows", "shows", "reports",
    "wins", "runs", "sets", "puts", "lets", "hits", "cuts", "leads", "pays", "plays",
    "kills", "terms", "news", "mathematics", "economics", "politics", "physics",
    "thanks", "odds", "whereabouts", "sales", "earnings", "savings", "proceeds", "assets",
    "losses", "profits", "revenues", "goals", "seconds", "minutes", "hours", "days", "weeks",
    "months", "years", "decades", "centuries", "miles", "metres", "meters", "kilometres",
    "kilometers", "feet", "tonnes", "tons", "knots", "acres", "hectares", "degrees", "lbs",
    "kms", "kgs", "grams", "kilos", "inches", "bps", "basis", "percentage", "mins", "hrs",
    "secs", "yrs", "rupees", "roubles", "rubles", "riyals", "shekels", "dirhams", "francs",
    "pesos", "liras", "zlotys", "sq", "ms", "mps", "mbps", "cs", "ps",
    "previous", "various", "serious", "famous", "numerous", "obvious", "nervous", "dangerous",
    "enormous", "anonymous", "jealous", "generous", "continuous", "tremendous", "vs",
}
# Words that stop a counted-noun phrase (function words, pronouns, auxiliaries).
FUNCTION_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
    "that", "which", "who", "whom", "whose", "this", "these", "those", "it", "its", "their",
    "his", "her", "our", "my", "your", "than", "per", "each", "every", "into", "over", "under",
    "after", "before", "since", "until", "while", "when", "where", "if", "so", "not", "no",
    "will", "would", "could", "should", "may", "might", "can", "must", "do", "does", "did",
    "he", "she", "they", "we", "you", "i", "them", "him", "us", "there", "here", "about",
    "up", "down", "out", "off", "between", "among", "against", "during", "through", "via",
    "within", "without", "also", "just", "only", "even", "still", "yet", "then", "now",
    "all", "both", "any", "some", "such", "what", "how", "why", "ago", "later", "earlier",
    "year", "month", "week", "day", "times", "including", "like", "around", "near",
    "said", "says", "say", "told", "according", "because", "though", "although", "whether",
}
