"""The four benchmarks: parse, events, grade and diagnose. Each generates its input in a folder it
is given, runs every command on the same files and returns a report.Section with the goals."""
import json, os, shutil
from . import classroom, ifconfig, syslog
from .measure import measure, measure_side_by_side
from .report import Goal, Row, Section
from .tools import ROOT

PARSE_TIMES_JC = 100           # issue 2: at least 100 times jc's throughput
EVENTS_SHARE_OF_GREP = 0.5     # issue 4: at least half of grep -P's throughput,
EVENTS_TIMES_JC = 50           # 50 times jc's,
EVENTS_PEAK_MB = 64            # and peak RSS under 64 MB
GRADE_PER_SECOND = 2000 / 20   # issue 7: 2,000 submissions in under 20 s on 2 cores,
GRADE_PEAK_MB = 500            # peak memory under 500 MB
JC_PREFIX_MIB = 20             # jc reads syslog at 10-14 MB/s: the whole log would take minutes
C_LOCALE = dict(os.environ, LC_ALL="C")  # grep is fastest on bytes, and vnetdiag reads bytes too


def megabytes(size):
    return f"{size / 1e6:.2f} MB"


def times(ratio):
    return f"{ratio:.0f} ×" if ratio >= 10 else f"{ratio:.2f} ×"


def median_of(runs):
    return f"median of {runs} runs" if runs > 1 else "one run"


def side_by_side(runs):
    """How measure_side_by_side ran the compared commands, for a section's description."""
    return (f"{runs} rounds, each running every command in turn (a command under half a second again, "
            f"up to 10 times), the median of each command's runs" if runs > 1 else "one run each")


def load_json(path):
    with open(path, "rb") as handle:
        return json.load(handle)


def bench_parse(vnetdiag, jc, workdir, interfaces, runs, layouts=("2.10", "1.60")):
    section = Section("parse", "Parsing: ifconfig beside jc",
                      f"A generated `ifconfig` file with {interfaces:,} interfaces per net-tools layout, read "
                      f"on standard input (`parse --as ifconfig --schema jc -`; the native run `parse -` "
                      f"recognises the format itself), the JSON written to a file; {side_by_side(runs)}. "
                      f"The `--schema jc` JSON is checked equal to jc's.")
    for layout in layouts:
        path = os.path.join(workdir, f"ifconfig-{layout}.txt")
        size = ifconfig.write_ifconfig(path, ifconfig.LAYOUTS[layout], interfaces)
        commands = [("jc --ifconfig", [jc, "--ifconfig"]),
                    ("vnetdiag parse --schema jc", [vnetdiag, "parse", "--as", "ifconfig", "--schema", "jc", "-"]),
                    ("vnetdiag parse", [vnetdiag, "parse", "-"])]
        outputs = [os.path.join(workdir, f"parse-{layout}-{index}.json") for index in range(len(commands))]
        results = measure_side_by_side([(command, dict(stdin_path=path, stdout_path=output))
                                        for (_, command), output in zip(commands, outputs)], runs)
        jc_seconds = results[0].seconds
        for (name, command), result in zip(commands, results):
            ratio = jc_seconds / result.seconds
            label = f"net-tools {layout} layout, {megabytes(size)}" if name == commands[0][0] else ""
            section.rows.append(Row(name, label, result.seconds, size / result.seconds, result.peak_kib,
                                    "reference" if command[0] == jc else f"{times(ratio)} jc",
                                    runs=result.runs))
            if command[0] != jc:
                section.goals.append(Goal(f"{name}, {layout} layout", f"≥ {PARSE_TIMES_JC} × jc",
                                          f"{times(ratio)} jc", ratio >= PARSE_TIMES_JC))
        if load_json(outputs[0]) == load_json(outputs[1]):
            section.notes.append(f"{layout} layout: the `--schema jc` JSON equals jc's.")
        else:
            section.failures.append(f"{layout} layout: the `--schema jc` JSON differs from jc's")
    return section


def events_total(path):
    with open(path) as handle:
        return sum(int(text.split("\t")[1]) for text in handle if "\t" in text)


def first_number(path):
    with open(path) as handle:
        return int(handle.read().strip() or 0)


