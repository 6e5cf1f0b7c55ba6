"""Data tables: units, currencies and bound words, as plain dicts.

Each unit surface form maps to ``(kind, canonical unit, factor)``: the value in the canonical
unit is ``number * factor``. Factors are exact (1 in = 0.0254 m, 1 ft = 0.3048 m,
1 yd = 0.9144 m, 1 mi = 1.609344 km, 1 nmi = 1.852 km, 1 lb = 0.45359237 kg,
1 oz = 0.028349523125 kg). Duration units are not converted between each other (the
contract keeps them "as written"; a millisecond is 0.001 s).

Canonical units of ``other_quantity`` (the contract names none; these are ours):

======================  ============  ==========================================================
quantity                canonical     conversions (exact)
======================  ============  ==========================================================
temperature             ``celsius``,  as written, never converted (°C, degrees Celsius, 30C with
                        ``fahrenheit`` a temperature word nearby; °F, degrees Fahrenheit); ``degree``
                        ``degree``    when the scale is not written ("45 degrees", "85°")
area                    ``km2``       ha = 0.01, acre = 0.0040468564224, sq mi = 2.589988110336,
                                      m² = 1e-6, sq ft = 9.290304e-8
volume                  ``L``         ml = 0.001, m³ = 1000, US gallon = 3.785411784,
                                      imperial gallon = 4.54609, cubic foot = 28.316846592
oil                     ``barrel``    barrels and barrels per day (``barrel/day``) kept as written
power                   ``MW``        W = 1e-6, kW = 0.001, GW = 1000, TW = 1e6
energy                  ``kWh``       Wh = 0.001, MWh = 1000, GWh = 1e6, TWh = 1e9
data                    ``GB``        decimal: KB = 1e-6, MB = 0.001, TB = 1000, PB = 1e6
data rate               ``Mbit/s``    kbps = 0.001, Gbps = 1000
frequency               ``Hz``        kHz = 1e3, MHz = 1e6, GHz = 1e9
other                   ``hp``, ``V``, ``dB``, ``kcal``, ``basis_point``, ``times`` (multipliers)
======================  ============  ==========================================================

"ton" is read as the metric tonne (1,000 kg) unless written "short ton" (907.18474 kg) or
"long ton" (1,016.0469088 kg).
"""

from __future__ import annotations

MI = 1.609344
NMI = 1.852
FT = 0.0003048
IN = 0.0000254
LB = 0.45359237
OZ = 0.028349523125
SQ_MI = 2.589988110336
ACRE = 0.0040468564224
US_GAL = 3.785411784
IMP_GAL = 4.54609
CU_FT = 28.316846592

