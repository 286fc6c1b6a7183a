"""Reading the YAML that people write (scenarios and plans), with their mistakes caught.

Two things plain ``yaml.safe_load`` lets through would silently change what a file means:

- **A key written twice in one mapping.** YAML loaders keep the last value, so a second
  ``JPN:`` under ``trade_shares`` replaced the first and a second ``1:`` under a plan's
  ``turns`` dropped a turn's orders. Here it is an error naming both lines.
- **YAML 1.1's extra booleans.** ``NO`` (Norway), ``on`` or ``yes`` written bare were read as
  true/false. Here only ``true`` and ``false`` (any case) are booleans, as in YAML 1.2; the
  rest stay strings. Fields that want a boolean still accept ``yes``/``no`` (the schema turns
  those strings into booleans).

Broken text is reported in an author's words (:func:`_syntax_problem`): for the usual slips (an
indentation one space off, a ``: `` or ``#`` inside a value, a bare ``*``, a bracket or quote
left open, a date that is not one) what is likely wrong and how to fix it, at the line of the
likely cause; PyYAML's own words only for the rest.

The document is composed into nodes once: callers keep the node tree to say where a problem
stands (``game.scenario_loader.node_at``) and get the data built from the same nodes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from game.spelling import hidden_characters

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
    path: str = ""
    """For a key written twice: the dotted path of its mapping ('turns.1.tokyo.0')."""

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line else ""
        return f"{where}{self.message}"


NBSP = "\u00a0"
"""A no-break space: invisible, and not indentation to YAML."""


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
    node = None
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, anywhere
        raise _unprintable(exc, text) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None, []
        _check_expanded_size(node)
        twice = _repeated_keys(node)
        return loader.construct_document(node), node, twice
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        tab = _first_indent_tab(text, mark.line + 1 if mark else text.count("\n") + 1)
        if tab is not None:
            raise YamlProblem("a tab in the indentation: indent with spaces only", *tab) from None
        raise _syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML syntax error: {exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value a YAML type cannot hold
        raise _unreadable_value(exc, node) from None
    except RecursionError:
        raise YamlProblem(
            "brackets or indentation nested hundreds of levels deep: not a file this program "
            "wrote or expects"
        ) from None
    finally:
        loader.dispose()


MAX_VALUES = 1_000_000
"""The most values a file may hold once its aliases are expanded; the bundled scenarios hold
about 5,000."""


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse a file whose aliases (``*name``) make it expand to more than ``MAX_VALUES`` values:
    a 585-byte plan of lists of aliases of lists took 31 s and printed a 52 MB message, and a
    scenario like it ran for minutes (a fuzzing audit). Each node is counted once, however many
    aliases name it, so this takes as long as the file is long."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a node that holds itself (an alias inside its own anchor)
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        sizes[id(node)] = total
        if total > MAX_VALUES:
            mark = node.start_mark
            raise YamlProblem(
                f"its aliases (*name) make this expand to more than {MAX_VALUES:,} values: "
                "write the data out, or use fewer aliases of aliases",
                mark.line + 1,
                mark.column + 1,
            )
        return total

    size(root)


def _unprintable(exc: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A control character (a form feed pasted from a PDF, a NUL from a binary file): where it
    is, and what to do."""
    at = exc.position
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    char = text[at] if at < len(text) else ""
    name = unicodedata.name(char, "").lower() or _CONTROL_NAMES.get(char, "a control character")
    what = f"character U+{ord(char):04X} ({name})" if char else "a character"
    return YamlProblem(
        f"{what} cannot be in a YAML file: delete it (it often comes with text pasted from a "
        "PDF or a word processor; a file of such characters is not a text file)",
        line,
        column,
    )


