"""The cases of scripts/hostile-input. Each generates its input in the work folder, runs the release
binary as a user would and returns one table row per command.

BOUNDS holds every command's wall-time and peak-RSS bound, about 2-3 times what it took on the
2-core development machine (README "Hostile input" has the figures), with a floor for commands
that take milliseconds: the bounds catch regressions and hangs, not noise."""
import grp, os, pwd, shutil, subprocess, time

from . import hostile_inputs as inputs
from .hostile_run import Row, all_of, json_schema, parse_records, parse_unparsed, stderr_says

SEED = inputs.SEED_CAPTURE
BROKEN_RULES = os.path.join(inputs.ROOT, "Tests", "Fixtures", "broken-rules", "checks")
CATASTROPHIC_RULE = "hostile-name-pattern"
# (seconds, MB) per row; the comment is what the row took on the 2-core machine, busy (load 2).
BOUNDS = {
    "binary": (2, 100), "binary-events": (2, 100),        # 0.03 s, 24 MB (2.4 s, 81 MB before random bytes counted as binary)
    "nul-bytes-clean": (5, 120), "nul-bytes": (5, 120),   # 0.1 s, 42 MB
    "dev-zero": (2, 64), "dev-zero-stdin": (2, 64),       # 0.02 s, 24 MB: the 64 KiB sniff
    "dev-zero-events": (2, 100),                          # 0.06 s, 38 MB
    "long-line": (5, 200), "long-line-events": (5, 100),  # 0.2 s, 74 MB; 0.08 s, 38 MB
    "interfaces-300k": (8, 1500),                         # 2.4 s, 543 MB
    "interfaces-300k-diagnose": (25, 3000),               # 8.7 s, 1,095 MB
    "prompts-200k": (4, 500),                             # 0.9 s, 178 MB
    "prompts-200k-diagnose": (10, 1000),                  # 3.2 s, 350 MB (100,000 machines; quadratic before, hours)
    "rule-alias-bomb": (2, 100), "rule-deep-nesting": (2, 100),   # 0.06 s, 30 MB
    "rule-catastrophic-lint": (2, 100), "rule-catastrophic-regex": (2, 100),   # 0.06 s, 28 MB
    "rule-catastrophic-extractor": (5, 150),              # 1.5 s, 47 MB: 500 lines at the match limit
    "growing-file": (4, 200), "growing-file-events": (5, 100),    # 0.8 s, 64 MB; 1.3 s, 38 MB
    "vanishing-file": (2, 100),                           # each run 0.07 s, 25 MB
    "permission-denied": (2, 64), "permission-denied-folder": (2, 64),   # 0.01 s, 24 MB
    "fifo": (1, 64), "fifo-named": (2, 64),               # 0.02 s, 24 MB
    "max-line-bytes": (2, 64),                            # 0.01 s, 24 MB
    "match-limit-default": (2, 100), "match-limit-raised": (2, 100),   # 0.08 s, 29 MB
    "match-limit-raised-still-short": (2, 100),           # 0.25 s, 28 MB
}


def run(ctx, name, arguments, **options):
    seconds, megabytes = BOUNDS[name]
    return ctx.run(name, arguments, seconds, megabytes, **options)


def binary(ctx):
    path = ctx.path("random.bin")
    inputs.write_random_bytes(path, 20 << 20)
    looks_binary = stderr_says("looks binary")
    return [run(ctx, "binary", ["parse", path], expect=looks_binary),
            run(ctx, "binary-events", ["events", path], expect=looks_binary)]


def nul_bytes(ctx):
    clean = inputs.seed_capture_bytes() * 1000
    paths = {"clean": ctx.path("seed-clean.txt"), "dirty": ctx.path("seed-with-nuls.txt")}
    with open(paths["clean"], "wb") as handle:
        handle.write(clean)
    with open(paths["dirty"], "wb") as handle:
        handle.write(inputs.with_nul_runs(clean))
    reference = run(ctx, "nul-bytes-clean", ["parse", paths["clean"]])
    clean_records = parse_records(ctx.output("nul-bytes-clean").json()) if reference.problem is None else None

    def same_records(output):
        document = output.json()
        records = parse_records(document)
        if "nul-bytes" not in document["inputs"][0]["repairs"]:
            return "the NUL bytes were not reported as a repair"
        if records != clean_records:
            return f"{records} records, the clean file gives {clean_records}"
        return None, f"{records} records, as the clean file"
    return [reference, run(ctx, "nul-bytes", ["parse", paths["dirty"]], expect=same_records)]


