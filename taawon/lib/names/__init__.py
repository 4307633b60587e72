"""Person names in Arabic and Latin script: tokens, phonetic keys, search and index keys.

A name reaches the registry as typed by whoever registered the person: محمد, Mohammed,
Muhammad or Mohamad; عبد الرحمن, Abdel Rahman or Abdulrahman; El-Khalil, Al Khalil or الخليل.
`name_tokens` cuts a name into normalised tokens (one token per compound name), and
`phonetic_key` maps a token of either script to a key that the variants share.

The key is a consonant skeleton with the vowels Arabic writes (long i, long u, a final a).
Arabic leaves short vowels unwritten, so a Latin vowel is ambiguous (the i of Khalid is short,
that of Walid long); a Latin token is read in each plausible way and the reading that spells a
known Arabic name (taawon/lib/data/arabic_names.tsv) wins, else the most common reading.
"""

from __future__ import annotations

from .habits import (  # noqa: F401
    habit_forms,
    same_by_habit,
)
from .keys import (  # noqa: F401
    SearchTerm,
    index_keys,
    keyed_tokens,
    search_terms,
    without_article,
)
from .lexicon import (  # noqa: F401
    DATA,
    KnownName,
    distinct_lookalike_names,
    known_names,
    lookalike_names,
)
from .phonetic import (  # noqa: F401
    MAX_KEY_LENGTH,
    is_known_name,
    latin_readings,
    listed_key,
    phonetic_key,
    reading_distance,
)
from .romanise import (  # noqa: F401
    romanise_arabic,
)
from .tokens import (  # noqa: F401
    name_tokens,
    normalise_latin,
)
