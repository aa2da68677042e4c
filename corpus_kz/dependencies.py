"""Optional dependencies: import one, or say exactly what to install, for this copy of corpus_kz."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

#: The distribution's name, as pyproject.toml declares it (pip normalises it to corpus-kz).
DISTRIBUTION = "corpus_kz"


class MissingDependency(ImportError):
    """An optional library is not installed; the message says what to install."""


def require(module: str, extra: str | None = None, purpose: str = ""):
    """Import ``module`` or raise :class:`MissingDependency` naming the pip command that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        how = install_command(extra) if extra else f"pip install {top}"
        raise MissingDependency(f"{purpose or 'this'} needs the {top!r} package, which is not installed "
                                f"({exc}); install it with: {how}") from None


def install_command(extra: str) -> str:
    """The pip command that installs the extra ``extra`` for the corpus_kz that is running, with the packages it names.

    ``pip install 'corpus_kz[brat]'`` asks an index for corpus_kz, which is wrong for a checkout (run from it or
    installed editable from it: ``pip install -e ".[brat]"`` there) and for a copy installed from a local
    folder or wheel (that path, with the extra). Where the copy came from is read from the checkout's
    ``pyproject.toml`` beside the package, else from the installed distribution's ``direct_url.json`` (PEP 610).
    """
    root = Path(__file__).resolve().parent.parent
    checkout = _checkout_requirements(root, extra)
    if checkout is not None:
        how, packages = f'pip install -e ".[{extra}]" (in the checkout, {root})', checkout
    else:
        how, packages = _installed_command(extra)
    if not packages:
        return how
    return f"{how}; or the packages themselves: pip install {' '.join(repr(p) for p in packages)}"


def _checkout_requirements(root: Path, extra: str) -> list[str] | None:
    """The extra's packages, if ``root`` is a checkout of corpus_kz (its pyproject.toml names it); else None."""
    import tomllib

    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, ValueError):
        return None
    if project.get("name") != DISTRIBUTION:
        return None
    return list(project.get("optional-dependencies", {}).get(extra, []))


def _installed_command(extra: str) -> tuple[str, list[str]]:
    """The command for an installed corpus_kz: from its index by name, or from the folder or wheel it came from."""
    from importlib import metadata

    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return f"pip install '{DISTRIBUTION}[{extra}]'", []
    marker = re.compile(rf"""extra\s*==\s*["']{re.escape(extra)}["']""")
    split = [r.split(";", 1) for r in dist.requires or ()]
    packages = [r[0].strip() for r in split if len(r) == 2 and marker.search(r[1])]
    try:
        origin = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        origin = None
    url = urlparse(origin.get("url", "")) if isinstance(origin, dict) else None
    if url is not None and url.scheme == "file" and Path(unquote(url.path)).exists():
        editable = "-e " if (origin.get("dir_info") or {}).get("editable") else ""
        return f'pip install {editable}"{unquote(url.path)}[{extra}]"', packages
    return f"pip install '{dist.metadata['Name'] or DISTRIBUTION}[{extra}]'", packages
