"""Generated hostile inputs for scripts/hostile-input, and the background writers that change files
while vnetdiag reads them.

Run as a script, this module is a writer: `hostile_inputs.py grow FILE` appends to FILE as fast as
it can, `hostile_inputs.py churn FOLDER` deletes and recreates the files of FOLDER in a loop. Both
run until killed; they are separate processes so that they really race the reader."""
import os, random, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED_CAPTURE = os.path.join(ROOT, "Fixtures", "seed", "xen-bridge")
CHUNK = 1 << 20


def write_random_bytes(path, size, seed=2026):
    """`size` seeded pseudo-random bytes: the same garbage on every run."""
    generator = random.Random(seed)
    with open(path, "wb") as handle:
        for start in range(0, size, CHUNK):
            handle.write(generator.randbytes(min(CHUNK, size - start)))


def seed_capture_bytes(folder=SEED_CAPTURE):
    """Every capture file of a seed folder, concatenated in name order (expected.yaml left out)."""
    parts = []
    for parent, folders, files in sorted(os.walk(folder)):
        folders.sort()
        for name in sorted(files):
            if name != "expected.yaml":
                with open(os.path.join(parent, name), "rb") as handle:
                    parts.append(handle.read())
    return b"".join(parts)


def with_nul_runs(text, run=3):
    """The text with `run` NUL bytes before every newline, as serial consoles and `script` logs pad
    lines. Short runs keep the file under the tenth of NULs that makes vnetdiag call it binary."""
    return text.replace(b"\n", b"\0" * run + b"\n")


def write_repeated_byte(path, size, byte=b"a"):
    """One line of `size` bytes with no newline."""
    block = byte * CHUNK
    with open(path, "wb") as handle:
        for start in range(0, size, CHUNK):
            handle.write(block[:min(CHUNK, size - start)])


def vif_block(i):
    """One Xen backend interface as net-tools 2.10 prints it: flags, ether, RX counters. Every
    backend vif has the MAC fe:ff:ff:ff:ff:ff, as Xen gives them."""
    return (f"vif{i}.0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
            f"        ether fe:ff:ff:ff:ff:ff  txqueuelen 32  (Ethernet)\n"
            f"        RX packets {i * 3}  bytes {i * 210} (0.0 B)\n\n")


def write_interfaces(path, count):
    with open(path, "w") as handle:
        for start in range(0, count, 1000):
            handle.write("".join(vif_block(i) for i in range(start, min(count, start + 1000))))


def write_prompts(path, count):
    """`count` prompt lines: `ifconfig eth0` under a new host name, then an empty prompt, and so on.
    Every other line starts a section and the sections name 100,000 machines."""
    with open(path, "w") as handle:
        for start in range(0, count, 1000):
            handle.write("".join(f"root@host{i // 2}:~# ifconfig eth0\n" if i % 2 == 0 else f"root@host{i // 2}:~# \n"
                                 for i in range(start, min(count, start + 1000))))


def write_capture_folder(folder, count):
    """`count` small ifconfig captures, one a file (and the bytes the churn writer writes back)."""
    os.makedirs(folder, exist_ok=True)
    for i in range(count):
        with open(os.path.join(folder, capture_name(i)), "wb") as handle:
            handle.write(small_capture(i))


def capture_name(i):
    return "capture%03d.txt" % i


def small_capture(i):
    return (f"root@guest{i}:~# ifconfig eth0\n"
            f"eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
            f"        inet 10.0.{i // 250}.{i % 250 + 1}  netmask 255.255.255.0  broadcast 10.0.{i // 250}.255\n"
            f"        ether 00:16:3e:00:{i // 256:02x}:{i % 256:02x}  txqueuelen 1000  (Ethernet)\n\n").encode()


# A teacher's check whose condition has nested repetition: on a name of words it matches, on a
# long name ending in '!' PCRE2 backtracks through 2^n splits until its match limit stops it.
CATASTROPHIC_CHECK = """\
id: hostile-name-pattern
kind: check
catalogue: [M04]
severity: warning
title: {en: Machine name made of words, es: Nombre de máquina hecho de palabras}
scope: {role: any}
requires: []
fail: "machine.name =~ '^([a-z]+ ?)*$'"
message: {en: "{{machine.name}} is made of words", es: "{{machine.name}} está hecho de palabras"}
explanation: {en: Nested repetition backtracks on a long name., es: La repetición anidada retrocede en un nombre largo.}
fix: {en: Write the pattern without nested repetition., es: Escribe el patrón sin repetición anidada.}
references: [scripts/hostile-input]
examples:
  - {name: a name of letters, fires: true, files: {guest/r.txt: x}}
  - {name: a name with a digit, fires: false, files: {guest1/r.txt: x}}
"""

# The same pattern as an extractor, tried on every line that holds its literal.
CATASTROPHIC_EXTRACTOR = """\
id: hostile-backtracking
kind: extractor
event: hostile.words
description: 'Nested repetition that backtracks catastrophically on a long line ending in punctuation.'
require: ['hostile words:']
pattern: '^hostile words: (?<words>([a-z]+ ?)*)$'
examples:
  fire:
    - line: 'kernel: hostile words: some plain words'
      fields: {words: 'some plain words'}
  quiet:
    - 'kernel: hostile words: not 4 words'
"""


def write_catastrophic_rules(folder):
    for kind, name, text in (("checks", "hostile-name-pattern", CATASTROPHIC_CHECK),
                             ("extractors", "hostile-backtracking", CATASTROPHIC_EXTRACTOR)):
        os.makedirs(os.path.join(folder, kind), exist_ok=True)
        with open(os.path.join(folder, kind, name + ".yaml"), "w") as handle:
            handle.write(text)


def write_machine_named(folder, name):
    """A capture folder whose one machine is called `name` (the sub-folder names the machine)."""
    machine = os.path.join(folder, name)
    os.makedirs(machine, exist_ok=True)
    with open(os.path.join(machine, "ifconfig.txt"), "wb") as handle:
        handle.write(seed_capture_bytes())


def write_hostile_log(path, events, hostile, word_length=40):
    """`events` dnsmasq DHCPACK lines, each followed by a line for the catastrophic extractor until
    `hostile` of them are written."""
    with open(path, "w") as handle:
        for i in range(events):
            stamp = f"Nov 26 02:{i // 60 % 60:02d}:{i % 60:02d} kvmhost"
            handle.write(f"{stamp} dnsmasq-dhcp[3659]: DHCPACK(virbr0) 192.168.122.{i % 250 + 2} "
                         f"52:54:00:12:{i // 256 % 256:02x}:{i % 256:02x} guest{i}\n")
            if i < hostile:
                handle.write(f"{stamp} kernel: hostile words: {'a' * word_length}!\n")


def grow(path):
    """Appends log lines to path as fast as the disk takes them, until killed."""
    line = b"Nov 26 02:46:03 kvmhost CRON[812]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)\n"
    block = line * (CHUNK // len(line))
    with open(path, "ab", buffering=0) as handle:
        while True:
            handle.write(block)


def churn(folder):
    """Deletes each capture of folder and writes it again, round and round, until killed."""
    names = sorted(os.listdir(folder))
    while True:
        for name in names:
            path = os.path.join(folder, name)
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            with open(path, "wb") as handle:
                handle.write(small_capture(int(name[len("capture"):-len(".txt")])))


if __name__ == "__main__":
    {"grow": grow, "churn": churn}[sys.argv[1]](sys.argv[2])
