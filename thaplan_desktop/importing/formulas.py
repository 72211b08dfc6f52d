"""Formulas saved without their computed value: a small, safe evaluator for the arithmetic of budgets.

Excel and LibreOffice store each formula's last value, and the reader uses it. Workbooks written by
other programs (scripts, some web exports) may store only the formula; for those the budget is worked out
here from the sheet's own numbers. Only arithmetic is understood: numbers, cell references and ranges of
the same sheet, ``+ - * / ^``, parentheses, and SUM, ROUND, ROUNDUP, ROUNDDOWN, INT, ABS, MIN, MAX,
AVERAGE. Anything else leaves the cell empty, so the row gets a warning instead of a guess.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation

from thaplan_desktop.importing.grid import SheetGrid

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|([A-Z][A-Z0-9.]*)\s*\(|"
                    r"([-+*/^(),]))")
MAX_DEPTH = 30


class FormulaError(ValueError):
    """A formula this evaluator does not understand."""


def fill_uncached_formulas(pending: dict[tuple[int, int], str], grid: SheetGrid) -> int:
    """Compute the formulas of a sheet that carry no stored value (cell → formula text, as the sheet part
    gives them); returns how many were filled in."""
    if not pending:
        return 0
    evaluator = _Evaluator(grid, pending)
    filled = 0
    for (r, c) in pending:
        try:
            value = evaluator.cell(r, c, 0)
        except (FormulaError, ArithmeticError, InvalidOperation, RecursionError):
            continue
        if value is None:
            continue
        grid.put(r, c, float(value) if value != value.to_integral_value() else int(value))
        filled += 1
    return filled


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _ref(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", text)
    if m is None:
        raise FormulaError(text)
    return int(m.group(2)) - 1, _col(m.group(1))


def _round(value: Decimal, digits: Decimal, mode: str) -> Decimal:
    exponent = Decimal(1).scaleb(-int(digits))
    return value.quantize(exponent, rounding=mode) if int(digits) >= 0 else \
        (value / Decimal(10) ** -int(digits)).quantize(Decimal(1), rounding=mode) * Decimal(10) ** -int(digits)


_FUNCTIONS: dict[str, Callable[[list[Decimal]], Decimal]] = {
    "SUM": lambda a: sum(a, Decimal(0)),
    "MIN": lambda a: min(a) if a else Decimal(0),
    "MAX": lambda a: max(a) if a else Decimal(0),
    "AVERAGE": lambda a: sum(a, Decimal(0)) / len(a),
    "ABS": lambda a: abs(a[0]),
    "INT": lambda a: Decimal(math.floor(a[0])),
    "ROUND": lambda a: _round(a[0], a[1] if len(a) > 1 else Decimal(0), ROUND_HALF_UP),
    "ROUNDUP": lambda a: _round(a[0], a[1] if len(a) > 1 else Decimal(0), ROUND_UP),
    "ROUNDDOWN": lambda a: _round(a[0], a[1] if len(a) > 1 else Decimal(0), ROUND_DOWN),
}


class _Evaluator:
    def __init__(self, grid: SheetGrid, pending: dict[tuple[int, int], str]) -> None:
        self.grid = grid
        self.pending = pending
        self.done: dict[tuple[int, int], Decimal | None] = {}

    def cell(self, r: int, c: int, depth: int) -> Decimal | None:
        if (r, c) in self.done:
            return self.done[(r, c)]
        if depth > MAX_DEPTH:
            raise FormulaError("too deep")
        value: Decimal | None
        if (r, c) in self.pending:
            value = _Parser(self.pending[(r, c)], self, depth + 1).parse()
        else:
            raw = self.grid.value(r, c)
            if raw is None or isinstance(raw, str | bool):
                value = None if raw is None or isinstance(raw, bool) else _number_or_none(raw)
            elif isinstance(raw, int | float):
                value = Decimal(repr(raw))
            else:
                value = None
        self.done[(r, c)] = value
        return value


def _number_or_none(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None


class _Parser:
    """expr := term (('+'|'-') term)*; term := power (('*'|'/') power)*; power := unary ('^' unary)*."""

    def __init__(self, text: str, evaluator: _Evaluator, depth: int) -> None:
        self.tokens = self._tokenise(text.strip().lstrip("="))
        self.pos = 0
        self.evaluator = evaluator
        self.depth = depth

    @staticmethod
    def _tokenise(text: str) -> list[tuple[str, str]]:
        tokens = []
        pos = 0
        text = text.upper()
        while pos < len(text):
            if text[pos].isspace():
                pos += 1
                continue
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise FormulaError(text[pos:])
            number, ref, func, op = m.groups()
            if number is not None:
                tokens.append(("num", number))
            elif ref is not None:
                tokens.append(("ref", ref.replace("$", "")))
            elif func is not None:
                tokens.append(("func", func))
            else:
                tokens.append(("op", op))
            pos = m.end()
        return tokens

    def parse(self) -> Decimal:
        value = self.expr()
        if self.pos != len(self.tokens):
            raise FormulaError("trailing input")
        return value

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FormulaError("unexpected end")
        self.pos += 1
        return token

    def expr(self) -> Decimal:
        value = self.term()
        while (t := self.peek()) is not None and t in (("op", "+"), ("op", "-")):
            self.take()
            value = value + self.term() if t[1] == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.power()
        while (t := self.peek()) is not None and t in (("op", "*"), ("op", "/")):
            self.take()
            value = value * self.power() if t[1] == "*" else value / self.power()
        return value

    def power(self) -> Decimal:
        value = self.unary()
        while self.peek() == ("op", "^"):
            self.take()
            value = value ** self.unary()
        return value

    def unary(self) -> Decimal:
        t = self.peek()
        if t in (("op", "-"), ("op", "+")):
            self.take()
            value = self.unary()
            return -value if t == ("op", "-") else value
        return self.atom()

    def atom(self) -> Decimal:
        kind, text = self.take()
        if kind == "num":
            return Decimal(text)
        if kind == "ref":
            values = self.range_values(text)
            if len(values) != 1:
                raise FormulaError("a range outside a function")
            return values[0]
        if kind == "func":
            function = _FUNCTIONS.get(text)
            if function is None:
                raise FormulaError(text)
            args: list[Decimal] = []
            if self.peek() != ("op", ")"):
                while True:
                    token = self.peek()
                    if token is not None and token[0] == "ref" and ":" in token[1]:
                        self.take()
                        args.extend(self.range_values(token[1]))
                    else:
                        args.append(self.expr())
                    if self.peek() == ("op", ","):
                        self.take()
                        continue
                    break
            if self.take() != ("op", ")"):
                raise FormulaError("missing )")
            return function(args)
        if (kind, text) == ("op", "("):
            value = self.expr()
            if self.take() != ("op", ")"):
                raise FormulaError("missing )")
            return value
        raise FormulaError(text)

    def range_values(self, text: str) -> list[Decimal]:
        first, _, last = text.partition(":")
        r0, c0 = _ref(first)
        r1, c1 = _ref(last) if last else (r0, c0)
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 100_000:
            raise FormulaError("range too large")
        values = []
        for r in range(min(r0, r1), max(r0, r1) + 1):
            for c in range(min(c0, c1), max(c0, c1) + 1):
                value = self.evaluator.cell(r, c, self.depth)
                if value is not None:
                    values.append(value)
        if not last and not values:
            return [Decimal(0)]
        return values