_UNITS: dict[tuple[str, str, float], tuple[str, ...]] = {
    # distance (altitude is decided from context later)
    ("distance", "km", 1.0): (
        "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "klicks",
    ),
    ("distance", "km", MI): ("mile", "miles", "mi"),
    ("distance", "km", NMI): ("nautical mile", "nautical miles", "nmi"),
    ("distance", "km", 0.001): ("m", "metre", "metres", "meter", "meters"),
    ("distance", "km", 0.00001): ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    ("distance", "km", 0.000001): ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    ("distance", "km", FT): ("ft", "foot", "feet"),
    ("distance", "km", IN): ("inch", "inches", "in"),
    ("distance", "km", 0.0009144): ("yard", "yards", "yd", "yds"),
    # speed
    ("speed", "km/h", 1.0): (
        "km/h", "km/hr", "kmh", "kph", "kmph", "km per hour", "km an hour",
        "kilometres per hour", "kilometers per hour", "kilometres an hour", "kilometers an hour",
        "kilometre per hour", "kilometer per hour", "kilometre an hour", "kilometer an hour",
    ),
    ("speed", "km/h", MI): ("mph", "m.p.h.", "m.p.h", "miles per hour", "miles an hour", "mile per hour", "mile an hour", "mi/h"),
    ("speed", "km/h", NMI): ("knot", "knots", "kt", "kts"),
    ("speed", "km/h", 3.6): (
        "m/s", "metres per second", "meters per second", "metres a second", "meters a second",
        "metre per second", "meter per second",
    ),
    ("speed", "km/h", 1.09728): ("ft/s", "feet per second", "feet a second"),
    # weight
    ("weight", "kg", 1.0): ("kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos",
                            "k.g.", "k.g", "k.gs"),
    ("weight", "kg", 1000.0): (
        "tonne", "tonnes", "ton", "tons", "metric ton", "metric tons", "metric tonne", "metric tonnes", "t",
    ),
    ("weight", "kg", 907.18474): ("short ton", "short tons"),
    ("weight", "kg", 1016.0469088): ("long ton", "long tons"),
    ("weight", "kg", 0.001): ("g", "gram", "grams", "gramme", "grammes", "gs"),
    ("weight", "kg", 0.000001): ("mg", "milligram", "milligrams", "milligramme", "milligrammes"),
    ("weight", "kg", LB): ("lb", "lbs", "pound", "pounds"),
    ("weight", "kg", OZ): ("oz", "ounce", "ounces"),
    ("weight", "kg", 0.0311034768): ("troy ounce", "troy ounces", "oz t", "ozt"),
    ("weight", "kg", 14 * LB): ("stone",),
    # durations, as written
    ("duration", "s", 0.001): ("millisecond", "milliseconds", "ms"),
    ("duration", "s", 1.0): ("second", "seconds", "sec", "secs"),
    ("duration", "min", 1.0): ("minute", "minutes", "min", "mins"),
    ("duration", "h", 1.0): ("hour", "hours", "hr", "hrs", "h"),
    ("duration", "day", 1.0): ("day", "days"),
    ("duration", "week", 1.0): ("week", "weeks"),
    ("duration", "day", 14.0): ("fortnight", "fortnights"),
    ("duration", "month", 1.0): ("month", "months"),
    ("duration", "quarter", 1.0): ("quarter", "quarters"),
    ("duration", "year", 1.0): ("year", "years", "yr", "yrs"),
    ("duration", "decade", 1.0): ("decade", "decades"),
    ("duration", "century", 1.0): ("century", "centuries"),
    # other quantities: area in km2
    ("other_quantity", "km2", 1.0): (
        "sq km", "sq. km", "km2", "km²", "square kilometres", "square kilometers", "square km",
        "square kilometre", "square kilometer", "sq kilometres", "sq kilometers",
    ),
    ("other_quantity", "km2", SQ_MI): ("sq miles", "sq mi", "square miles", "square mile", "sq mile"),
    ("other_quantity", "km2", 0.01): ("hectare", "hectares", "ha"),
    ("other_quantity", "km2", ACRE): ("acre", "acres"),
    ("other_quantity", "km2", 0.000001): (
        "sq m", "m2", "m²", "square metres", "square meters", "square metre", "square meter",
    ),
    ("other_quantity", "km2", FT * FT): ("sq ft", "square feet", "square foot", "ft2", "ft²"),
    # volume in litres
    ("other_quantity", "L", 1.0): ("l", "litre", "litres", "liter", "liters"),
    ("other_quantity", "L", 0.001): ("ml", "millilitre", "millilitres", "milliliter", "milliliters", "mls"),
    ("other_quantity", "L", 1000.0): (
        "m3", "m³", "cubic metre", "cubic metres", "cubic meter", "cubic meters",
    ),
    ("other_quantity", "L", US_GAL): ("gallon", "gallons", "gal", "gals", "us gallons", "u.s. gallons"),
    ("other_quantity", "L", IMP_GAL): ("imperial gallon", "imperial gallons"),
    ("other_quantity", "L", CU_FT): ("cubic foot", "cubic feet", "cu ft"),
    # power in MW, energy in kWh
    ("other_quantity", "MW", 0.000001): ("w", "watt", "watts"),
    ("other_quantity", "MW", 0.001): ("kw", "kilowatt", "kilowatts"),
    ("other_quantity", "MW", 1.0): ("mw", "megawatt", "megawatts"),
    ("other_quantity", "MW", 1000.0): ("gw", "gigawatt", "gigawatts"),
    ("other_quantity", "MW", 1000000.0): ("tw", "terawatt", "terawatts"),
    ("other_quantity", "kWh", 0.001): ("wh", "watt-hours", "watt hours", "watt-hour", "watt hour"),
    ("other_quantity", "kWh", 1.0): ("kwh", "kilowatt-hours", "kilowatt hours", "kilowatt-hour", "kilowatt hour"),
    ("other_quantity", "kWh", 1000.0): ("mwh", "megawatt-hours", "megawatt hours", "megawatt-hour", "megawatt hour"),
    ("other_quantity", "kWh", 1000000.0): ("gwh", "gigawatt-hours", "gigawatt hours", "gigawatt-hour", "gigawatt hour"),
    ("other_quantity", "kWh", 1000000000.0): ("twh", "terawatt-hours", "terawatt hours", "terawatt-hour", "terawatt hour"),
    # data in GB (decimal prefixes)
    ("other_quantity", "GB", 0.000001): ("kb", "kilobyte", "kilobytes"),
    ("other_quantity", "GB", 0.001): ("mb", "megabyte", "megabytes"),
    ("other_quantity", "GB", 1.0): ("gb", "gigabyte", "gigabytes"),
    ("other_quantity", "GB", 1000.0): ("tb", "terabyte", "terabytes"),
    ("other_quantity", "GB", 1000000.0): ("pb", "petabyte", "petabytes"),
    ("other_quantity", "Mbit/s", 0.001): ("kbps", "kbit/s", "kilobits per second"),
    ("other_quantity", "Mbit/s", 1.0): ("mbps", "mbit/s", "mb/s", "megabits per second"),
    ("other_quantity", "Mbit/s", 1000.0): ("gbps", "gbit/s", "gigabits per second"),
    ("other_quantity", "Hz", 1.0): ("hz", "hertz"),
    ("other_quantity", "Hz", 1000.0): ("khz", "kilohertz"),
    ("other_quantity", "Hz", 1000000.0): ("mhz", "megahertz"),
    ("other_quantity", "Hz", 1000000000.0): ("ghz", "gigahertz"),
    ("other_quantity", "hp", 1.0): ("hp", "horsepower", "bhp"),
    ("other_quantity", "V", 1.0): ("v", "volt", "volts"),
    ("other_quantity", "V", 1000.0): ("kv", "kilovolt", "kilovolts"),
    ("other_quantity", "dB", 1.0): ("db", "decibel", "decibels"),
    ("other_quantity", "kcal", 1.0): ("kcal", "calorie", "calories", "kilocalorie", "kilocalories"),
    # temperature, as written
    ("other_quantity", "celsius", 1.0): (
        "°c", "° c", "ºc", "℃", "degrees celsius", "degrees centigrade", "degree celsius", "deg c",
        "degrees c", "c", "celsius", "centigrade", "° celsius", "°celsius", "deg celsius", "deg. celsius",
        "degrees celcius", "celcius", "° centigrade",
    ),
    ("other_quantity", "fahrenheit", 1.0): (
        "°f", "° f", "ºf", "℉", "degrees fahrenheit", "degree fahrenheit", "deg f", "degrees f", "f",
        "fahrenheit", "° fahrenheit", "°fahrenheit", "deg fahrenheit", "deg. fahrenheit", "degrees farenheit",
        "farenheit",
    ),
    ("other_quantity", "basis_point", 1.0): ("basis points", "basis point", "bps", "bp"),
    ("other_quantity", "barrel/day", 1.0): ("bpd", "barrels per day", "barrels a day", "b/d"),
    ("other_quantity", "barrel", 1.0): ("barrel", "barrels"),
    # earthquakes: "a 7.8-magnitude quake" (the scale's own number, no unit conversion)
    ("other_quantity", "magnitude", 1.0): ("magnitude",),
    # a temperature whose scale is not written ("45 degrees", "85°"): unit ``degree``; angles
    # ("turn 90 degrees", "a 45° slope", "360-degree view") are left out by context in measures.py
    ("other_quantity", "degree", 1.0): ("degrees", "degree", "°", "º", "deg", "deg."),
}

