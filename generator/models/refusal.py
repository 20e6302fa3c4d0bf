"""A value refused, in words the intake can translate."""

from __future__ import annotations


class Refusal(ValueError):
    """A value refused, as a message and a hint that the intake can put in any language.

    Its text is the English: `message — hint`, with `values` filled in.
    """

    def __init__(self, message: str, hint: str, **values: str) -> None:
        self.message, self.hint, self.values = message, hint, values
        super().__init__(f"{message % values} — {hint}")
