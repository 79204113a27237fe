"""Time expressions in news text, normalised to intervals against the publication date.

The grammar is data (``lang/<code>/time.toml``: words and patterns) plus a small set of rules
(resolve.py: what a pattern means) and one discourse rule (grammar.py: anchoring bare dates).

>>> [(t.text, str(t.start_date), str(t.end_date), t.precision)
...  for t in find_times("I juni 2014 falt byen. Få uker etter, 4. juli, ble kalifatet utropt.", "2017-07")]
[('I juni 2014', '2014-06-01', '2014-06-30', 'month'), ('4. juli', '2014-07-04', '2014-07-04', 'day')]
"""

from konflikt.temporal.grammar import find_times
from konflikt.temporal.lexicon import time_lexicon

__all__ = ["find_times", "time_lexicon"]
