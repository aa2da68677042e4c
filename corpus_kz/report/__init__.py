"""The report: the bundled analyses as one self-contained HTML file and a Markdown twin, with plots.

- :mod:`~corpus_kz.display`: a document's text with its spans highlighted
  (``Document._repr_html_``; standard library only);
- :mod:`~corpus_kz.report.plots`: the figures, drawn with matplotlib's headless Agg backend;
- :mod:`~corpus_kz.report.build`: the sections, rendered to HTML and Markdown and written
  by ``corpus-kz report``.

matplotlib is an optional dependency: the ``[report]`` extra (``pip install -e ".[report]"`` in a checkout).
"""
