"""What a benchmark found (rows of figures, goals met or short) and its text and Markdown tables.

The Markdown is meant to be pasted into BENCHMARKS.md as it is: one `###` part per benchmark,
each with its own goals, so that one benchmark's figures can be replaced without the others."""
import textwrap
from dataclasses import dataclass, field


@dataclass
class Row:
    command: str                 # as shown: the tool and its options, not the paths
    input: str                   # what it read, in a few words
    seconds: float
    bytes_per_second: float | None
    peak_kib: int
    compared: str = ""           # e.g. "58 × jc"
    runs: int = 1                # runs behind the median


@dataclass
class Goal:
    name: str                    # what is compared, e.g. "parse --schema jc, 2.10 layout"
    target: str                  # e.g. "≥ 100 × jc"
    measured: str                # e.g. "58 × jc"
    met: bool


@dataclass
class Section:
    key: str                     # the --only name
    title: str
    description: str             # the input and how it was measured, one paragraph
    rows: list[Row] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # wrong output: the figures do not count


def seconds_text(seconds):
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def throughput_text(row):
    if row.bytes_per_second is None:
        return "–"
    rate = row.bytes_per_second / 1e6
    return f"{rate:.2f}" if rate < 10 else f"{rate:.1f}"


def peak_text(row):
    return f"{row.peak_kib / 1024:.1f} MB" if row.peak_kib else "n/a"


def row_cells(row):
    return [row.command, row.input, seconds_text(row.seconds), row.runs, throughput_text(row), peak_text(row),
            row.compared]


ROW_HEADER = ["command", "input", "seconds", "runs", "MB/s", "peak RSS", "compared"]
GOAL_HEADER = ["goal", "target", "measured", ""]


def goal_cells(goal):
    return [goal.name, goal.target, goal.measured, "met" if goal.met else "SHORT"]


def plain_table(header, rows):
    widths = [max(len(str(cells[i])) for cells in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip() for cells in [header] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |" for cells in rows]
    return "\n".join(lines)


def code(text):
    """A command in a Markdown cell, kept as typed."""
    return f"`{text}`" if text else text


def prose(text, first="", rest=""):
    """Markdown prose at 100 columns like the rest of BENCHMARKS.md (tables keep a row a line)."""
    return textwrap.fill(text, 100, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def bullet(text):
    return prose(text, "- ", "  ")


def render_text(section):
    parts = [f"== {section.title}", section.description, "",
             plain_table(ROW_HEADER, [row_cells(r) for r in section.rows])]
    if section.goals:
        parts += ["", plain_table(GOAL_HEADER, [goal_cells(g) for g in section.goals])]
    parts += [f"note: {n}" for n in section.notes]
    parts += [f"FAILED: {f}" for f in section.failures]
    return "\n".join(parts) + "\n"


def render_markdown(section):
    rows = [[code(r.command)] + row_cells(r)[1:] for r in section.rows]
    parts = [f"### {section.title}", "", prose(section.description), "", markdown_table(ROW_HEADER, rows)]
    if section.goals:
        goals = [goal_cells(g)[:3] + ["met" if g.met else "**short**"] for g in section.goals]
        parts += ["", markdown_table(GOAL_HEADER[:3] + ["met / short"], goals)]
    if section.notes or section.failures:
        parts += [""] + [bullet(n) for n in section.notes] + [bullet(f"**Failed:** {f}") for f in section.failures]
    return "\n".join(parts) + "\n"


def render_header(facts, markdown):
    """facts: (label, value) pairs about the machine, the tools and the run."""
    if markdown:
        return "## Suite: `scripts/bench`\n\n" + "\n".join(bullet(f"{label}: {value}") for label, value in facts) + "\n"
    return "\n".join(f"{label}: {value}" for label, value in facts) + "\n"
