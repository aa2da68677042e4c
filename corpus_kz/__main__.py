"""``python -m corpus_kz``: the same as the ``corpus-kz`` command."""

from .cli import main

raise SystemExit(main())