def dev_zero(ctx):
    looks_binary = stderr_says("looks binary")
    return [
        run(ctx, "dev-zero", ["parse", "/dev/zero"], expect=looks_binary),
        run(ctx, "dev-zero-events", ["events", "/dev/zero"], expect=looks_binary),
        # The pipe is written by head; vnetdiag stops reading after its sniff and head gets SIGPIPE.
        run(ctx, "dev-zero-stdin", ["parse", "-"], prefix=["sh", "-c", 'head -c 1G /dev/zero | "$0" "$@"'],
            shown="head -c 1G /dev/zero | vnetdiag parse -", expect=looks_binary),
    ]


def long_line(ctx):
    path = ctx.path("long-line.txt")
    inputs.write_repeated_byte(path, 50 << 20)

    def one_unparsed_entry(output):
        document = output.json()
        unparsed = parse_unparsed(document)
        if len(unparsed) != 1 or "--max-line-bytes" not in unparsed[0]["reason"]:
            formats = [section["format"] for section in document["sections"]]
            return (f"{len(unparsed)} unparsed entries, expected one naming --max-line-bytes "
                    f"(sections of format {formats})")
        return None

    def skipped(output):
        count = output.json()["scanned"]["skippedLongLines"]
        return None if count == 1 else f"skippedLongLines is {count}, expected 1"
    return [run(ctx, "long-line", ["parse", path], expect=one_unparsed_entry),
            run(ctx, "long-line-events", ["events", "--format", "json", path], expect=skipped)]


def interfaces_300k(ctx):
    path = ctx.path("interfaces-300k.txt")
    inputs.write_interfaces(path, 300_000)
    return [run(ctx, "interfaces-300k", ["parse", path], statuses=(0, 1), expect=json_schema("vnetdiag.parse/1")),
            run(ctx, "interfaces-300k-diagnose", ["diagnose", "--format", "json", path], statuses=(0, 1),
                expect=json_schema("vnetdiag.report/1"))]


def prompts_200k(ctx):
    path = ctx.path("prompts-200k.txt")
    inputs.write_prompts(path, 200_000)
    return [run(ctx, "prompts-200k", ["parse", path], statuses=(0, 1), expect=json_schema("vnetdiag.parse/1")),
            run(ctx, "prompts-200k-diagnose", ["diagnose", path], statuses=(0, 1))]


def broken_rules(ctx):
    rows = []
    for name, fixture, expected in (("rule-alias-bomb", "alias-bomb.yaml", "checks/alias-bomb.yaml: "),
                                    ("rule-deep-nesting", "nested-too-deep.yaml", "checks/nested-too-deep.yaml:11: ")):
        folder = ctx.path(name)
        os.makedirs(os.path.join(folder, "checks"), exist_ok=True)
        shutil.copy(os.path.join(BROKEN_RULES, fixture), os.path.join(folder, "checks"))
        rows.append(run(ctx, name, ["diagnose", "--rules", folder, SEED], statuses=(2,),
                        expect=all_of(stderr_says(expected), one_stderr_line)))
    return rows


def one_stderr_line(output):
    lines = output.stderr.strip().splitlines()
    return None if len(lines) == 1 else f"{len(lines)} lines on stderr, expected one"


def catastrophic_setup(ctx):
    """The rule folder and a capture whose machine name makes the check's pattern backtrack."""
    rules = ctx.path("rules-catastrophic")
    if not os.path.isdir(rules):
        inputs.write_catastrophic_rules(rules)
        for letters in (22, 60):
            inputs.write_machine_named(ctx.path(f"machine-name-{letters}"), "a" * letters + "!")
    return rules


def rule_outcome(status, phrase=None):
    """The teacher's rule ended as `status` (with `phrase` in its message); every built-in check
    still passed, failed or was skipped."""
    def check(output):
        findings = {f["rule"]: f for f in output.json()["findings"]}
        ours = findings.get(CATASTROPHIC_RULE)
        if ours is None or ours["status"] != status or (phrase and phrase not in ours["message"]):
            return f"{CATASTROPHIC_RULE} is {ours and ours['status']!r}, expected {status!r}: {ours and ours['message']!r:.160}"
        others = [f["status"] for rule, f in findings.items() if rule != CATASTROPHIC_RULE]
        if "error" in others or "pass" not in others:
            return f"the other checks ended as {sorted(set(others))}"
        return None, f"{CATASTROPHIC_RULE}: {status}; {len(others)} other checks: {others.count('pass')} pass"
    return check