UNITS: dict[str, tuple[str, str, float]] = {}
for _key, _forms in _UNITS.items():
    for _f in _forms:
        UNITS[_f] = _key

# Short forms that are only units when attached to the number or clearly measuring
# ("5m" yes, "5 m" rarely; "5 c" no). Spaced use of these is ignored.
ATTACHED_ONLY = {
    "m", "mi", "g", "mg", "c", "f", "kt", "ha", "bp", "t", "min", "sec", "hr", "yr", "h", "l", "ml",
    "in", "w", "v", "ms", "gal", "oz t", "ozt", "stone", "db", "kb", "pb", "tw", "hz", "yd", "gs",
}
# Attached-only forms that are never units when spaced ("5 in 10", "30 N, 5 W", "Grade 5 C").
STRICT_ATTACHED = {"in", "w", "v", "c", "f"}
# Short forms that are units only in these cases ("2.5L" but not "5l"; "4GB" but "5 mb" is
# millibars; "60W", "240V", "1TB" but "5 tb"...).
CASED_FORMS = {
    "l": {"L", "l"}, "ml": {"ml", "mL"}, "mb": {"MB"}, "kb": {"KB", "kB"}, "tb": {"TB"}, "pb": {"PB"},
    "gb": {"GB", "gb"}, "w": {"W"}, "kw": {"kW", "KW", "kw"}, "mw": {"MW", "mw"}, "gw": {"GW", "gw"},
    "tw": {"TW"}, "wh": {"Wh"}, "kwh": {"kWh", "KWh", "kwh"}, "mwh": {"MWh"}, "gwh": {"GWh"},
    "twh": {"TWh"}, "v": {"V"}, "kv": {"kV", "KV"}, "hz": {"Hz"}, "khz": {"kHz", "KHz"},
    "mhz": {"MHz", "Mhz"}, "ghz": {"GHz", "Ghz"}, "db": {"dB"}, "ms": {"ms"}, "h": {"h"},
    "hp": {"hp", "HP", "bhp"}, "in": {"in"}, "mm": {"mm"}, "gal": {"gal"}, "t": {"t"},
    "m2": {"m2"}, "m3": {"m3"}, "ft2": {"ft2"}, "c": {"C"}, "f": {"F"}, "gs": {"gs"},
}
# Spaced short forms ("100 m", "2.5 t", "500 g") count only before one of these: the end of a
# clause or a word that measures ("tall", "of", "in diameter").
SPACED_SHORT_NEXT = (
    r"\s*(?:[.,;:!?)\]]|$)|\s+[x×]\s*\d|\s+\d+(?:\.\d+)?\s?[cdm]?m\b|\s+(?:tall|high|long|wide|deep|thick|across|away|above|below|"
    r"underground|underwater|up|down|of|from|in\s+(?:height|length|diameter|width|depth|size|radius|area)"
    r"|per|each|apart|behind|ahead|off|an?\s+(?:day|week|month|year|hour|minute|second)"
    r"|(?:and|or|to)\s+(?:about\s+|~)?\d)\b"
)
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
    # Swedish plural and singular as the news writes them without "Swedish" ("19bn kronor");
    # "krone"/"kroner" stay out: Danish or Norwegian, the bare word does not say which
    "kronor": "SEK",
    "krona": "SEK",
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
    "higher than": "lower",
    "lower than": "upper",
    # "as many as 100", "as much as $6bn", "as high as 56 degrees": at most (the gold convention:
    # README.md, reuters.md)
    "as many as": "upper",
    "as much as": "upper",
    "as high as": "upper",
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
    # "within 50 minutes", "within five years", "within 1,000 yards": no more than (the gold's
    # convention); "within the next five years" has no number next to it and stays unbounded
    "within": "upper",
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
    # "-oes" plurals of words in "-oe" (the rule strips "es": "heroes" -> "hero", "shoes" -> "sho")
    "shoes": "shoe", "canoes": "canoe", "oboes": "oboe", "horseshoes": "horseshoe", "snowshoes": "snowshoe",
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


