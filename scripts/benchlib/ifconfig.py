"""Generated ifconfig files: the net-tools 2.10 and 1.60 layouts for parse throughput, and a
host with thousands of interfaces, half of them Xen vifs, each on its own /24, for diagnose."""
import os


def block_2_10(i):
    """One interface as net-tools 2.10 prints it (flags=, inet, RX/TX counters)."""
    a, b = divmod(i, 250)
    mac = "52:54:00:%02x:%02x:%02x" % ((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)
    return (f"vnet{i}: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
            f"        inet 10.{a // 250}.{a % 250}.{b + 1}  netmask 255.255.255.0  broadcast 10.{a // 250}.{a % 250}.255\n"
            f"        inet6 fe80::5054:ff:fe{(i >> 8) & 0xff:02x}:{i & 0xff:02x}  prefixlen 64  scopeid 0x20<link>\n"
            f"        ether {mac}  txqueuelen 1000  (Ethernet)\n"
            f"        RX packets {i * 37}  bytes {i * 4096} ({i * 4096 // 1024}.0 KiB)\n"
            f"        RX errors 0  dropped {i % 7}  overruns 0  frame 0\n"
            f"        TX packets {i * 29}  bytes {i * 3000} ({i * 3000 // 1024}.0 KiB)\n"
            f"        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n")


def block_1_60(i):
    """One interface as net-tools 1.60 prints it (Link encap:, inet addr:, names cut at 9)."""
    a, b = divmod(i, 250)
    mac = "00:0C:29:%02X:%02X:%02X" % ((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)
    name = f"eth{i}"[:9]
    return (f"{name:<9} Link encap:Ethernet  HWaddr {mac}  \n"
            f"          inet addr:10.{a // 250}.{a % 250}.{b + 1}  Bcast:10.{a // 250}.{a % 250}.255  Mask:255.255.255.0\n"
            f"          inet6 addr: fe80::20c:29ff:fe{(i >> 8) & 0xff:02x}:{i & 0xff:02x}/64 Scope:Link\n"
            f"          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n"
            f"          RX packets:{i * 37} errors:0 dropped:{i % 7} overruns:0 frame:0\n"
            f"          TX packets:{i * 29} errors:0 dropped:0 overruns:0 carrier:0\n"
            f"          collisions:0 txqueuelen:1000 \n"
            f"          RX bytes:{i * 4096} ({i * 4096 // 1024}.0 KiB)  TX bytes:{i * 3000} ({i * 3000 // 1024}.0 KiB)\n\n")


def block_many_networks(i):
    """One interface of a large Xen dom0: even i a vif (vifN.0), odd i an ethN, each with its own
    /24 so that diagnose builds thousands of networks and the checks compare them all."""
    a, b = divmod(i, 250)
    name = f"vif{i // 2}.0" if i % 2 == 0 else f"eth{i // 2}"
    mac = "fe:ff:ff:%02x:%02x:%02x" % ((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)
    return (f"{name}: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
            f"        inet 10.{a}.{b}.1  netmask 255.255.255.0  broadcast 10.{a}.{b}.255\n"
            f"        ether {mac}  txqueuelen 1000  (Ethernet)\n\n")


LAYOUTS = {"2.10": block_2_10, "1.60": block_1_60}


def write_ifconfig(path, block, interfaces):
    """Writes `interfaces` blocks to path; returns the file's size in bytes."""
    with open(path, "w") as handle:
        for i in range(interfaces):
            handle.write(block(i))
    return os.path.getsize(path)
