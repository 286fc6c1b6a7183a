"""Reading the YAML that people write (scenarios and plans), with their mistakes caught.

Two things plain ``yaml.safe_load`` lets through would silently change what a file means:

- **A key written twice in one mapping.** YAML loaders keep the last value, so a second
  ``JPN:`` under ``trade_shares`` replaced the first and a second ``1:`` under a plan's
  ``turns`` dropped a turn's orders. Here it is an error naming both lines.
- **YAML 1.1's extra booleans.** ``NO`` (Norway), ``on`` or ``yes`` written bare were read as
  true/false. Here only ``true`` and ``false`` (any case) are booleans, as in YAML 1.2; the
  rest stay strings. Fields that want a boolean still accept ``yes``/``no`` (the schema turns
  those strings into booleans).

The document is composed into nodes once: callers keep the node tree to say where a problem
stands (``game.scenario_loader.node_at``) and get the data built from the same nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_BOOL_TAG = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """The safe loader with YAML 1.2 booleans (``true``/``false`` only)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class YamlProblem(Exception):
    """What is wrong with the text, where (1-based line and column, 0 when unknown)."""

    message: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line else ""
        return f"{where}{self.message}"


def read_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """The data in ``text`` and its node tree; :class:`YamlProblem` for broken YAML or for the
    first key written twice.

    An empty document gives ``(None, None)``."""
    data, node, twice = read_yaml_noting_repeats(text)
    if twice:
        raise twice[0]
    return data, node


def read_yaml_noting_repeats(text: str) -> tuple[Any, yaml.Node | None, list[YamlProblem]]:
    """As :func:`read_yaml`, but a key written twice does not stop the reading: the data keeps
    the last of the two (as YAML does) and every repeat is returned, in the file's order, so a
    caller can report them beside the other problems of the same file."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None, []
        twice = _repeated_keys(node)
        return loader.construct_document(node), node, twice
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        tab = _first_indent_tab(text, mark.line + 1 if mark else text.count("\n") + 1)
        if tab is not None:
            raise YamlProblem("a tab in the indentation: indent with spaces only", *tab) from None
        problem = exc.problem or exc.context or str(exc)
        if mark is None:
            raise YamlProblem(f"YAML syntax error: {problem}") from None
        raise YamlProblem(f"YAML syntax error: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()


def _first_indent_tab(text: str, last_line: int) -> tuple[int, int] | None:
    """(line, column) of the first tab in a line's indentation, up to ``last_line``."""
    for number, line in enumerate(text.splitlines()[:last_line], start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number, indent.index("\t") + 1
    return None


def _repeated_keys(root: yaml.Node) -> list[YamlProblem]:
    """A problem at the second of every two equal keys in any one mapping, by line."""
    found: list[YamlProblem] = []
    todo = [root]
    seen_nodes: set[int] = set()
    while todo:
        node = todo.pop()
        if id(node) in seen_nodes:  # an alias repeats a node already checked
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    ident = (key.tag, key.value)
                    if ident in first:
                        was = first[ident].start_mark.line + 1
                        found.append(
                            YamlProblem(
                                f"'{key.value}' is written twice in the same mapping (first at "
                                f"line {was}); YAML would keep only the last one",
                                key.start_mark.line + 1,
                                key.start_mark.column + 1,
                            )
                        )
                    else:
                        first[ident] = key
                todo.append(value)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
    return sorted(found, key=lambda p: (p.line, p.column))
