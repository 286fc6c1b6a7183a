"""The help screen: the keys of the screen it was opened from, and a rules summary."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, Static

from game.tui.screens.base import Dialog
from game.tui.widgets.footer import Footer

RULES = """\
## Chokepoint in one page

Three teams (**Beijing**, **Tokyo**, **Washington**) give **sealed orders** each turn (one month).
The engine resolves all orders together, then trade, stocks, industry, prices and the strategic
indices move, and each team's **score** (0–100) is recomputed from its objectives.

- **Action points and budget** bound each turn's orders. The order builder shows the cost of an
  order and the engine's verdict before you add it; refused orders say why.
- **Export controls** (licensing, military end-use ban, full ban) divert trade; some leaks
  through third countries. Coercion pays now but speeds the target's **diversification**.
- **Stockpiles** can be released to industry or built up at world prices.
- **Investments** add capacity after a lead time, and may slip.
- **Diplomatic moves** succeed or fail by chance. The order builder shows a move's chance now
  and what moves it (alliance cohesion helps some, hurts others); the roll is shown in the
  results.
- **Fog**: each team sees its own numbers exactly, others' with noise (≈), and some things
  (stockpiles, budgets, projects, others' scores) not at all (?). Once the game is over the
  fog over the scores lifts: the final results show every team's true score.
- Every change of a score is written in the **ledger**: the results say *why* it moved.
- The session **log** is saved after every turn; `chokepoint play --resume LOG` continues it,
  `chokepoint replay LOG` replays and verifies it.

## Computer players

Any team can be played by the computer, which sees only that team's view (the same fog as a
player) and gives only legal orders:

- **doctrine** (the pragmatist; the other teams in solo play unless you choose) reads the
  situation: stocks running low, tension, cohesion, the others' controls and sanctions.
  **doctrine:hawk** presses hard and answers controls in kind; **doctrine:dove** seeks talks
  and eases off when tension or losses bite.
- **search** (**search:easy**, **search:hard**) tries orders and plays the game on to its end
  with the engine itself (easy: 3 turns), guessing what it cannot see: the strongest, up to a
  second or two a turn.
- **random** gives legal orders with no plan; **hold** gives none.

## Flow of a facilitated (hot-seat) turn

1. Facilitator presses **n**: a hand-over screen asks for the next team.
2. The team presses **Enter**, builds orders (**a** add, **d** remove), and seals (**s**).
3. The next team is called; the previous team's orders stay hidden.
4. Back at the console, the facilitator sees every sealed order and resolves (**r**).
5. The results show the scoreboard, charts and the ledger in plain words.
6. After the last turn, **g** on the results sets the session beside games the computer plays.

Press **ctrl+p** for the command palette, **F1** for this help, **ctrl+q** to quit.
"""


class HelpScreen(Dialog[None]):
    """The keys of the screen it was opened from (first: what F1 is most often for), then the
    rules summary; scrolled with the arrow keys, PgUp/PgDn and Home/End."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "close", "Close help")]

    def __init__(self, bindings: list[tuple[str, str]], where: str) -> None:
        super().__init__()
        self.bindings_list = bindings
        self.where = where

    def compose(self) -> ComposeResult:
        keys = "\n".join(f"- **{k}**: {d}" for k, d in self.bindings_list)
        text = f"## Keys on this screen\n\n{keys}\n\n" + RULES
        with Vertical(classes="dialog"):
            yield Static(
                "Esc, q or F1 closes this help · ↑ ↓ PgUp PgDn Home End scroll it",
                id="help-hint",
                classes="hint",
            )
            with VerticalScroll(id="help-scroll"):
                yield Markdown(text, id="help-text")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss()