# Nouns that name a race after a distance written "400m": there "m" is metres, not million
# ("the 400m hurdles", "200m freestyle final"), while "5m people" stays five million.
RACE_EVENTS = (
    "hurdles", "freestyle", "backstroke", "breaststroke", "butterfly", "medley", "individual medley",
    "relay", "sprint", "steeplechase", "dash", "race", "races", "final", "finals", "semi-final",
    "heat", "heats", "title", "record", "world record", "champion", "event", "runner", "runners",
)


# People named by role before an age in commas: "The CEO, 54, resigned", "her husband, 61,".
PERSON_ROLES = (
    "man", "woman", "boy", "girl", "mother", "father", "son", "daughter", "wife", "husband", "brother",
    "sister", "widow", "widower", "grandmother", "grandfather", "ceo", "chairman", "chairwoman",
    "chief executive", "president", "director", "founder", "owner", "actor", "actress", "singer",
    "rapper", "star", "player", "striker", "coach", "manager", "driver", "pilot", "teacher", "student",
    "nurse", "doctor", "officer", "soldier", "suspect", "victim", "defendant", "lawyer", "minister",
    "senator", "governor", "mayor", "leader", "author", "writer", "artist", "musician", "comedian",
    "presenter", "journalist", "executive", "investor", "billionaire", "businessman", "businesswoman",
    "farmer", "worker", "resident", "gunman", "attacker", "candidate", "champion", "winner",
)


# ---- generated lexicon (CLDR currencies, Pint units): see :mod:`.lexicon` -----------------
# The hand tables above win where both name a form (they carry news conventions: "ton" is the
# tonne, "mb" is no megabyte); the generated forms fill in what they lack ("nanometres",
# "μm", "gigatonnes", "MPa", "Nm", "lb-ft", "cubic kilometres").
from . import lexicon as _LX  # noqa: E402