_CONTROL_NAMES = {
    "\x00": "NUL",
    "\x07": "bell",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "escape",
    "\x7f": "delete",
}


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
    todo: list[tuple[yaml.Node, str]] = [(root, "")]  # a node and its field path
    seen_nodes: set[int] = set()
    reader = yaml.constructor.SafeConstructor()
    while todo:
        node, path = todo.pop()
        if id(node) in seen_nodes:  # an alias repeats a node already checked
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[object, yaml.Node] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    ident = _key_value(key, reader)
                    if ident in first:
                        was = first[ident].start_mark.line + 1
                        where = f"{path}: " if path else ""
                        said = first[ident].value
                        same = (
                            "is written twice in the same mapping"
                            if said == key.value
                            else f"is the same key as '{said}' for YAML"
                        )
                        found.append(
                            YamlProblem(
                                f"{where}'{key.value}' {same} "
                                f"(first at line {was}); YAML would keep only the last one",
                                key.start_mark.line + 1,
                                key.start_mark.column + 1,
                                path,
                            )
                        )
                    else:
                        first[ident] = key
                todo.append((value, f"{path}.{name}" if path else name))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend((item, f"{path}.{i}") for i, item in enumerate(node.value))
    return sorted(found, key=lambda p: (p.line, p.column))


def _key_value(key: yaml.ScalarNode, reader: yaml.constructor.SafeConstructor) -> object:
    """What a mapping key is once read: '1', '01', '1.0' and 'true' are all the number 1 to the
    data (a plan's 'true:' turn took the place of turn 1 without a word, a fuzzing audit)."""
    try:
        value = reader.construct_object(key)
        hash(value)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return (key.tag, key.value)
    return ("value", value)