def rule_catastrophic(ctx):
    rules = catastrophic_setup(ctx)
    log = ctx.path("hostile.log")
    inputs.write_hostile_log(log, events=20_000, hostile=500)

    def events_found(output):
        document = output.json()
        errors, found = document["scanned"]["patternErrors"], len(document["events"])
        if errors == 0 or found != 20_000:
            return f"patternErrors {errors} (expected some), events {found} (expected 20000)"
        return None, f"patternErrors {errors}, {found} events"
    return [run(ctx, "rule-catastrophic-lint", ["rules", "lint", "--rules", rules]),
            run(ctx, "rule-catastrophic-regex", ["diagnose", "--format", "json", "--rules", rules, ctx.path("machine-name-60")],
                statuses=(1,), expect=rule_outcome("error", "match limit")),
            run(ctx, "rule-catastrophic-extractor", ["events", "--format", "json", "--rules", rules, log],
                expect=events_found)]


def growing_file(ctx):
    path = ctx.path("growing.log")
    open(path, "wb").close()
    ctx.start_python_writer("grow", path)
    try:
        wait_for_size(path, 16 << 20)
        rows = [run(ctx, "growing-file", ["parse", "--max-bytes", "8388608", path], expect=stderr_says("cut at"))]
        before = os.path.getsize(path)
        rows.append(run(ctx, "growing-file-events", ["events", "--count", path]))
        rows[-1].note = f"the file grew from {before >> 20} to {os.path.getsize(path) >> 20} MB meanwhile"
    finally:
        ctx.stop_writers()
    return rows


def wait_for_size(path, size):
    deadline = time.monotonic() + 10
    while os.path.getsize(path) < size and time.monotonic() < deadline:
        time.sleep(0.01)


def vanishing_file(ctx, runs=20):
    folder = ctx.path("vanishing")
    inputs.write_capture_folder(folder, 200)
    ctx.start_python_writer("churn", folder)
    rows = []
    try:
        for index in range(runs):
            rows.append(run(ctx, "vanishing-file", ["parse", folder], statuses=(0, 2), expect=vanished_members))
    finally:
        ctx.stop_writers()
    return [merge(rows, runs)]


def vanished_members(output):
    """Every line on stderr is a member left out because it could not be read, or the one line of
    exit 2: a file that vanished is not 'not a regular file'."""
    lines = output.stderr.strip().splitlines()
    bad = [line for line in lines if "cannot read" not in line]
    return f"unexpected stderr: {bad[0][:200]}" if bad else (None, f"{len(lines)} notes")


def merge(rows, runs):
    """One row for repeated runs: the slowest time, the largest peak, every status, the first problem."""
    statuses = sorted({row.status for row in rows})
    notes = sum(int(row.note.split()[0]) for row in rows if row.note)
    return Row(case=rows[0].case, command=f"{rows[0].command}  (×{runs})",
               status=", ".join(f"{s}×{sum(r.status == s for r in rows)}" for s in statuses),
               seconds=max(r.seconds for r in rows), second_bound=rows[0].second_bound,
               peak_mb=max((r.peak_mb or 0) for r in rows) or None, megabyte_bound=rows[0].megabyte_bound,
               problem=next((r.problem for r in rows if r.problem), None),
               note=f"{notes} members left out with a note over {runs} runs")


def permission_denied(ctx):
    folder = ctx.path("permissions")
    os.makedirs(folder, exist_ok=True)
    shutil.copy(os.path.join(SEED, "dom0", "ifconfig.txt"), os.path.join(folder, "ifconfig.txt"))
    locked = fresh(os.path.join(folder, "locked.txt"))
    with open(locked, "w") as handle:
        handle.write("eth0: flags=4163<UP>  mtu 1500\n")
    os.chmod(locked, 0)
    prefix, binary, skip = unprivileged_prefix(ctx, folder)
    names = ["permission-denied", "permission-denied-folder"]
    if skip:
        return [Row(case=name, command="-", note=skip, skipped=True) for name in names]

    def left_out(output):
        if parse_records(output.json()) == 0:
            return "the readable file beside it gave no records"
        return stderr_says("locked.txt: cannot read: permission denied; left out")(output)
    return [run(ctx, names[0], ["parse", locked], prefix=prefix, binary=binary, statuses=(2,),
                expect=stderr_says("locked.txt: cannot read: permission denied")),
            run(ctx, names[1], ["parse", folder], prefix=prefix, binary=binary, expect=left_out)]


