"""One error type for every problem found in corpus files.

A problem names the file, the record and the field, what was found and
what was expected, so that a researcher can fix a file without a debugger.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one field of one record of one file."""

    file: str
    record: str | None
    field: str | None
    found: str
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f": record {self.record}"
        if self.field is not None:
            where += f": field {self.field!r}"
        return f"{where}: found {self.found}, expected {self.expected}"


class CorpusError(ValueError):
    """Raised when corpus files are broken; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("CorpusError needs at least one problem")
        self.problems = list(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        super().__init__(first if not more else f"{first} (and {more} more problem{'s' * (more > 1)})")