_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _unreadable_value(exc: Exception, root: yaml.Node | None) -> YamlProblem:
    """A scalar that YAML reads as a date (or tags with '!!') but cannot build: where it is."""
    loader = _Loader("")
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            todo.extend(v for pair in reversed(node.value) for v in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(reversed(node.value))
        elif isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                shown = node.value if len(node.value) <= 40 else f"{node.value[:20]}…"
                if node.tag == _TIMESTAMP_TAG and node.style is None:
                    words = (
                        f"'{node.value}' is written like a date (YYYY-MM-DD) but is not one: "
                        'write a real date, or put the value in quotes (a month is "YYYY-MM")'
                    )
                elif node.tag == _INT_TAG and node.style is None:
                    # thousands of digits: Python refuses to read them (a log auditor's
                    # 5,000-digit 'turns' was told to 'remove the tag' it did not have)
                    words = (
                        f"'{shown}' is a number of {len(node.value):,} digits, far too large "
                        "for any field"
                    )
                else:
                    words = f"'{shown}' cannot be read as its '!!' type: remove the tag"
                return YamlProblem(
                    f"YAML syntax error: {words}",
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
    return YamlProblem(f"YAML syntax error: a value YAML cannot read ({exc})")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """PyYAML's complaint about broken text, in an author's words: what is likely wrong and how
    to fix it, placed at the likely cause (which may be a line before where PyYAML stopped).
    PyYAML's own words are kept only when no plain explanation is known."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or str(exc)
    if mark is None:
        return YamlProblem(f"YAML syntax error: {problem}")
    runaway = _runaway_quote(text, mark)
    if runaway is not None:
        return runaway
    found = _hint(exc, problem, mark, text.splitlines(), text)
    if found is None:
        return YamlProblem(f"YAML syntax error: {problem}", mark.line + 1, mark.column + 1)
    words, line, column = found
    return YamlProblem(f"YAML syntax error: {words}", line, column)


def _runaway_quote(text: str, mark: yaml.Mark) -> YamlProblem | None:
    """A quote left open (``name: "China, kind: player}``) runs on to the next quote in the
    file, lines further, and PyYAML stops there: blame the line where the quote opened. Only
    when the error is on the line where such a run-on quoted value ended."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    if last is None or last.start_mark.line == last.end_mark.line:
        return None
    if last.end_mark.line != mark.line:
        return None
    # a quoted text may run onto more lines on purpose; one that swallowed the file's next
    # entries has their 'name: value' or '- ' in it
    swallowed = text[last.start_mark.index : last.end_mark.index].split("\n")[1:]
    if not any(": " in line or line.lstrip().startswith(("- ", "{")) for line in swallowed):
        return None
    line, column = last.start_mark.line + 1, last.start_mark.column + 1
    return YamlProblem(
        f"YAML syntax error: the quote opened at line {line}, column {column} is not closed on "
        f"its line, so the value runs on to the next quote (line {last.end_mark.line + 1}): "
        "add the closing quote",
        line,
        column,
    )


def _hint(
    exc: yaml.MarkedYAMLError, problem: str, mark: yaml.Mark, lines: list[str], text: str
) -> tuple[str, int, int] | None:
    """(plain words, line, column) for the PyYAML problems authors meet, or None."""
    at = (mark.line + 1, mark.column + 1)
    here = lines[mark.line] if mark.line < len(lines) else ""
    start = exc.context_mark
    opened = (start.line + 1, start.column + 1) if start is not None else at
    if problem == "mapping values are not allowed here":
        return _colon_hint(mark, lines)
    if exc.context in ("while scanning an alias", "while scanning an anchor") or (
        problem.startswith("found undefined alias")
    ):
        sign = text[start.index] if start is not None and exc.context else "*"
        what = "an anchor" if sign == "&" else "an alias (a copy of a value marked with '&')"
        return (
            f"'{sign}' at the start of a value makes it {what}: put the value in quotes"
            f"{_example(here, (start or mark).column)}",
            *(opened if exc.context else at),
        )
    if problem.startswith(("expected ',' or '}'", "expected ',' or ']'")):
        return _flow_hint(problem, start, mark, lines, text)
    if problem == "expected the node content, but found '<stream end>'":
        last = _line_above(len(lines), lines)
        where = (last + 1, len(lines[last]) + 1) if last is not None else at
        return ("the file ends inside a [...] or {...}: add the closing ']' or '}'", *where)
    if problem.startswith("expected the node content"):
        taken = _closer_in_comment(mark.line, lines)
        if taken is not None:
            return taken
    if problem == "expected the node content, but found ','":
        return ("two ',' with nothing between them: remove one, or write the missing value", *at)
    if problem in ("expected <block end>, but found ']'", "expected <block end>, but found '}'"):
        sign = problem[-2]
        return (f"a '{sign}' that closes nothing: remove it, or add the bracket it closes", *at)
    if exc.context == "while scanning a quoted scalar":
        return (
            f"the quote opened at line {opened[0]}, column {opened[1]} is not closed: add the "
            "closing quote (a ' inside '...' is written twice: 'it''s')",
            *opened,
        )
    if problem == "could not find expected ':'" and start is not None:
        odd = _dash_mismatch(start.line, lines)
        if odd is not None:
            return (odd[0], odd[1], 1 + _indent(lines[odd[1] - 1]))
        glued = re.match(r"\s*([A-Za-z_][\w-]*):(\S)", lines[start.line])
        if glued:  # 'turns:12': YAML needs a space after the ':'
            key, rest = glued[1], lines[start.line][glued.end(2) - 1 :].strip()
            return (
                f"a ':' needs a space after it: write '{key}: {rest}'",
                opened[0],
                glued.end(1) + 1,
            )
        after_colon = re.search(r":([^\S\t ]|[\u200b\u2060\ufeff])", lines[start.line])
        hidden = hidden_characters(after_colon[1]) if after_colon else ""
        if hidden:  # 'turns:' then a no-break space: YAML sees no space after the ':'
            held = hidden.strip(" ()").removeprefix("it holds ")
            return (
                f"line {opened[0]} holds {held}, which YAML does not read as a space: type an "
                "ordinary space in its place",
                opened[0],
                _indent(lines[start.line]) + 1,
            )
        return (
            f"line {opened[0]} has no ':' after its name: write 'name: value'; text that runs "
            "onto a second line must be put in quotes",
            opened[0],
            _indent(lines[start.line]) + 1,
        )
    if problem.startswith("found character") and "that cannot start any token" in problem:
        sign = here[mark.column] if mark.column < len(here) else "?"
        if sign == "\t":
            return ("a tab after ':': separate a name from its value with a space", *at)
        return (f"a value cannot start with '{sign}': put the value in quotes", *at)
    if problem == "but found another document":
        return (
            "a second document begins here ('---'): the file holds one; remove the '---' line "
            "(and what follows, if it is another file pasted in)",
            *at,
        )
    if problem == "sequence entries are not allowed here":
        return (
            "'- ' cannot follow 'name:' on the same line: start the list on the next line "
            "(indented), or put the text in quotes",
            *at,
        )
    if problem.startswith(
        ("expected <block end>", "did not find expected key", "did not find expected '-'")
    ):
        odd = _dash_mismatch(mark.line, lines)
        if odd is not None:  # placed at the odd line, which may be the one above
            return (odd[0], odd[1], 1 + _indent(lines[odd[1] - 1]))
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        before = here[: mark.column].rstrip()
        if before.endswith(("'", '"')):
            return (
                "more text after a closing quote: put the whole value in quotes (a ' inside "
                "'...' is written twice: 'it''s'; or use \"...\")",
                *at,
            )
        if before.endswith(("}", "]")):
            return (f"more text after a closing '{before[-1]}': remove it or put it in quotes", *at)
        return (f"{_out_of_line(mark, lines)}", *at)
    if problem == "expected <block end>, but found '-'":
        return (
            "a list item ('- ') where a field ('name: value') was expected: check this line's "
            "indentation, and whether the '- ' belongs here",
            *at,
        )
    if problem.startswith(
        ("expected <block end>", "did not find expected key", "did not find expected '-'")
    ):
        return (_out_of_line(mark, lines), mark.line + 1, _indent(here) + 1)
    if problem.startswith("could not determine a constructor for the tag"):
        return ("'!' at the start of a value makes it a YAML tag: put the value in quotes", *at)
    return None


def _colon_hint(mark: yaml.Mark, lines: list[str]) -> tuple[str, int, int]:
    """'mapping values are not allowed here': a ': ' where no new field can start."""
    here = lines[mark.line]
    at = (mark.line + 1, mark.column + 1)
    first_colon = here.find(": ")
    above = _line_above(mark.line, lines)
    for n in (above, mark.line):  # indented with no-break spaces, pasted from a web page
        if n is not None and NBSP in lines[n][: _indent(lines[n].replace(NBSP, " "))]:
            return (
                f"line {n + 1} is indented with invisible no-break spaces (U+00A0, as pasted "
                "from a web page or a word processor): indent it with ordinary spaces",
                n + 1,
                1,
            )
    glued = re.match(
        r"^(\s*(?:- )?)([A-Za-z_][\w-]*):(\S.*)$", lines[above] if above is not None else ""
    )
    if glued and above is not None and not glued[3].startswith(("/", ":")):
        key, value = glued[2], glued[3].split(" #")[0].rstrip()
        return (
            f"no space after the ':' in '{key}:{value}': write '{key}: {value}' (YAML reads "
            "the whole of it as one word, and the next line no longer fits)",
            above + 1,
            len(glued[1]) + len(key) + 1,
        )
    if (
        first_colon in (mark.column, -1)
        and above is not None
        and _indent(here) > _indent(lines[above])
        and not lines[above].rstrip().endswith(":")
    ):
        name = here.strip().split(":")[0].lstrip("- ")
        fix = "line it up with the fields above it"
        before = _line_above(above, lines)
        if (
            before is not None
            and _indent(lines[before]) == _indent(here)
            and not lines[before].rstrip().endswith(":")
        ):
            # lines 'before' and 'here' line up, and the line between them does not: it may
            # be the one out of line
            fix = (
                f"line it up with the fields above it, or, if line {above + 1} is the one out "
                f"of line, indent that one as line {before + 1} ({_spaces(_indent(here))})"
            )
        return (
            f"'{name}' is indented further than line {above + 1} ({_spaces(_indent(here))}, "
            f"not {_indent(lines[above])}), so it was read as more of that line's value: {fix}",
            mark.line + 1,
            _indent(here) + 1,
        )
    if here.count("}") > here.count("{") or here.count("]") > here.count("["):
        closer = "}" if here.count("}") > here.count("{") else "]"
        opener = "{" if closer == "}" else "["
        return (
            f"this line closes a '{closer}' that was never opened: add the '{opener}' where "
            "the entry starts",
            *at,
        )
    return (
        "a ':' followed by a space inside a value: put the value in quotes"
        f"{_example(here, first_colon + 2)}, or check this line's indentation",
        *at,
    )


def _flow_hint(
    problem: str, start: yaml.Mark | None, mark: yaml.Mark, lines: list[str], text: str
) -> tuple[str, int, int]:
    """'expected ',' or '}'': something breaks a {...} or [...] written on one or more lines."""
    at = (mark.line + 1, mark.column + 1)
    opened = (start.line + 1, start.column + 1) if start is not None else at
    opener = "{" if "'}'" in problem else "["
    closer = "}" if opener == "{" else "]"
    if start is not None:
        comment = _comment_in_flow(text, start.index, mark.index)
        if comment is not None:
            line, column = comment
            stopped = f" (YAML stopped at line {at[0]}, column {at[1]})" if line != at[0] else ""
            before = lines[line - 1][: column - 1].rstrip()
            if re.search(r":\s*[-+]?\d+(?:\.\d+)?$", before):
                # after a number the '#' is a comment meant as one (quoting the number, as was
                # advised, would make it text): it hides the closing bracket
                return (
                    f"'#' starts a comment, so the rest of line {line} was not read, the "
                    f"closing '{closer}' with it: move the comment after the '{closer}'{stopped}",
                    line,
                    column,
                )
            return (
                f"'#' starts a comment, so the rest of line {line} was not read: put the value "
                f"that holds the '#' in quotes{_example(lines[line - 1], column - 1)}{stopped}",
                line,
                column,
            )
        where = f"the '{opener}' at line {start.line + 1}, column {start.column + 1}"
        if problem.endswith("'<stream end>'"):
            return (f"this '{opener}' is never closed: add the '{closer}'", *opened)
        new_field = _indent(lines[mark.line]) <= _indent(lines[start.line])
        if mark.line > start.line and new_field and problem.endswith("but got ':'"):
            return (
                f"{where} is not closed before this line: add the '{closer}' (or a ',' is "
                "missing between two entries)",
                *at,
            )
    return (
        f"a ',' is missing between two entries of a {opener}...{closer}, or a value holding "
        "':' or '#' needs quotes",
        *at,
    )


def _closer_in_comment(index: int, lines: list[str]) -> tuple[str, int, int] | None:
    """A '{' or '[' left open on the line above ``index`` because a comment after a ',' took
    its closing bracket (a log auditor's '..., level: licensing, # note approval: 0.95}' was
    PyYAML's "expected the node content, but found '-'" on the next line)."""
    above = _line_above(index, lines)
    if above is None or index >= len(lines) or _indent(lines[index]) > _indent(lines[above]):
        return None  # the next line is indented under it: more of the [...] or {...}
    line = lines[above]
    found = re.search(r"\s#", line)
    if found is None:
        return None
    code, comment = line[: found.start()], line[found.start() :]
    for opener, closer in (("{", "}"), ("[", "]")):
        if code.count(opener) > code.count(closer) and closer in comment:
            return (
                f"'#' starts a comment, so the rest of line {above + 1} was not read, the "
                f"closing '{closer}' with it: move the comment after the '{closer}'",
                above + 1,
                found.start() + 2,
            )
    return None


def _comment_in_flow(text: str, begin: int, end: int) -> tuple[int, int] | None:
    """(line, column) of a '#' that cut a value short inside a {...} or [...] spanning lines
    (a comment after a ',' or a bracket is a real one)."""
    quote = ""
    i = begin
    while i < end:
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"" and text[:i].rstrip()[-1:] in ("{", "[", ",", ":", ""):
            quote = ch
        elif ch == "#" and i > 0 and text[i - 1] in " \t":
            line_start = text.rfind("\n", 0, i) + 1
            if not text[line_start:i].rstrip().endswith((",", "{", "[")):
                return text.count("\n", 0, i) + 1, i - line_start + 1
            nxt = text.find("\n", i)
            i = nxt if nxt != -1 else end
            continue
        i += 1
    return None


def _example(line: str, cut: int) -> str:
    """', e.g. name: "Truce talks #2 with Beijing"': the value around character ``cut`` of
    ``line`` (0-based), quoted, with its field's name; '' when it cannot be made out."""
    flow = "{" in line[:cut] or "[" in line[:cut]
    starts = [(line.rfind(": ", 0, cut), 2)]
    if flow:
        starts += [(line.rfind(", ", 0, cut), 2), (line.rfind("{", 0, cut), 1)]
        starts += [(line.rfind("[", 0, cut), 1)]
    pos, width = max(starts)
    if pos == -1:
        return ""
    begin = pos + width
    tail, inside = line[begin:], cut - begin
    if flow:
        ends = [i for i in (tail.find(", ", inside), tail.find("}", inside)) if i != -1]
        ends += [i for i in (tail.find("]", inside),) if i != -1]
        value = tail[: min(ends)] if ends else tail
    else:
        comment = tail.find(" #", inside)
        value = tail[:comment] if comment != -1 else tail
    value = value.strip().rstrip(",").strip()
    if not value:
        return ""
    quoted = f"'{value}'" if '"' in value else f'"{value}"'
    if line[pos : pos + 2] != ": ":
        return f", e.g. {quoted}"
    key = re.split(r"[ {\[,]", line[:pos])[-1]
    return f", e.g. {key}: {quoted}" if re.fullmatch(r"[A-Za-z_][\w-]*", key) else ""


def _spaces(n: int) -> str:
    return f"{n} space" if n == 1 else f"{n} spaces"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _line_above(index: int, lines: list[str]) -> int | None:
    """The index of the nearest line above ``index`` with content (not blank, not a comment)."""
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _out_of_line(mark: yaml.Mark, lines: list[str]) -> str:
    """Words for a line whose indentation fits none of the blocks above it."""
    here = lines[mark.line] if mark.line < len(lines) else ""
    above = _line_above(mark.line, lines)
    odd = _dash_mismatch(mark.line, lines)
    if odd is not None:
        return odd[0]
    near = f" (line {above + 1}: {_spaces(_indent(lines[above]))})" if above is not None else ""
    return (
        f"this line's indentation ({_spaces(_indent(here))}) does not line up with the lines above"
        f"{near}: a field lines up with the fields beside it, and a list's '- ' items with "
        "each other"
    )


def _dash_mismatch(index: int, lines: list[str]) -> tuple[str, int] | None:
    """(words, line) when a list item lost its '- ' (or a line gained one) among lines of the
    same indentation that are all list items (or all not): which line is the odd one, found by
    the lines around it."""
    here = lines[index] if index < len(lines) else ""
    if here.lstrip().startswith("-") and not here.lstrip().startswith("- "):
        return ("a list item needs a space after its '-': write '- ' then the item", index + 1)
    indent = _indent(here)
    near = [
        i
        for i in range(max(0, index - 4), min(len(lines), index + 5))
        if lines[i].strip()
        and not lines[i].lstrip().startswith("#")
        and _indent(lines[i]) == indent
    ]
    dashed = {i: lines[i].lstrip().startswith("- ") for i in near}
    if len(set(dashed.values())) < 2:
        return None
    items = sum(dashed.values())
    if items * 2 > len(near):  # mostly list items: the one without '- ' lost it
        odd = next(i for i in near if not dashed[i])
        if re.match(r"[\w\"'-]+\s*:(\s|$)", lines[odd].lstrip()):
            return None  # 'name:' beside a list may be the list's own key (valid YAML)
        return (
            f"line {odd + 1} is not a list item like the lines beside it: add '- ' at its start",
            odd + 1,
        )
    odd = next(i for i in near if dashed[i])
    return (
        f"line {odd + 1} is a list item ('- ') and the lines beside it are not: remove its '- '",
        odd + 1,
    )


def not_utf8(data: bytes) -> str:
    """Where a file that is not UTF-8 first breaks, and what to do about it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "line 1: the file is saved as UTF-16: save the file as UTF-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        return f"line {line}: byte 0x{byte:02x} is not UTF-8 text: save the file as UTF-8"
    return "the file is not UTF-8 text: save the file as UTF-8"
