#!/bin/bash
# Captures real command outputs for the mode fixtures under Fixtures/modes/<lab>/<machine>/<file>.txt,
# one lab after the other (each lab's namespaces are deleted before the next is built). Every file
# starts with a prompt line "root@<machine>:~# <command>" followed by the real output (stdout+stderr).
#
# What it builds (all namespaces named vnd-modes-*, nothing attached to the root namespace):
#   libvirt-nat        : kvmhost eth0 192.168.0.10/24 (veth to lan 192.168.0.1/24), default via .1;
#                        bridge virbr0 52:54:00:8e:aa:01 192.168.122.1/24 with port vnet0
#                        (fe:54:00:12:34:56) whose peer is guest1's eth0 52:54:00:12:34:56
#                        192.168.122.50/24, default via .1; ip_forward=1; libvirt-style nat
#                        POSTROUTING RETURN/MASQUERADE rules. One ping guest1 -> 192.168.122.1.
#   virtualbox-hostonly: vbhost eth0 192.168.0.20/24 (veth to lan); veth vboxnet0 0a:00:27:00:00:00
#                        192.168.56.1/24, peer vbguest eth0 08:00:27:5e:1c:9a 192.168.56.101/24,
#                        no default route. One ping vbguest -> 192.168.56.1.
#   virtualbox-nat     : natguest eth0 08:00:27:a1:b2:c3 10.0.2.15/24 default via 10.0.2.2 (veth to a
#                        helper "slirp" namespace holding 10.0.2.2/24). One ping natguest -> 10.0.2.2.
#   xen-bridge-3.2     : xenhost bridge eth0 00:1e:4f:aa:bb:cc 192.168.0.30/24 default via .1, ports
#                        peth0 (veth to lan) and vif1.0 (peer domu1 eth0 00:16:3e:12:34:56
#                        192.168.0.31/24 default via .1), both ports fe:ff:ff:ff:ff:ff as under Xen.
#                        One ping domu1 -> 192.168.0.1.
#   docker-host        : dockerhost eth0 192.168.0.40/24 default via .1; bridge docker0
#                        02:42:8f:1e:6b:3a 172.17.0.1/16, port vethab12cd whose peer is container1's
#                        eth0 02:42:ac:11:00:02 172.17.0.2/16 default via 172.17.0.1; ip_forward=1;
#                        nat MASQUERADE for 172.17.0.0/16 ! -o docker0. One ping container1 -> .1.
#   plain-host         : desk eth0 192.168.0.50/24 default via .1 (veth to lan). One ping desk -> .1.
# The lan/slirp helper namespaces and container1 are not captured.
# Traffic: only single pings (-c1 -W1) between addresses of these namespaces. Everything is deleted
# on exit (trap), also on failure.
#
# Run as root on Debian 12:
#   apt-get install -y iproute2 bridge-utils iptables iputils-ping procps
#   bash scripts/capture/netns-modes.sh          # writes into $OUT (default Fixtures/modes)
# Values differ run to run (neighbour states, counters, fe80:: addresses derive from the MACs).
set -euo pipefail
P=vnd-modes
ALL="kvmhost guest1 vbhost vbguest natguest slirp xenhost domu1 dockerhost container1 desk lan"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/Fixtures/modes}
export LC_ALL=C
cleanup() { for n in $ALL; do ip netns del $P-$n 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
cleanup

IPROUTE=$(ip -V | sed -n 's/.*iproute2-\([0-9.]*\).*/\1/p')
KERNEL=$(uname -r)
. /etc/os-release
if [ "${ID:-}" = debian ]; then DISTRO="Debian ${VERSION_ID:-}"; else DISTRO=${PRETTY_NAME:-Linux}; fi
IPT=iptables

x() { local n=$1; shift; ip netns exec $P-$n "$@"; }
mkns() { for n in "$@"; do ip netns add $P-$n; x $n ip link set lo up; done; }
endlab() { cleanup; }
NOTES=""   # notes for the current lab's expected.yaml (YAML comments)
note() { NOTES+="# $*"$'\n'; echo "NOTE: $*" >&2; }

cap() { # cap LAB MACHINE FILE command...
  local lab=$1 m=$2 f=$3; shift 3
  local dir="$OUT/$lab/$m"; mkdir -p "$dir"
  { printf 'root@%s:~# %s\n' "$m" "$*"
    ip netns exec $P-$m env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C bash -c "$*" 2>&1 \
      || echo "rc=$? $lab/$m/$f" >&2
  } >"$dir/$f.txt"
}

expected() { # expected LAB MODE PLATFORM-PHRASE name:role...
  local lab=$1 mode=$2 plat=$3; shift 3
  { printf '%s' "$NOTES"
    printf 'source: "captured in network namespaces by scripts/capture/netns-modes.sh (%s, iproute2 %s, kernel %s); real kernel devices named and addressed like %s, not %s itself"\n' \
      "$DISTRO" "$IPROUTE" "$KERNEL" "$plat's" "$plat"
    echo 'invented: false'
    echo 'reconstructed: true'
    echo "mode: $mode"
    echo 'machines:'
    for mr in "$@"; do echo "  - {name: ${mr%%:*}, role: ${mr#*:}}"; done
  } >"$OUT/$lab/expected.yaml"
  NOTES=""
}

pingq() { # pingq NS ADDR
  x "$1" ping -c1 -W1 "$2" >/dev/null || note "ping from $1 to $2 got no reply"
}

# uplink HOST ADDR/LEN: eth0 in HOST as a veth to the lan namespace (192.168.0.1/24), default via .1
uplink() {
  x $1 ip link add eth0 type veth peer name eth0 netns $P-lan
  x lan ip addr add 192.168.0.1/24 brd 192.168.0.255 dev eth0; x lan ip link set eth0 up
  x $1 ip addr add $2 brd 192.168.0.255 dev eth0; x $1 ip link set eth0 up
  x $1 ip route add default via 192.168.0.1
}

settle() { sleep 3; }   # IPv6 DAD finishes, bridge ports reach forwarding

# ---------------------------------------------------------------- 1. libvirt-nat
L=libvirt-nat; rm -rf "$OUT/$L"
mkns kvmhost guest1 lan
uplink kvmhost 192.168.0.10/24
x kvmhost ip link add virbr0 type bridge stp_state 0 forward_delay 0
x kvmhost ip link set virbr0 address 52:54:00:8e:aa:01
x kvmhost ip addr add 192.168.122.1/24 brd 192.168.122.255 dev virbr0
x kvmhost ip link add vnet0 type veth peer name eth0 netns $P-guest1
x kvmhost ip link set vnet0 address fe:54:00:12:34:56
x kvmhost ip link set vnet0 master virbr0
x kvmhost ip link set virbr0 up; x kvmhost ip link set vnet0 up
x guest1 ip link set eth0 address 52:54:00:12:34:56
x guest1 ip addr add 192.168.122.50/24 brd 192.168.122.255 dev eth0; x guest1 ip link set eth0 up
x guest1 ip route add default via 192.168.122.1
x kvmhost sysctl -qw net.ipv4.ip_forward=1
x kvmhost $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 -d 224.0.0.0/24 -j RETURN
x kvmhost $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 -d 255.255.255.255/32 -j RETURN
x kvmhost $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535
x kvmhost $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p udp -j MASQUERADE --to-ports 1024-65535
x kvmhost $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE
settle
pingq guest1 192.168.122.1
cap $L kvmhost ip-addr ip addr
cap $L kvmhost ip-route ip route
cap $L kvmhost bridge-link bridge link
cap $L kvmhost iptables-nat-S $IPT -t nat -S
cap $L kvmhost iptables-nat-L-n-v $IPT -t nat -L -n -v
cap $L kvmhost sysctl-ip-forward sysctl net.ipv4.ip_forward
cap $L kvmhost ip-neigh ip neigh
cap $L guest1 ip-addr ip addr
cap $L guest1 ip-route ip route
expected $L libvirt.nat libvirt kvmhost:host guest1:guest
endlab

# ---------------------------------------------------------------- 2. virtualbox-hostonly
L=virtualbox-hostonly; rm -rf "$OUT/$L"
mkns vbhost vbguest lan
uplink vbhost 192.168.0.20/24
x vbhost ip link add vboxnet0 type veth peer name eth0 netns $P-vbguest
x vbhost ip link set vboxnet0 address 0a:00:27:00:00:00
x vbhost ip addr add 192.168.56.1/24 brd 192.168.56.255 dev vboxnet0; x vbhost ip link set vboxnet0 up
x vbguest ip link set eth0 address 08:00:27:5e:1c:9a
x vbguest ip addr add 192.168.56.101/24 brd 192.168.56.255 dev eth0; x vbguest ip link set eth0 up
settle
pingq vbguest 192.168.56.1
cap $L vbhost ip-addr ip addr
cap $L vbhost ip-route ip route
cap $L vbguest ip-addr ip addr
cap $L vbguest ip-route ip route
expected $L virtualbox.hostonly VirtualBox vbhost:host vbguest:guest
endlab

# ---------------------------------------------------------------- 3. virtualbox-nat
L=virtualbox-nat; rm -rf "$OUT/$L"
mkns natguest slirp
x natguest ip link add eth0 type veth peer name eth0 netns $P-slirp
x natguest ip link set eth0 address 08:00:27:a1:b2:c3
x natguest ip addr add 10.0.2.15/24 brd 10.0.2.255 dev eth0; x natguest ip link set eth0 up
x natguest ip route add default via 10.0.2.2
x slirp ip addr add 10.0.2.2/24 brd 10.0.2.255 dev eth0; x slirp ip link set eth0 up
settle
pingq natguest 10.0.2.2
cap $L natguest ip-addr ip addr
cap $L natguest ip-route ip route
cap $L natguest ip-neigh ip neigh
expected $L virtualbox.nat VirtualBox natguest:guest
endlab

# ---------------------------------------------------------------- 4. xen-bridge-3.2
L=xen-bridge-3.2; rm -rf "$OUT/$L"
mkns xenhost domu1 lan
x xenhost ip link add eth0 type bridge stp_state 0 forward_delay 0
x xenhost ip link set eth0 address 00:1e:4f:aa:bb:cc
x xenhost ip link add peth0 type veth peer name eth0 netns $P-lan
x xenhost ip link add vif1.0 type veth peer name eth0 netns $P-domu1
x xenhost ip link set peth0 address fe:ff:ff:ff:ff:ff
x xenhost ip link set peth0 master eth0
x xenhost ip link set vif1.0 address fe:ff:ff:ff:ff:ff
if ! x xenhost ip link set vif1.0 master eth0 2>/dev/null; then
  note "kernel refused a second port with MAC fe:ff:ff:ff:ff:ff on bridge eth0; vif1.0 uses fe:ff:ff:ff:ff:fe"
  x xenhost ip link set vif1.0 address fe:ff:ff:ff:ff:fe
  x xenhost ip link set vif1.0 master eth0
fi
x xenhost ip addr add 192.168.0.30/24 brd 192.168.0.255 dev eth0
x xenhost ip link set eth0 up; x xenhost ip link set peth0 up
if ! x xenhost ip link set vif1.0 up 2>/dev/null; then
  note "kernel refused to bring up vif1.0 with MAC fe:ff:ff:ff:ff:ff beside peth0; vif1.0 uses fe:ff:ff:ff:ff:fe"
  x xenhost ip link set vif1.0 address fe:ff:ff:ff:ff:fe; x xenhost ip link set vif1.0 up
fi
x xenhost ip route add default via 192.168.0.1
x lan ip addr add 192.168.0.1/24 brd 192.168.0.255 dev eth0; x lan ip link set eth0 up
x domu1 ip link set eth0 address 00:16:3e:12:34:56
x domu1 ip addr add 192.168.0.31/24 brd 192.168.0.255 dev eth0; x domu1 ip link set eth0 up
x domu1 ip route add default via 192.168.0.1
settle
pingq domu1 192.168.0.1
pingq xenhost 192.168.0.1
cap $L xenhost ip-addr ip addr
cap $L xenhost ip-route ip route
cap $L xenhost bridge-link bridge link
if command -v brctl >/dev/null; then cap $L xenhost brctl-show brctl show; fi
cap $L domu1 ip-addr ip addr
cap $L domu1 ip-route ip route
expected $L xen.bridge "Xen 3.2" xenhost:host domu1:guest
endlab

# ---------------------------------------------------------------- 5. docker-host
L=docker-host; rm -rf "$OUT/$L"
mkns dockerhost container1 lan
uplink dockerhost 192.168.0.40/24
x dockerhost ip link add docker0 type bridge stp_state 0 forward_delay 0
x dockerhost ip link set docker0 address 02:42:8f:1e:6b:3a
x dockerhost ip addr add 172.17.0.1/16 brd 172.17.255.255 dev docker0
x dockerhost ip link add vethab12cd type veth peer name eth0 netns $P-container1
x dockerhost ip link set vethab12cd master docker0
x dockerhost ip link set docker0 up; x dockerhost ip link set vethab12cd up
x container1 ip link set eth0 address 02:42:ac:11:00:02
x container1 ip addr add 172.17.0.2/16 brd 172.17.255.255 dev eth0; x container1 ip link set eth0 up
x container1 ip route add default via 172.17.0.1
x dockerhost sysctl -qw net.ipv4.ip_forward=1
x dockerhost $IPT -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
settle
pingq container1 172.17.0.1
cap $L dockerhost ip-addr ip addr
cap $L dockerhost ip-route ip route
cap $L dockerhost iptables-nat-S $IPT -t nat -S
cap $L dockerhost iptables-nat-L-n-v $IPT -t nat -L -n -v
cap $L dockerhost sysctl-ip-forward sysctl net.ipv4.ip_forward
expected $L none Docker dockerhost:unknown
endlab

# ---------------------------------------------------------------- 6. plain-host
L=plain-host; rm -rf "$OUT/$L"
mkns desk lan
uplink desk 192.168.0.50/24
settle
pingq desk 192.168.0.1
cap $L desk ip-addr ip addr
cap $L desk ip-route ip route
expected $L none "a plain desktop" desk:unknown
endlab

echo "captured into $OUT"
