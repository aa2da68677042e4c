"""The project's own storage: the corpus directory, reading and checking it, writing it, its JSON Schemas.

* :mod:`.layout`: where every file of a corpus directory lives;
* :mod:`.files`: guarded reading (inside the directory, bounded, strict JSON) and atomic writing;
* :mod:`.reader`: :func:`load`, :func:`read`, :func:`validate`, :func:`read_pass`;
* :mod:`.standoff`: the standoff JSON format, one record per line;
* :mod:`.schema`: the JSON Schemas, generated from the records' field kinds.
"""

from .layout import Layout, bundled_path
from .reader import load, read, read_pass, validate

__all__ = ["Layout", "bundled_path", "load", "read", "read_pass", "validate"]
