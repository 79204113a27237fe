"""Helpers of the events stage: triggers, arguments, figures, merging and confidence (issue 6)."""
