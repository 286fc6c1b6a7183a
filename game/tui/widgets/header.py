"""The header: Textual's, except that a header being taken down ignores a title change.

Textual's ``Header`` watches the app's and the screen's title and sub-title and writes them into
its ``HeaderTitle`` child, also once right after it mounts. A screen removed just after it was
pushed (quitting as the results came up; a test that ends right after a resolve) loses that child
before the header's queued update runs, and ``query_one`` then raised ``NoMatches`` and ended the
app with a traceback. Here the update skips a header that no longer has its title.
"""

from __future__ import annotations

from textual.dom import NoScreen
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Header as _Header
from textual.widgets._header import HeaderTitle


class Header(_Header):
    """Textual's ``Header``, whose title update skips a header without its ``HeaderTitle``."""

    def _on_mount(self, event: Mount) -> None:
        # replaces Header._on_mount (same watches, same update) rather than adding to it: the
        # handlers of every class in the MRO run unless the default is prevented
        event.prevent_default()
        Widget._on_mount(self, event)

        async def set_title() -> None:
            try:
                for title in self.query(HeaderTitle).results(HeaderTitle):
                    title.update(self.format_title())
            except NoScreen:
                pass

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
