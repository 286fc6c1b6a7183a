"""The Textual app: the only part of Chokepoint that imports textual.

``game.tui.app.run_app`` is the entry point the ``chokepoint`` command calls. The app is a shell
over the engine: sessions, orders, fog and the log all come from the core; the screens here only
show them and collect a player's choices.
"""
