"""The background runner: every workspace call runs on one worker thread, never on the GUI thread.

``Runner.submit(fn)`` queues ``fn(job)`` on the single worker; its result (a plain dataclass, never an
ORM object) or its exception comes back to the GUI thread through a queued Qt signal and is handed to
the ``done`` / ``failed`` callbacks there. Jobs run strictly in submission order, so an edit submitted
after another always sees the first one's result.

The ``Job`` is the one way long work reports progress and is cancelled, on every screen: the work calls
``job.progress(i, n, text)`` and looks at ``job.cancelled`` between steps; a screen with its own progress
dialog gives ``submit`` a ``progress`` callback (called on the GUI thread) and cancels with
``job.cancel()``. Other jobs' progress goes to the runner's ``progress`` signal (the window's status bar).
The runner announces ``busy`` when work has been running for a moment, so the window can show it while it
stays responsive.

``shutdown()`` finishes the queued jobs and joins the thread; the application and tests call it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

# How long a job runs before the window shows it as busy (milliseconds).
BUSY_DELAY_MS = 250

Progress = Callable[[int, int, str], None]  # value, maximum (0: unknown), Thai text


@dataclass(eq=False)
class Job:
    """One queued piece of work; ``fn`` runs on the worker thread with the job as its argument."""

    fn: Callable[[Job], Any]
    label: str = ""
    done: Callable[[Any], None] | None = None
    failed: Callable[[BaseException], None] | None = None
    progressed: Progress | None = None  # the screen's own progress display (GUI thread)
    number: int = 0
    cancelled: bool = False
    _runner: Runner | None = field(default=None, repr=False)

    def progress(self, value: int, maximum: int = 0, text: str = "") -> None:
        """Report progress from the worker (``maximum`` 0: unknown length)."""
        if self._runner is not None:
            self._runner.job_progress.emit(self, value, maximum, text)

    def cancel(self) -> None:
        """Ask the job to stop; long jobs look at ``cancelled`` between steps."""
        self.cancelled = True


class Runner(QObject):
    """One worker thread with a queue of jobs; results are delivered on the GUI thread."""

    busy = Signal(bool, str)  # running a job for a while / idle again; the job's Thai label
    progress = Signal(int, int, str)  # value, maximum, text of a running job without a progress callback
    job_progress = Signal(object, int, int, str)  # emitted on the worker: the job, value, maximum, text
    idle = Signal()  # the queue became empty (tests and benchmarks wait for it)

    _finished_signal = Signal(object, object, object)  # job, result, error (worker → GUI)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._pending = 0
        self._counter = 0
        self._running: Job | None = None
        self._busy_shown = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._show_busy)
        self._finished_signal.connect(self._deliver)
        self.job_progress.connect(self._deliver_progress)  # queued: emitted on the worker
        self._thread: threading.Thread | None = threading.Thread(
            target=self._work, name="thaplan-worker", daemon=True)
        self._thread.start()

    # --- GUI side -------------------------------------------------------------------------------------

    def submit(self, fn: Callable[[Job], Any], *, label: str = "",
               done: Callable[[Any], None] | None = None,
               failed: Callable[[BaseException], None] | None = None,
               progress: Progress | None = None) -> Job:
        """Queue ``fn(job)`` on the worker; ``done(result)`` or ``failed(error)`` run later on the GUI thread.

        ``progress(value, maximum, text)`` receives the job's progress on the GUI thread (else the
        runner's ``progress`` signal does).
        """
        if self._thread is None:
            raise RuntimeError("runner is shut down")
        self._counter += 1
        job = Job(fn, label, done, failed, progress, self._counter, _runner=self)
        self._pending += 1
        if self._pending == 1:
            self._busy_timer.start(BUSY_DELAY_MS)
        self._queue.put(job)
        return job

    @property
    def pending(self) -> int:
        """Jobs queued or running."""
        return self._pending

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until every queued job has been delivered (for shutdown and benchmarks, not the GUI)."""
        from PySide6.QtCore import QCoreApplication, QEventLoop

        deadline = time.monotonic() + timeout
        while self._pending and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return not self._pending

    def shutdown(self, timeout: float = 30.0) -> None:
        """Finish queued jobs, deliver their results, and stop the worker thread."""
        if self._thread is None:
            return
        self.wait_idle(timeout)
        self._queue.put(None)
        self._thread.join(timeout)
        self._thread = None
        self._busy_timer.stop()

    @Slot(object, object, object)
    def _deliver(self, job: Job, result: Any, error: BaseException | None) -> None:
        self._pending -= 1
        try:
            if error is not None:
                if job.failed is not None:
                    job.failed(error)
                else:
                    log.error("background job %r failed", job.label, exc_info=error)
            elif job.done is not None:
                job.done(result)
        finally:
            if self._pending == 0:
                self._busy_timer.stop()
                if self._busy_shown:
                    self._busy_shown = False
                    self.busy.emit(False, "")
                self.idle.emit()

    @Slot(object, int, int, str)
    def _deliver_progress(self, job: Job, value: int, maximum: int, text: str) -> None:
        if job.progressed is not None:
            job.progressed(value, maximum, text)
            return
        if not self._busy_shown:
            self._show_busy()
        self.progress.emit(value, maximum, text or job.label)

    def _show_busy(self) -> None:
        if self._pending and not self._busy_shown:
            self._busy_shown = True
            running = self._running
            self.busy.emit(True, running.label if running is not None else "")

    # --- worker side ----------------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            self._running = job
            result: Any = None
            error: BaseException | None = None
            try:
                result = job.fn(job)
            except BaseException as exc:  # delivered to the GUI, which decides what to show
                error = exc
            self._running = None
            self._finished_signal.emit(job, result, error)
