"""Optional dependencies: import one, or say exactly what to install."""

from __future__ import annotations

import importlib


class MissingDependency(ImportError):
    """An optional library is not installed; the message says what to install."""


def require(module: str, extra: str | None = None, purpose: str = ""):
    """Import ``module`` or raise :class:`MissingDependency` naming the pip command that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        how = f"pip install 'corpus_kz[{extra}]'" if extra else f"pip install {top}"
        raise MissingDependency(f"{purpose or 'this'} needs the {top!r} package, which is not installed "
                                f"({exc}); install it with: {how}") from None