def bench_events(vnetdiag, jc, workdir, log_path, size_mib, runs):
    """log_path is generated unless it exists (a kept log is reused)."""
    if not os.path.exists(log_path):
        syslog.write_syslog(log_path, size_mib)
    size = os.path.getsize(log_path)
    literals = os.path.join(workdir, "require-literals.txt")
    with open(literals, "w") as handle:
        handle.write("\n".join(syslog.require_literals(ROOT)) + "\n")
    prefix = os.path.join(workdir, "syslog-prefix.log")
    prefix_size = syslog.write_prefix(log_path, prefix, JC_PREFIX_MIB << 20)
    section = Section("events", "Logs: events beside grep -P and jc",
                      f"A generated {megabytes(size)} syslog (daemon noise with about 3 % DHCP, bridge, vmnet and "
                      f"promiscuous lines, some invalid UTF-8), the same file for every command; "
                      f"{side_by_side(runs)}. grep gets the union of the extractors' patterns (named groups made "
                      f"plain) and, for reference, the rules' `require` literals alone; jc reads the first "
                      f"{megabytes(prefix_size)} in its turn and its time is scaled to the whole file.")
    found = {name: os.path.join(workdir, f"events-{name}.out") for name in ("vnetdiag", "grep-P", "grep-F")}
    ours, grep_p, grep_f, jc_run = measure_side_by_side([
        ([vnetdiag, "events", "--count", log_path], dict(stdout_path=found["vnetdiag"])),
        (["grep", "-c", "-P", syslog.union_pattern(ROOT), log_path],
         dict(env=C_LOCALE, accept=(0, 1), stdout_path=found["grep-P"])),
        (["grep", "-c", "-F", "-f", literals, log_path], dict(env=C_LOCALE, accept=(0, 1), stdout_path=found["grep-F"])),
        ([jc, "--syslog-bsd-s"], dict(stdin_path=prefix)),
    ], runs)
    jc_seconds, jc_peak = jc_run.seconds, jc_run.peak_kib
    jc_whole = jc_seconds * size / prefix_size
    versus_grep, versus_jc = grep_p.seconds / ours.seconds, jc_whole / ours.seconds
    input_label = megabytes(size)
    section.rows = [
        Row("vnetdiag events --count", input_label, ours.seconds, size / ours.seconds, ours.peak_kib,
            f"{times(versus_grep)} grep -P, {times(grep_f.seconds / ours.seconds)} grep -F, {times(versus_jc)} jc",
            runs=ours.runs),
        Row("LC_ALL=C grep -c -P <union>", "", grep_p.seconds, size / grep_p.seconds, grep_p.peak_kib, runs=grep_p.runs),
        Row("LC_ALL=C grep -c -F <literals>", "", grep_f.seconds, size / grep_f.seconds, grep_f.peak_kib,
            "reference: the floor of any scan", runs=grep_f.runs),
        Row("jc --syslog-bsd-s", f"{megabytes(prefix_size)} prefix", jc_whole, prefix_size / jc_seconds, jc_peak,
            "seconds scaled to the whole file", runs=jc_run.runs),
    ]
    section.goals = [
        Goal("events --count throughput", f"≥ {EVENTS_SHARE_OF_GREP} × grep -P", f"{times(versus_grep)} grep -P",
             versus_grep >= EVENTS_SHARE_OF_GREP),
        Goal("events --count throughput", f"≥ {EVENTS_TIMES_JC} × jc", f"{times(versus_jc)} jc",
             versus_jc >= EVENTS_TIMES_JC),
        Goal("events --count peak RSS", f"< {EVENTS_PEAK_MB} MB", f"{ours.peak_mb:.1f} MB",
             0 < ours.peak_mb < EVENTS_PEAK_MB),
    ]
    section.notes.append(f"vnetdiag counts {events_total(found['vnetdiag']):,} events; grep -P matches "
                         f"{first_number(found['grep-P']):,} lines, grep -F {first_number(found['grep-F']):,}.")
    return section


