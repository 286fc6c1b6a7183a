"""The after-action report, built from a session log alone (never imports textual).

:func:`game.report.model.build_debrief` computes the debrief data from a replayed log;
:mod:`game.report.markdown` and :mod:`game.report.html` render it; :mod:`game.report.svg` draws
the inline charts.
"""
