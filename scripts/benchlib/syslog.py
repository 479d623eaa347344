"""A generated syslog realistic in mix, and grep's view of the rules that vnetdiag events applies.

Mostly unrelated daemon lines (cron, sshd, systemd, NetworkManager, kernel), about 3 % DHCP /
bridge / vmnet / promiscuous lines, and one line in a thousand with invalid UTF-8."""
import os, random, re, sys

try:
    import yaml
except ImportError:
    sys.exit("PyYAML is needed to read rules/ (pip install pyyaml)")

NOISE = [
    "{h} CRON[{p}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
    "{h} systemd[1]: Started session-{n}.scope - Session {n} of User student.",
    "{h} sshd[{p}]: Accepted publickey for student from 10.20.{a}.{b} port {port} ssh2: RSA SHA256:abcdef{n}",
    "{h} sshd[{p}]: pam_unix(sshd:session): session closed for user student",
    "{h} NetworkManager[{p}]: <info>  [1732567{n}.1234] device (wlp2s0): state change: activated -> activated",
    "{h} kernel: [{k}.{u}] audit: type=1400 audit({n}.123:45): apparmor=\"STATUS\" operation=\"profile_load\"",
    "{h} systemd-timesyncd[{p}]: Initial synchronization to time server 10.0.{a}.{b}:123 (ntp.example).",
    "{h} rsyslogd[{p}]: imuxsock: Acquired UNIX socket '/run/systemd/journal/syslog' (fd 3) from systemd.  [v8.2302.0]",
    "{h} dbus-daemon[{p}]: [system] Successfully activated service 'org.freedesktop.PackageKit'",
    "{h} anacron[{p}]: Job `cron.daily' terminated (produced output)",
    "{h} kernel: [{k}.{u}] usb 1-{a}: new high-speed USB device number {b} using xhci_hcd",
    "{h} postfix/qmgr[{p}]: {n}A: from=<root@lab>, size={port}, nrcpt=1 (queue active)",
]
SIGNAL = [
    "{h} dhcpd[{p}]: DHCPDISCOVER from 52:54:00:{x}:{y}:{z} via virbr0",
    "{h} dhcpd[{p}]: DHCPACK on 192.168.122.{b} to 52:54:00:{x}:{y}:{z} (guest{n}) via virbr0",
    "{h} dnsmasq-dhcp[{p}]: DHCPACK(virbr0) 192.168.122.{b} 52:54:00:{x}:{y}:{z} guest{n}",
    "{h} vmnet-dhcpd: DHCPOFFER on 172.16.62.{b} to 00:0c:29:{x}:{y}:{z} via vmnet8",
    "{h} kernel: [{k}.{u}] virbr0: port {a}(vnet{b}) entered forwarding state",
    "{h} kernel: [{k}.{u}] device vif{a}.0 entered promiscuous mode",
    "{h} kernel: [{k}.{u}] /dev/vmnet: port on hub 8 successfully opened",
    "{h} dhclient[{p}]: DHCPACK of 192.168.122.{b} from 192.168.122.1 (xid=0x2a70{x})",
]
SIGNAL_SHARE = 0.03
INVALID_UTF8_SHARE = 0.001
BLOCK_BYTES = 8 << 20  # generated once and repeated: Python would take minutes for 500 MB of lines


def line(rng, template):
    return template.format(h=f"Nov {rng.randint(10, 28)} {rng.randint(10, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)} labhost",
                           p=rng.randint(100, 99999), n=rng.randint(1, 99999), a=rng.randint(1, 9), b=rng.randint(2, 254),
                           port=rng.randint(1024, 65535), k=rng.randint(10, 99999), u=rng.randint(100000, 999999),
                           x=f"{rng.randint(0, 255):02x}", y=f"{rng.randint(0, 255):02x}", z=f"{rng.randint(0, 255):02x}")


def write_syslog(path, size_mib):
    """Writes at least size_mib MiB of log lines to path (whole blocks); returns the size in bytes."""
    rng = random.Random(2026)
    block = bytearray()
    while len(block) < min(BLOCK_BYTES, size_mib << 20):
        roll = rng.random()
        data = line(rng, rng.choice(SIGNAL if roll < SIGNAL_SHARE else NOISE)).encode()
        if roll > 1 - INVALID_UTF8_SHARE:
            data = data[:20] + b"\xff\xfe\xc3(" + data[20:]
        block += data + b"\n"
    with open(path, "wb") as out:
        written = 0
        while written < size_mib << 20:
            out.write(block)
            written += len(block)
    return os.path.getsize(path)


def write_prefix(path, prefix_path, limit_bytes):
    """Copies the whole lines within the first limit_bytes of path; returns the bytes copied."""
    with open(path, "rb") as source:
        data = source.read(limit_bytes)
    if len(data) == limit_bytes and b"\n" in data:
        data = data[:data.rindex(b"\n") + 1]
    with open(prefix_path, "wb") as out:
        out.write(data)
    return len(data)


def extractor_rules(root):
    folder = os.path.join(root, "rules", "extractors")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name)) as handle:
            yield yaml.safe_load(handle)


def union_pattern(root):
    """The extractors' patterns as one grep -P pattern, named groups made plain."""
    parts = []
    for rule in extractor_rules(root):
        pattern = re.sub(r"\(\?<[A-Za-z_]\w*>", "(?:", rule["pattern"]).replace("(?J)", "")
        if rule.get("programs"):
            # vnetdiag checks the envelope's program; grep gets it as a prefix of the message.
            programs = "|".join(re.escape(p) for p in rule["programs"])
            pattern = "(?:" + programs + r")(?:\[\d+\])?: .*?" + pattern.lstrip("^")
        parts.append(("(?i:" + pattern + ")") if rule.get("caseless") else "(?:" + pattern + ")")
    return "|".join(parts)


def require_literals(root):
    """Every literal the rules require a line to contain: the floor of any regex-based scan."""
    words = set()
    for rule in extractor_rules(root):
        require = rule.get("require") or []
        words.update([require] if isinstance(require, str) else require)
    return sorted(words)
