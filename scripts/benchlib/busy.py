"""How busy the machine was with other work while a benchmark ran.

The figures are only comparable when the benchmark had the cores to itself, and engineers fuzz and
build on the same machine. A thread samples /proc every few seconds and adds up the CPU time of
every process that is not this script or one of its children; the report states it."""
import os, threading, time
from collections import Counter

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_table():
    """pid -> (name, parent pid, CPU ticks used so far)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                text = handle.read()
        except OSError:
            continue  # gone between the listing and the read
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()  # fields from the 3rd (state) on
        table[int(entry)] = (name, int(fields[1]), int(fields[11]) + int(fields[12]))  # ppid, utime + stime
    return table


def is_ours(pid, table, ours):
    while pid in table and pid > 1:
        if pid == ours:
            return True
        pid = table[pid][1]
    return False


class BusyWatch:
    """Start before the benchmarks, stop after; summary() says what else used the CPU."""

    def __init__(self, interval=2.0):
        self.interval, self.stopped = interval, threading.Event()
        self.baseline = {pid: ticks for pid, (_, _, ticks) in process_table().items()}
        self.used = {}  # pid -> (name, ticks used since the start)
        self.began = time.monotonic()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    def sample(self):
        table, ours = process_table(), os.getpid()
        for pid, (name, _, ticks) in table.items():
            if not is_ours(pid, table, ours):
                self.used[pid] = (name, ticks - self.baseline.get(pid, 0))

    def watch(self):
        while not self.stopped.wait(self.interval):
            self.sample()

    def stop(self):
        self.stopped.set()
        self.thread.join()
        self.sample()
        self.seconds = time.monotonic() - self.began

    def summary(self):
        by_name = Counter()
        for name, ticks in self.used.values():
            by_name[name] += ticks / CLOCK_TICKS
        total, capacity = sum(by_name.values()), self.seconds * os.cpu_count()
        top = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in by_name.most_common(4) if seconds >= 1)
        return (f"{total:.1f} CPU-seconds of other processes in {self.seconds:.1f} s on {os.cpu_count()} cores "
                f"({100 * total / capacity:.0f} % of the machine)" + (f": {top}" if top else ""))
