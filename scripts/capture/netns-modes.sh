#!/bin/bash
# Captures real command outputs for the mode fixtures under Fixtures/modes/<lab>/<machine>/<file>.txt,
# one lab after the other (each lab's namespaces are deleted before the next is built). Every file
# starts with a prompt line "root@<machine>:~# <command>" followed by the real output (stdout+stderr).
# It writes each expected.yaml's source, mode and machines; the topologyEdges of libvirt-nat,
# virtualbox-hostonly and xen-bridge-3.2 were added by hand afterwards: keep them after a re-run.
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
#   LABS="libvirt xen" bash scripts/capture/netns-modes.sh   # only the labs whose name starts so
# Values differ run to run (neighbour states, counters, fe80:: addresses derive from the MACs).
# The helpers and the lab building blocks it shares with netns-problems.sh are in netns-lib.sh beside it.
set -euo pipefail
P=vnd-modes
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/Fixtures/modes}
LABS=${LABS:-}
. "$(dirname "$0")/netns-lib.sh"
netns_start

expected() { # expected LAB MODE PLATFORM-PHRASE name:role...
  local lab=$1 mode=$2 plat=$3 mr; shift 3
  { yaml_source "$plat's" "$plat"
    echo "mode: $mode"
    echo 'machines:'
    for mr in "$@"; do echo "  - {name: ${mr%%:*}, role: ${mr#*:}}"; done
  } >"$OUT/$lab/expected.yaml"
  NOTES=""
}

# ---------------------------------------------------------------- 1. libvirt-nat
if lab libvirt-nat; then
  libvirt_nat_host kvmhost guest1
  settle
  pingq guest1 192.168.122.1
  cap_nat_host kvmhost
  cap $L kvmhost iptables-nat-L-n-v.txt $IPT -t nat -L -n -v
  cap $L kvmhost ip-neigh.txt ip neigh
  cap_addr_route guest1
  expected $L libvirt.nat libvirt kvmhost:host guest1:guest
  endlab
fi

# ---------------------------------------------------------------- 2. virtualbox-hostonly
if lab virtualbox-hostonly; then
  vbox_hostonly vbhost vbguest 192.168.56.1/24 192.168.56.101/24
  settle
  pingq vbguest 192.168.56.1
  cap_addr_route vbhost; cap_addr_route vbguest
  expected $L virtualbox.hostonly VirtualBox vbhost:host vbguest:guest
  endlab
fi

# ---------------------------------------------------------------- 3. virtualbox-nat
if lab virtualbox-nat; then
  vbox_nat natguest eth0
  settle
  pingq natguest 10.0.2.2
  cap_addr_route natguest
  cap $L natguest ip-neigh.txt ip neigh
  expected $L virtualbox.nat VirtualBox natguest:guest
  endlab
fi

# ---------------------------------------------------------------- 4. xen-bridge-3.2
if lab xen-bridge-3.2; then
  mkns xenhost domu1
  x xenhost ip link add eth0 type bridge stp_state 0 forward_delay 0
  x xenhost ip link set eth0 address 00:1e:4f:aa:bb:cc
  lanlink xenhost peth0
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
  x domu1 ip link set eth0 address 00:16:3e:12:34:56
  x domu1 ip addr add 192.168.0.31/24 brd 192.168.0.255 dev eth0; x domu1 ip link set eth0 up
  x domu1 ip route add default via 192.168.0.1
  settle
  pingq domu1 192.168.0.1
  pingq xenhost 192.168.0.1
  cap_addr_route xenhost
  cap $L xenhost bridge-link.txt bridge link
  if command -v brctl >/dev/null; then cap $L xenhost brctl-show.txt brctl show; fi
  cap_addr_route domu1
  expected $L xen.bridge "Xen 3.2" xenhost:host domu1:guest
  endlab
fi

# ---------------------------------------------------------------- 5. docker-host
if lab docker-host; then
  mkns dockerhost
  uplink dockerhost 192.168.0.40/24
  docker_bridge dockerhost
  tapguest dockerhost docker0 vethab12cd - container1 02:42:ac:11:00:02 172.17.0.2/16 172.17.0.1
  x dockerhost sysctl -qw net.ipv4.ip_forward=1
  settle
  pingq container1 172.17.0.1
  cap_addr_route dockerhost
  cap $L dockerhost iptables-nat-S.txt $IPT -t nat -S
  cap $L dockerhost iptables-nat-L-n-v.txt $IPT -t nat -L -n -v
  cap $L dockerhost sysctl-ip-forward.txt sysctl net.ipv4.ip_forward
  expected $L none Docker dockerhost:unknown
  endlab
fi

# ---------------------------------------------------------------- 6. plain-host
if lab plain-host; then
  mkns desk
  uplink desk 192.168.0.50/24
  settle
  pingq desk 192.168.0.1
  cap_addr_route desk
  expected $L none "a plain desktop" desk:unknown
  endlab
fi

echo "captured into $OUT"