def unprivileged_prefix(ctx, folder):
    """(command prefix, binary, reason to skip): root reads a mode-000 file, so root runs vnetdiag as
    nobody, through setpriv."""
    if os.geteuid() != 0:
        return [], ctx.vnetdiag, None
    if shutil.which("setpriv") is None:
        return [], None, "running as root and setpriv (util-linux) is missing: cannot drop to an unprivileged user"
    nobody = pwd.getpwnam("nobody")
    prefix = ["setpriv", f"--reuid={nobody.pw_name}", f"--regid={grp.getgrgid(nobody.pw_gid).gr_name}", "--clear-groups"]
    # nobody must reach the work folder and the binary.
    for path in (ctx.workdir, folder):
        os.chmod(path, 0o755)
    binary, problem = ctx.vnetdiag, runs_as(prefix, ctx.vnetdiag)
    if problem:
        # A checkout under /root is not traversable by nobody: a copy in the work folder is (the
        # Swift runtime it links is found by absolute path, in the toolchain).
        binary = ctx.path("bin", "vnetdiag")
        os.makedirs(os.path.dirname(binary), exist_ok=True)
        os.chmod(os.path.dirname(binary), 0o755)
        shutil.copy(ctx.vnetdiag, binary)
        problem = runs_as(prefix, binary)
    if problem:
        return [], None, f"nobody cannot run vnetdiag, not even a copy in the work folder: {problem}"
    return prefix, binary, None


def runs_as(prefix, binary):
    """None when `prefix binary --version` works, else what went wrong."""
    probe = subprocess.run(prefix + [binary, "--version"], capture_output=True)
    return None if probe.returncode == 0 else (probe.stderr.decode(errors="replace").strip()[:120] or "failed")


def fifo(ctx):
    folder = ctx.path("fifo-folder")
    os.makedirs(folder, exist_ok=True)
    capture = os.path.join(folder, "ifconfig.txt")
    shutil.copy(os.path.join(SEED, "dom0", "ifconfig.txt"), capture)
    os.mkfifo(fresh(os.path.join(folder, "pipe")))
    named = fresh(ctx.path("named-pipe"))
    os.mkfifo(named)
    rows = [run(ctx, "fifo", ["parse", folder], expect=stderr_says("pipe: not a regular file", "left out"))]
    ctx.start_writer(["sh", "-c", 'exec cat "$0" > "$1"', capture, named])
    try:
        rows.append(run(ctx, "fifo-named", ["parse", named], expect=has_records))
    finally:
        ctx.stop_writers()
    return rows


def fresh(path):
    """path, with what a run kept by --keep left there removed (a FIFO, a mode-000 file)."""
    if os.path.lexists(path):
        os.unlink(path)
    return path


def has_records(output):
    count = parse_records(output.json())
    return (None, f"{count} records") if count else "no records"


def limits(ctx):
    rules = catastrophic_setup(ctx)

    def all_unparsed(output):
        document = output.json()
        unparsed = parse_unparsed(document)
        if parse_records(document) or not unparsed or not all("--max-line-bytes" in u["reason"] for u in unparsed):
            return f"{parse_records(document)} records and {len(unparsed)} unparsed lines"
        return None, f"{len(unparsed)} lines unparsed, no records"
    diagnose = ["diagnose", "--format", "json", "--rules", rules]
    return [run(ctx, "max-line-bytes", ["parse", "--max-line-bytes", "10", SEED], expect=all_unparsed),
            run(ctx, "match-limit-default", diagnose + [ctx.path("machine-name-22")], statuses=(1,),
                expect=rule_outcome("error", "match limit")),
            run(ctx, "match-limit-raised", diagnose + [ctx.path("machine-name-22")],
                prefix=["env", "VNETDIAG_MATCH_LIMIT=100000000"], expect=rule_outcome("pass")),
            run(ctx, "match-limit-raised-still-short", diagnose + [ctx.path("machine-name-60")],
                prefix=["env", "VNETDIAG_MATCH_LIMIT=100000000"], statuses=(1,),
                expect=rule_outcome("error", "match limit"))]


CASES = {
    "binary": binary, "nul-bytes": nul_bytes, "dev-zero": dev_zero, "long-line": long_line,
    "interfaces-300k": interfaces_300k, "prompts-200k": prompts_200k, "broken-rules": broken_rules,
    "rule-catastrophic-regex": rule_catastrophic, "growing-file": growing_file, "vanishing-file": vanishing_file,
    "permission-denied": permission_denied, "fifo": fifo, "limits": limits,
}
