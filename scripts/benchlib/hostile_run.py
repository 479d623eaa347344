"""Running one command of scripts/hostile-input and judging it: the exit status against the
expected set, a signal or a timeout as a failure of its own, wall time and peak RSS against the
case's bounds, then what the case expects on stdout or stderr."""
import json, os, shlex, signal, subprocess, sys
from dataclasses import dataclass

from . import hostile_inputs
from .measure import kill_group, run_bounded
from .tools import ROOT

# Settings that change what vnetdiag does; a run must not depend on the caller's environment.
SCRUBBED_ENVIRONMENT = ("VNETDIAG_MATCH_LIMIT", "VNETDIAG_RULES")
LARGEST_JSON_LOADED = 64 << 20  # larger outputs are judged by their first and last bytes


@dataclass
class Row:
    case: str
    command: str
    status: str = "-"
    seconds: float | None = None
    second_bound: float | None = None
    peak_mb: float | None = None
    megabyte_bound: float | None = None
    problem: str | None = None   # why the row failed; None when it passed
    note: str | None = None      # what a passing row is worth knowing (or why it was skipped)
    skipped: bool = False

    @property
    def verdict(self):
        if self.skipped:
            return f"SKIP: {self.note}"
        if self.problem:
            return f"FAIL: {self.problem}"
        return "ok" + (f" ({self.note})" if self.note else "")


class Output:
    """What one run printed, read lazily: outputs of hundreds of MB are only looked at in part."""

    def __init__(self, stdout_path, stderr_path):
        self.stdout_path = stdout_path
        with open(stderr_path, "rb") as handle:
            self.stderr = handle.read(1 << 20).decode("utf-8", "replace")

    @property
    def size(self):
        return os.path.getsize(self.stdout_path)

    def head(self, count=256):
        with open(self.stdout_path, "rb") as handle:
            return handle.read(count)

    def tail(self, count=4096):
        with open(self.stdout_path, "rb") as handle:
            handle.seek(max(0, self.size - count))
            return handle.read()

    def json(self):
        if self.size > LARGEST_JSON_LOADED:
            raise ValueError(f"stdout is {self.size >> 20} MB, too large to load")
        with open(self.stdout_path, "rb") as handle:
            return json.load(handle)


class Context:
    """The binary, the folder everything is written to, and the background writers to kill."""

    def __init__(self, vnetdiag, workdir):
        self.vnetdiag = vnetdiag
        self.workdir = workdir
        self.writers = []
        self.environment = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENVIRONMENT}
        os.makedirs(self.path("out"), exist_ok=True)

    def path(self, *parts):
        return os.path.join(self.workdir, *parts)

    def output(self, name):
        """What the run called `name` printed."""
        return Output(self.path("out", name + ".out"), self.path("out", name + ".err"))

    def start_writer(self, command):
        """A background process, in a group of its own so that stop_writers kills what it started."""
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        self.writers.append(process)
        return process

    def start_python_writer(self, mode, target):
        return self.start_writer([sys.executable, hostile_inputs.__file__, mode, target])

    def stop_writers(self):
        while self.writers:
            process = self.writers.pop()
            kill_group(process.pid)
            process.wait()

    def show(self, command):
        """The command as a user would type it: `vnetdiag`, paths relative to the work folder."""
        words = []
        for word in command:
            if word == self.vnetdiag or word == self.path("bin", "vnetdiag"):
                word = "vnetdiag"
            for folder in (self.workdir, ROOT):
                word = word.replace(folder + "/", "")
            words.append(word)
        return shlex.join(words)

    def run(self, name, arguments, seconds, megabytes, statuses=(0,), expect=None, prefix=(), shown=None,
            binary=None):
        """Runs `prefix + vnetdiag + arguments` in the work folder (so no .vnetdiag.yaml of the
        caller's applies) and judges it; `expect(output)` returns a problem, a (None, note) pair,
        or None. Returns the table row."""
        command = list(prefix) + [binary or self.vnetdiag] + list(arguments)
        stdout_path, stderr_path = self.path("out", name + ".out"), self.path("out", name + ".err")
        run = run_bounded(command, seconds, stdout_path=stdout_path, stderr_path=stderr_path,
                          env=self.environment, cwd=self.workdir)
        row = Row(case=name, command=shown or self.show(command), seconds=run.seconds, second_bound=seconds,
                  peak_mb=run.peak_kib / 1024 if run.peak_kib else None, megabyte_bound=megabytes)
        output = self.output(name)
        row.status, row.problem = judge_status(run, seconds, statuses, output)
        if row.problem is None and row.peak_mb is not None and row.peak_mb > megabytes:
            row.problem = f"peak RSS {row.peak_mb:.0f} MB over the bound of {megabytes} MB"
        if row.problem is None and expect is not None:
            try:
                verdict = expect(output)
            except (ValueError, KeyError, TypeError, IndexError) as error:
                verdict = f"unexpected output ({type(error).__name__}: {error})"
            if isinstance(verdict, tuple):
                row.problem, row.note = verdict
            else:
                row.problem = verdict
        return row


def judge_status(run, seconds, statuses, output):
    """(status as shown, problem or None)."""
    if run.timed_out:
        return "killed", f"no answer within {seconds} s (killed by the hang guard)"
    if run.signal is not None:
        name = signal.Signals(run.signal).name if run.signal in signal.valid_signals() else str(run.signal)
        return name, f"died of {name}" + last_stderr_line(output)
    shown = str(run.status)
    if run.status not in statuses:
        expected = " or ".join(map(str, statuses))
        return shown, f"exit {run.status}, expected {expected}" + last_stderr_line(output)
    if run.seconds > seconds:
        return shown, f"took {run.seconds:.2f} s, over the bound of {seconds} s"
    return shown, None


def last_stderr_line(output):
    lines = output.stderr.strip().splitlines()
    return f" (stderr: {lines[-1][:200]})" if lines else ""


# Expectations: each takes an Output and returns a problem, or None when all is as expected.

def stderr_says(*phrases):
    def check(output):
        missing = [p for p in phrases if p not in output.stderr]
        return f"stderr lacks {missing!r}" + last_stderr_line(output) if missing else None
    return check


def json_schema(schema):
    """Large outputs are not parsed: their first bytes must name the schema and the last close it."""
    def check(output):
        head, tail = output.head(), output.tail(16)
        if not head.startswith(b'{"schema":"%s"' % schema.encode()):
            return f"stdout does not start with the {schema} object: {head[:60]!r}"
        if not tail.rstrip().endswith(b"}"):
            return f"stdout is cut short: ends with {tail!r}"
        return None
    return check


def all_of(*checks):
    def check(output):
        notes = []
        for each in checks:
            verdict = each(output)
            problem, note = verdict if isinstance(verdict, tuple) else (verdict, None)
            if problem:
                return problem
            if note:
                notes.append(note)
        return (None, "; ".join(notes)) if notes else None
    return check


def parse_records(document):
    return sum(len(section["records"]) for section in document["sections"])


def parse_unparsed(document):
    return [entry for section in document["sections"] for entry in section["unparsed"]]
