"""The programs a benchmark runs (vnetdiag, jc) and the facts that make its figures comparable:
machine, tool versions, commit, load."""
import os, platform, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_VNETDIAG = ".build/release/vnetdiag"


def resolve_vnetdiag(path):
    """The binary at path (relative to the repository), built with `swift build -c release` when it
    is missing and path is <scratch>/release/vnetdiag: then <scratch> is the scratch path, so a
    separate .build-bench does not wait on another build's lock in .build."""
    full = os.path.join(ROOT, path)
    if os.path.exists(full):
        return full
    parent, name = os.path.split(os.path.normpath(full))
    if name != "vnetdiag" or os.path.basename(parent) != "release":
        sys.exit(f"{path} does not exist (and is not <scratch>/release/vnetdiag, which could be built)")
    scratch = os.path.dirname(parent)
    print(f"building {path}: swift build -c release --scratch-path {os.path.relpath(scratch, ROOT)}", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--product", "vnetdiag", "--scratch-path", scratch],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return full


def require_jc():
    jc = shutil.which("jc")
    if jc is None:
        sys.exit("jc is not installed: pip install jc")
    if "/shims/" in jc and shutil.which("pyenv"):
        # A pyenv shim is a shell script that adds about 50 ms to every run of jc: time jc itself.
        real = first_line(["pyenv", "which", "jc"])
        if os.path.exists(real):
            return real
    return jc


def first_line(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def jc_version(jc):
    # `jc --version` prints "jc version:  1.26.1" then the interpreter's.
    return first_line([jc, "--version"]).split()[-1]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as handle:
            for text in handle:
                if text.startswith("model name"):
                    return text.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def memory_gib():
    try:
        with open("/proc/meminfo") as handle:
            return f"{int(handle.readline().split()[1]) / (1 << 20):.0f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown memory"


def os_name():
    try:
        with open("/etc/os-release") as handle:
            for text in handle:
                if text.startswith("PRETTY_NAME="):
                    return text.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def commit():
    head = first_line(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    changed = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True).stdout.strip()
    # Other engineers edit the same tree: say when the working tree was not the commit (the
    # binary's build time, beside it, tells whether it was built before those changes).
    return head + (" with uncommitted changes in the tree" if changed else "")


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def machine_facts(vnetdiag, jc):
    """(label, value) pairs for the top of a report."""
    return [
        ("Machine", f"{cpu_model()}, {os.cpu_count()} cores, {memory_gib()}, {os_name()}"),
        ("Tools", f"vnetdiag {first_line([vnetdiag, '--version'])} ({os.path.relpath(vnetdiag, ROOT)}, built "
                  f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(os.path.getmtime(vnetdiag)))}), "
                  f"{first_line(['swift', '--version'])}, jc {jc_version(jc) if jc else 'not used'}, "
                  f"{first_line(['grep', '--version'])}, Python {platform.python_version()}"),
        ("Commit", commit()),
        ("Date", first_line(["date", "-u"])),
    ]
