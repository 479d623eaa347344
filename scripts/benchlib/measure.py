"""Wall time and peak RSS of a command, and the median over repeated runs; and one run under a
time bound that tells a crash and a hang from an exit status (scripts/hostile-input)."""
import os, shutil, signal, statistics, subprocess, sys, tempfile, time
from dataclasses import dataclass

# Peak RSS comes from GNU time's %M. resource.getrusage / os.wait4 would count the pages of the
# Python parent that a vfork'ed child starts with, and RUSAGE_CHILDREN is a maximum over all
# children so far, not one command's.
GNU_TIME = shutil.which("time") or "/usr/bin/time"
HAS_GNU_TIME = os.path.exists(GNU_TIME)


@dataclass
class Measurement:
    seconds: float      # median wall time over the runs
    peak_kib: int       # peak RSS of a run under GNU time (0 when GNU time is missing)
    status: int         # exit status of that run
    runs: int           # plain runs behind the median

    @property
    def peak_mb(self):
        return self.peak_kib / 1024


def run_once(command, stdin_path=None, stdout_path=None, env=None, accept=(0,), peak=False):
    """One run; returns (seconds, peak KiB, status). stdout goes to stdout_path (or is discarded);
    a status outside `accept` stops the benchmark, since its figures would mean nothing.

    With peak=True the command runs under GNU time for its peak RSS, and the seconds include
    time's own start (about 2 ms here, an eighth of a 20 ms command): such runs give the RSS only."""
    with tempfile.NamedTemporaryFile("r") as report:
        wrapped = [GNU_TIME, "-f", "%M", "-o", report.name] + command if peak and HAS_GNU_TIME else command
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        stdout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            status = subprocess.call(wrapped, stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
            elapsed = time.perf_counter() - start
        finally:
            for handle in (stdin, stdout):
                if handle is not subprocess.DEVNULL:
                    handle.close()
        peak_kib = peak_from_report(report.read())
    if status not in accept:
        sys.exit(f"{' '.join(command)} failed with status {status}")
    return elapsed, peak_kib, status


def peak_from_report(text):
    """The %M figure of a GNU time report, 0 when there is none (time itself was killed). GNU time
    writes "Command exited with non-zero status N" or "Command terminated by signal N" before it."""
    lines = text.strip().splitlines()
    return int(lines[-1]) if lines and lines[-1].isdigit() else 0


def measure(command, runs, prepare=None, **options):
    """Median wall time of `runs` plain runs and the peak RSS of one more under GNU time (options as
    for run_once); prepare() runs untimed before each run, e.g. to give every run an empty output folder."""
    return measure_side_by_side([(command, options)], runs, prepare=prepare, fast_seconds=0)[0]


def measure_side_by_side(jobs, runs, prepare=None, fast_seconds=0.5, most_per_round=10):
    """Measures commands that are compared with each other: `jobs` is a list of (command, options as
    for run_once). Each of `runs` rounds runs every command in turn, the first command of a round
    moving along, so that the machine's speed, which drifts (by a third within an hour on the
    benchmark machine), reaches every command alike. A command faster than `fast_seconds` runs
    again within its turn, up to `most_per_round` times and about `fast_seconds` in all, so that a
    20 ms command is sampled as often as a 3 s one spans. Wall time is the median of all plain
    runs; the peak RSS comes from one more run of each command under GNU time."""
    times = [[] for _ in jobs]
    repeats = [1] * len(jobs)
    for round_number in range(runs):
        for offset in range(len(jobs)):
            index = (round_number + offset) % len(jobs)
            command, options = jobs[index]
            for _ in range(repeats[index]):
                if prepare:
                    prepare()
                times[index].append(run_once(command, **options)[0])
            if fast_seconds > 0:
                typical = statistics.median(times[index])
                repeats[index] = max(1, min(most_per_round, round(fast_seconds / max(typical, 1e-3))))
    results = []
    for (command, options), seconds in zip(jobs, times):
        if prepare:
            prepare()
        _, peak_kib, status = run_once(command, peak=True, **options)
        results.append(Measurement(seconds=statistics.median(seconds), peak_kib=peak_kib, status=status,
                                   runs=len(seconds)))
    return results


@dataclass
class BoundedRun:
    seconds: float
    peak_kib: int       # 0 when unknown (GNU time missing, or killed with the command)
    status: int | None  # exit status; None when the command died of a signal or was timed out
    signal: int | None  # the signal that ended the command, if one did
    timed_out: bool


def run_bounded(command, seconds, stdin_path=None, stdout_path=None, stderr_path=None, env=None, cwd=None):
    """One run of command, killed after `seconds` (coreutils timeout, TERM then KILL 2 s later).

    The order is timeout → GNU time → command: timeout makes itself the leader of a new process
    group and signals the whole group, so time and the command die together; time outside timeout
    would be killed alone and leave the command running. The group is also killed here when this
    script is interrupted (Ctrl-C, SIGTERM), so no run outlives it."""
    with tempfile.NamedTemporaryFile("r") as report:
        timed = [GNU_TIME, "-f", "%M", "-o", report.name] + command if HAS_GNU_TIME else command
        wrapped = ["timeout", "--kill-after=2", f"{seconds:.1f}"] + timed
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        stdout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
        stderr = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            process = subprocess.Popen(wrapped, stdin=stdin, stdout=stdout, stderr=stderr, env=env,
                                       cwd=cwd, start_new_session=True)
            try:
                status = process.wait()
            except BaseException:
                kill_group(process.pid)
                process.wait()
                raise
            elapsed = time.perf_counter() - start
        finally:
            for handle in (stdin, stdout, stderr):
                if handle is not subprocess.DEVNULL:
                    handle.close()
        text = report.read()
    ended_by = None
    for line in text.splitlines():
        if line.startswith("Command terminated by signal "):
            ended_by = int(line.split()[-1])
    # timeout says 124 when it sent TERM and 137 when KILL was needed; time then wrote nothing.
    timed_out = status in (124, 137) and elapsed >= seconds and ended_by is None
    if not HAS_GNU_TIME and status > 128:
        ended_by = status - 128
    plain = None if timed_out or ended_by is not None else status
    return BoundedRun(seconds=elapsed, peak_kib=peak_from_report(text), status=plain, signal=ended_by,
                      timed_out=timed_out)


def kill_group(leader):
    try:
        os.killpg(leader, signal.SIGKILL)
    except ProcessLookupError:
        pass
