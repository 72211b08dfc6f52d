"""The ``thaplan`` command: the window by default, subcommands for batch work.

``main`` is the entry point (``thaplan`` and ``python -m thaplan_desktop``). The subcommands are declared
in :mod:`.commands`, one module per group: :mod:`.plan` (demo, new, info), :mod:`.backups` (backup,
backups, restore), :mod:`.imports` (import-preview, import), :mod:`.exports` (export-pdf, export-xlsx,
export-template), :mod:`.procedure` (status, announce), :mod:`.tracking` (export-progress, import-progress,
report progress), :mod:`.database` (db upgrade); :mod:`.gui` starts the window; :mod:`.common` holds what
they share. Subcommands never import Qt, so they run on machines with no display and start fast. Errors
are one Thai line on stderr and a non-zero exit, never a traceback (the traceback goes to the log file).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from thaplan_desktop import __version__
from thaplan_desktop.cli.commands import COMMANDS, Command
from thaplan_desktop.cli.common import SafeStream, ThaiArgumentParser, report_error
from thaplan_desktop.cli.gui import start_window
from thaplan_desktop.logs import setup_logging

__all__ = ["COMMANDS", "Command", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command: the window's options and every subcommand with its arguments."""
    parser = ThaiArgumentParser(
        prog="thaplan",
        description="ThaPlan Desktop — จัดทำแผนการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น",
    )
    parser.add_argument("--version", action="version", version=f"ThaPlan Desktop {__version__}",
                        help="แสดงรุ่นของโปรแกรมแล้วจบ")
    parser.add_argument("--db", type=Path, help="ไฟล์ฐานข้อมูลที่จะเปิดในหน้าต่างโปรแกรม")
    parser.add_argument("--demo", action="store_true",
                        help="เปิดโปรแกรมบนแผนตัวอย่าง (สร้างไว้ในโฟลเดอร์ข้อมูลผู้ใช้ถ้ายังไม่มี)")
    sub = parser.add_subparsers(dest="command", metavar="คำสั่ง", parser_class=ThaiArgumentParser)
    for command in COMMANDS:
        sub_parser = sub.add_parser(command.name, help=command.help, description=command.help)
        command.add_arguments(sub_parser)
        sub_parser.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``thaplan`` and ``python -m thaplan_desktop``."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        setup_logging()
    except OSError:  # a read-only home must not stop batch work, nor put the log's records on the screen
        logging.getLogger().addHandler(logging.NullHandler())
    _remove_stale_outputs()
    if args.command is None:
        return start_window(args.db, demo=args.demo)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread and hasattr(signal, "SIGTERM") else None
    try:
        with _batch_collection():
            code = int(args.run(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not as a second error at exit
        return code
    except BrokenPipeError:  # ``thaplan backups | head``: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("thaplan: ยกเลิกแล้ว\n")
        return 130
    except Terminated:
        sys.stderr.write("thaplan: หยุดทำงานตามคำสั่งของระบบ (SIGTERM) ไฟล์ที่ยังเขียนไม่เสร็จถูกลบแล้ว\n")
        return 128 + signal.SIGTERM
    except Exception as exc:  # every failure becomes one Thai line
        return report_error(exc)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


@contextmanager
def _batch_collection() -> Iterator[None]:
    """While a command runs: what is loaded so far (modules, the parser) is left out of the cyclic garbage
    collector's scans (``gc.freeze``), and young objects are collected less often, since a command makes
    many small objects that live until it ends (2 % of an export's work was collections); as before after.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


class Terminated(BaseException):
    """SIGTERM arrived: unwinds the command like Ctrl+C, so that an import rolls back and an export removes
    its unfinished file."""


def _terminate(_signum: int, _frame: object) -> None:
    raise Terminated


def _remove_stale_outputs() -> None:
    """Unfinished export files left by a crashed or killed copy of ThaPlan go at the next start."""
    from thaplan_desktop.exporting.output import remove_stale_outputs

    try:
        remove_stale_outputs()
    except OSError:  # a read-only data folder: nothing was listed there either
        pass


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