def bench_grade(vnetdiag, workdir, submissions, jobs, runs, class_dir=None):
    """class_dir (default: in workdir) is replaced by a freshly generated class."""
    class_dir = class_dir or os.path.join(workdir, "class")
    classroom.write_class(ROOT, class_dir, submissions)
    gradebook = os.path.join(workdir, "gradebook.csv")
    reports = os.path.join(workdir, "grades")

    def empty_reports():
        shutil.rmtree(reports, ignore_errors=True)
        os.makedirs(reports)

    grade = [vnetdiag, "grade", "--profile", "vmware.nat", "--jobs", str(jobs)]
    # Exit 1 says some submission could not be read: the class has empty folders on purpose.
    csv = measure(grade + ["--format", "csv", class_dir], runs, stdout_path=gradebook, accept=(0, 1))
    written = measure(grade + ["--output", reports, class_dir], runs, prepare=empty_reports, accept=(0, 1))
    section = Section("grade", "Grading: a class of submissions",
                      f"A class of {submissions:,} submissions generated from the seed's VMware NAT capture with "
                      f"injected mistakes (wrong gateway, no default route, /16 mask, guest left out, another "
                      f"mode handed in, empty folders, zipped folders), graded against `vmware.nat` with "
                      f"`--jobs {jobs}`; {median_of(runs)}.")
    label = f"{submissions:,} submissions"
    for name, result in [("vnetdiag grade --format csv", csv), ("vnetdiag grade --output DIR", written)]:
        rate = submissions / result.seconds
        section.rows.append(Row(name, label, result.seconds, None, result.peak_kib, f"{rate:.0f} submissions/s",
                                runs=result.runs))
        label = ""
        section.goals += [
            Goal(f"{name}, time", f"2,000 in < 20 s (≥ {GRADE_PER_SECOND:.0f}/s)",
                 f"{submissions:,} in {result.seconds:.2f} s ({rate:.0f}/s)", rate >= GRADE_PER_SECOND),
            Goal(f"{name}, peak RSS", f"< {GRADE_PEAK_MB} MB", f"{result.peak_mb:.0f} MB",
                 0 < result.peak_mb < GRADE_PEAK_MB),
        ]
    with open(gradebook) as handle:
        rows = sum(1 for _ in handle) - 1
    pages = sum(len(files) for _, _, files in os.walk(reports))
    section.notes.append(f"gradebook: {rows:,} rows; `--output` wrote {pages:,} files (every format, the "
                         f"feedback pages and the class summary); exit status {written.status}.")
    if rows != submissions:
        section.failures.append(f"the gradebook has {rows} rows for {submissions} submissions")
    return section


def bench_diagnose(vnetdiag, workdir, interfaces, runs):
    path = os.path.join(workdir, "many-networks.ifconfig")
    size = ifconfig.write_ifconfig(path, ifconfig.block_many_networks, interfaces)
    seed = os.path.join(ROOT, "Fixtures", "seed")
    # Exit 1 says a check at error severity failed, which these inputs are made to do.
    big = measure([vnetdiag, "diagnose", "--format", "json", path], runs, accept=(0, 1))
    parse = measure([vnetdiag, "parse", path], runs)
    seeds = measure([vnetdiag, "diagnose", "--format", "json", seed], runs, accept=(0, 1))
    section = Section("diagnose", "Diagnosis: many interfaces",
                      f"A generated `ifconfig` of one host with {interfaces:,} interfaces, half of them Xen "
                      f"vifs (`vifN.0`), each on its own /24, through every check; parsing the same file "
                      f"and diagnosing `Fixtures/seed` for comparison; {median_of(runs)}. No goal is set: "
                      f"the figures are there to catch a check that turns quadratic.")
    label = f"{interfaces:,} interfaces, {megabytes(size)}"
    section.rows = [
        Row("vnetdiag diagnose --format json", label, big.seconds, size / big.seconds, big.peak_kib, runs=big.runs),
        Row("vnetdiag parse", "", parse.seconds, size / parse.seconds, parse.peak_kib,
            f"{100 * parse.seconds / big.seconds:.0f} % of diagnose", runs=parse.runs),
        Row("vnetdiag diagnose --format json", "Fixtures/seed (6 labs)", seeds.seconds, None, seeds.peak_kib,
            runs=seeds.runs),
    ]
    return section
