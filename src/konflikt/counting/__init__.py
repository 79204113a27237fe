"""Counts of people in news text: numbers (digits, words, vague amounts), their hedges, what is
counted and what happened to them. Driven by ``lang/<code>/numbers.toml`` and ``counts.toml``.

>>> [ (q.best, q.who, q.status) for q in extract_quantities("Fire soldater ble drept.") ]
[(4, 'soldiers', 'killed')]
"""

from konflikt.counting.numbers import NumberPhrase, parse_number, scan_numbers
from konflikt.counting.people import extract_quantities

__all__ = ["NumberPhrase", "extract_quantities", "parse_number", "scan_numbers"]
