"""The HTML report over the bundled analyses (issue: analyses, an HTML report with plots).

It will render :mod:`corpus_kz.analyses` into one self-contained HTML file,
written atomically through :mod:`corpus_kz.storage.files`.
"""
