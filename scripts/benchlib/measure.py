"""Wall time and peak RSS of a command, and the median over repeated runs."""
import os, shutil, statistics, subprocess, sys, tempfile, time
from dataclasses import dataclass

# Peak RSS comes from GNU time's %M. resource.getrusage / os.wait4 would count the pages of the
# Python parent that a vfork'ed child starts with, and RUSAGE_CHILDREN is a maximum over all
# children so far, not one command's.
GNU_TIME = shutil.which("time") or "/usr/bin/time"
HAS_GNU_TIME = os.path.exists(GNU_TIME)


@dataclass
class Measurement:
    seconds: float      # median wall time over the runs
    peak_kib: int       # largest peak RSS over the runs (0 when GNU time is missing)
    status: int         # exit status of the last run
    runs: int

    @property
    def peak_mb(self):
        return self.peak_kib / 1024


def run_once(command, stdin_path=None, stdout_path=None, env=None, accept=(0,)):
    """One run; returns (seconds, peak KiB, status). stdout goes to stdout_path (or is discarded);
    a status outside `accept` stops the benchmark, since its figures would mean nothing."""
    with tempfile.NamedTemporaryFile("r") as report:
        wrapped = [GNU_TIME, "-f", "%M", "-o", report.name] + command if HAS_GNU_TIME else command
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
        # GNU time writes "Command exited with non-zero status N" before the figure.
        lines = report.read().strip().splitlines()
    if status not in accept:
        sys.exit(f"{' '.join(command)} failed with status {status}")
    peak = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return elapsed, peak, status


def measure(command, runs, prepare=None, **options):
    """Median wall time and the largest peak RSS of `runs` runs (options as for run_once);
    prepare() runs untimed before each run, e.g. to give every run an empty output folder."""
    results = []
    for _ in range(runs):
        if prepare:
            prepare()
        results.append(run_once(command, **options))
    return Measurement(seconds=statistics.median(r[0] for r in results),
                       peak_kib=max(r[1] for r in results), status=results[-1][2], runs=runs)