GENERATED_UNITS: set[str] = set()
for _form, (_kind, _unit, _factor, _cased) in _LX.UNIT_FORMS.items():
    _key = _form.lower()
    if _key in UNITS:
        continue
    UNITS[_key] = (_kind, _unit, _factor)
    GENERATED_UNITS.add(_key)
    if _cased:
        CASED_FORMS.setdefault(_key, set()).add(_form)
        if len(_key) <= 2 and _key.isascii() and _key.isalpha() and _form.islower():
            ATTACHED_ONLY.add(_key)  # "5nm" yes, spaced "5 nm" only before "of", "wide", a clause end

# Currency names written after the number ("42 kuwaiti dinars", "250 million Dutch guilders").
for _name, _code in _LX.CURRENCY_NAMES.items():
    CURRENCY_SUFFIX.setdefault(_name, _code)
# Bare currency words CLDR leaves ambiguous (a "dinar" is Iraqi, Kuwaiti, Serbian...): the news
# default, or the currency still named that way ("guilders" were Dutch).
CURRENCY_SUFFIX.update({
    k: v for k, v in {
        "bucks": "USD", "buck": "USD", "quid": "GBP", "francs": "CHF", "franc": "CHF", "dinars": "IQD",
        "dinar": "IQD", "rials": "IRR", "rial": "IRR", "pesetas": "ESP", "peseta": "ESP", "guilders": "NLG",
        "guilder": "NLG", "markka": "FIM", "markkaa": "FIM", "tugriks": "MNT", "tugrik": "MNT",
        "ringgits": "MYR", "kwacha": "ZMW", "shillings": "KES", "bitcoins": "BTC", "bitcoin": "BTC",
        "btc": "BTC", "deutschmarks": "DEM", "deutsche marks": "DEM", "kuai": "CNY", "rmb": "CNY",
        # the Egyptian pound as Egyptian and Gulf papers write it ("LE 42", "42 L.E."), country-name forms
        "le": "EGP", "l.e.": "EGP", "l.e": "EGP", "egyptianpound": "EGP", "egyptian pounds": "EGP", "geneh": "EGP",
        "genihat masriya": "EGP", "saudiriyal": "SAR", "saudi riyal": "SAR", "saudi riyals": "SAR",
        "malaysia ringgit": "MYR", "malaysia ringgits": "MYR", "malaysian ringgits": "MYR",
    }.items() if k not in CURRENCY_SUFFIX
})
WEAK_CURRENCY_WORDS |= {"buck", "franc", "real", "mark"}
CURRENCY_MINOR.update({
    "kopeck": ("RUB", 0.01), "kopek": ("RUB", 0.01), "satoshi": ("BTC", 1e-8),
    "penny": ("GBP", 0.01), "pennies": ("GBP", 0.01), "¢": ("USD", 0.01), "c": ("USD", 0.01),
    "sen": ("MYR", 0.01), "sens": ("MYR", 0.01), "kopiyka": ("UAH", 0.01), "kopiykas": ("UAH", 0.01),
    "kopecks": ("RUB", 0.01), "kopeks": ("RUB", 0.01), "satoshis": ("BTC", 1e-8),
})
# ISO codes, read before or after a number as written in capitals ("42 KWD", "UAH 3.04", "115USD").
CURRENCY_CODES: frozenset[str] = _LX.CURRENCY_CODES | {"BTC"}
# Signs written before or after the number: the hand-chosen news readings ("$" is the US dollar,
# "C$" the Canadian) then the signs CLDR gives one currency ("₹", "₾", "RM", "zł").
CURRENCY_SIGNS: dict[str, str] = {
    "$": "USD", "US$": "USD", "USD$": "USD", "$US": "USD", "U.S.$": "USD", "AU$": "AUD", "A$": "AUD",
    "AUD$": "AUD", "CA$": "CAD", "C$": "CAD", "CAD$": "CAD", "NZ$": "NZD", "NZD$": "NZD", "HK$": "HKD",
    "S$": "SGD", "R$": "BRL", "Mex$": "MXN", "MX$": "MXN", "MXN$": "MXN", "£": "GBP", "€": "EUR", "¥": "JPY",
    "元": "CNY", "₿": "BTC", "Rs": "INR", "Rs.": "INR",
}
for _sym, _code in _LX.CURRENCY_SYMBOLS.items():
    CURRENCY_SIGNS.setdefault(_sym, _code)
