"""Types of trialnorm's native module (re-exported by ``trialnorm``)."""

import os
from collections.abc import Iterable, Iterator
from typing import Any, Literal, Union, final

import pyarrow

#: A normalized record: every key of the record, in order (see ``schema()``).
_Record = dict[str, Any]
#: One input of ``parse``: the document's bytes, its text (``str``), or a file.
_Data = Union[bytes, bytearray, str, os.PathLike[str]]
#: A path: a file, directory, glob pattern, ``.zip``, ``.gz`` or JSON Lines file.
_Path = Union[str, os.PathLike[str]]

__all__ = [
    "FORMATS",
    "ParseError",
    "Reader",
    "__version__",
    "parse",
    "parse_all",
    "read",
    "schema",
    "tables",
]

__version__: str
#: The format names ``format=`` takes.
FORMATS: tuple[str, ...]

class ParseError(ValueError):
    """An input, or one study in it, could not be read as a trial record.

    ``str(error)`` is ``<input>: <reason>``.
    """

    #: The input: a path as named, ``<bytes>`` or ``<str>``.
    input: str
    #: Where in the input: zip entry, ``line N`` of JSON Lines, ``#n`` for the n-th study.
    position: str | None
    #: The format name when it was detected or forced.
    format: str | None
    #: The line (from 1) of the input, or of its zip entry or JSON Lines file, where the
    #: reason's place is (a malformed export's); None when the error has no place.
    line: int | None
    #: The column (from 1, in bytes) of that place; None with ``line``.
    column: int | None
    #: What went wrong.
    reason: str

def parse(data: _Data, format: str | None = None) -> _Record:
    """One study record as a dict; ``os.PathLike`` is a file, and so is a ``str`` of one
    line that is not JSON or markup; any other ``str`` is the document's text.

    Raises ``ParseError`` when the input is not one readable study, ``OSError``
    (``FileNotFoundError``, ...) when its file cannot be read, ``ValueError`` for an unknown
    format name.
    """

def parse_all(
    data: _Data,
    format: str | None = None,
    errors: Literal["raise", "ignore"] = "raise",
) -> list[_Record]:
    """Every study of one input, as dicts in input order."""

@final
class Reader(Iterator[_Record]):
    """The records of a ``read`` run, in input order."""

    #: Failures kept with ``errors="collect"``, in input order.
    @property
    def errors(self) -> list[ParseError]: ...
    #: Records yielded so far.
    @property
    def parsed(self) -> int: ...
    #: Records (or whole inputs) that failed so far.
    @property
    def failed(self) -> int: ...
    def __iter__(self) -> Reader: ...
    def __next__(self) -> _Record: ...
    def close(self) -> None:
        """Stops the run; iteration then stops."""

def read(
    inputs: _Path | Iterable[_Path],
    jobs: int | None = None,
    errors: Literal["collect", "raise", "ignore"] = "collect",
    format: str | None = None,
) -> Reader:
    """Every record of files, directories, globs, zips, gzips and JSON Lines.

    ``errors="collect"`` keeps failures in ``Reader.errors``; ``"raise"`` raises the first;
    ``"ignore"`` only counts them.
    """

def tables(
    inputs: _Path | Iterable[_Path],
    jobs: int | None = None,
    errors: Literal["collect", "raise", "ignore"] = "collect",
    format: str | None = None,
) -> dict[str, pyarrow.Table]:
    """The relational tables (``studies``, ``sites``, ...) as pyarrow tables.

    With ``errors="collect"`` an ``errors`` table lists the failures.
    """

def schema() -> dict[str, Any]:
    """The JSON Schema of the normalized record."""
