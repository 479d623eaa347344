#!/bin/bash
# Captures real iproute2 / bridge-utils / iptables / sysctl outputs for the parser fixtures under
# Fixtures/parsers/{ip-addr,ip-link,ip-route,ip-neigh,brctl,bridge-link,iptables,ip-forward}/netns-*.
#
# What it builds (three namespaces, nothing attached to the root namespace):
#   vnd-cap2-host : bridge xenbr0 (192.168.0.64/24 brd .255, label xenbr0:1 192.168.0.69/24,
#                   2001:db8::64/64) with ports peth0 (veth to lan) and vif1.0 (veth to guest);
#                   bridge virbr0 192.168.122.1/24 with no ports (NO-CARRIER); altname physeth0 on
#                   peth0; routes: unreachable 10.99.0.0/16, blackhole 10.66.0.0/16,
#                   10.0.0.0/8 via 192.168.0.1 metric 100 proto static; a permanent neighbour;
#                   nat table: MASQUERADE, DNAT 8080 -> 10.0.0.100:80, user chain LIBVIRT_PRT;
#                   net.ipv4.ip_forward=1, net.ipv4.conf.xenbr0.proxy_arp=1.
#   vnd-cap2-guest: eth0 00:16:3e:00:00:01 192.168.0.100/24, default via 192.168.0.1.
#   vnd-cap2-lan  : eth0 192.168.0.1/24 (IPv6 forwarding on, so its neighbour entry shows "router").
# Traffic: a few single pings and one TCP SYN, all between addresses of these namespaces
# (192.168.0.0/24 and their fe80:: link-locals); 192.168.0.250 is unused and only ARPed for,
# on the lab bridge, so that an INCOMPLETE/FAILED entry shows. Everything is deleted on exit (trap).
#
# Run as root on Debian 12:
#   apt-get install -y iproute2 bridge-utils iptables iputils-ping procps
#   bash scripts/capture/netns-iproute.sh            # raw captures in $OUT (default /tmp/vnd-cap2/out)
# $OUT is laid out as <format>/<case>/input.txt; copy into Fixtures/parsers/ by hand and write each
# expected.yaml from reading the text (values differ run to run: neighbour states, counters).
# Namespace helpers (netns_start, mkns, x) come from netns-lib.sh beside it.
set -euo pipefail
P=vnd-cap2; OUT=${OUT:-/tmp/vnd-cap2/out}
. "$(dirname "$0")/netns-lib.sh"
netns_start
rm -rf "$OUT"; mkdir -p "$OUT"
mkns host guest lan

# veth pairs are created inside the host namespace with the far end placed straight into its
# namespace, so no interface ever exists in the root namespace.
x host ip link add peth0 type veth peer name eth0 netns $P-lan
x host ip link add vif1.0 type veth peer name eth0 netns $P-guest
x host ip link set peth0 address 02:00:00:00:00:10
x lan ip link set eth0 address 02:00:00:00:00:11
x host ip link set vif1.0 address fe:ff:ff:ff:ff:ff
x guest ip link set eth0 address 00:16:3e:00:00:01
x host ip link property add dev peth0 altname physeth0 || echo "altname not supported" >>"$OUT/notes.txt"

x host ip link add xenbr0 type bridge stp_state 0 forward_delay 0
x host ip link set xenbr0 address fe:ff:ff:ff:ff:ff 2>/dev/null || {
  echo "bridge MAC fe:ff:ff:ff:ff:ff refused, using 02:00:00:00:00:01" >>"$OUT/notes.txt"
  x host ip link set xenbr0 address 02:00:00:00:00:01; }
x host ip link set peth0 master xenbr0; x host ip link set vif1.0 master xenbr0
x host ip link add virbr0 type bridge stp_state 1 forward_delay 0
x host ip link set virbr0 address 52:54:00:00:00:01
x host ip addr add 192.168.122.1/24 brd 192.168.122.255 dev virbr0
x host ip link set virbr0 up

x host ip addr add 192.168.0.64/24 brd 192.168.0.255 dev xenbr0
x host ip addr add 192.168.0.69/24 brd 192.168.0.255 dev xenbr0 label xenbr0:1
x host ip addr add 2001:db8::64/64 dev xenbr0
x host ip link set xenbr0 up; x host ip link set peth0 up; x host ip link set vif1.0 up

x lan sysctl -qw net.ipv6.conf.all.forwarding=1
x lan ip addr add 192.168.0.1/24 brd 192.168.0.255 dev eth0; x lan ip link set eth0 up
x guest ip addr add 192.168.0.100/24 brd 192.168.0.255 dev eth0; x guest ip link set eth0 up
x guest ip route add default via 192.168.0.1

x host ip route add unreachable 10.99.0.0/16
x host ip route add blackhole 10.66.0.0/16
x host ip route add 10.0.0.0/8 via 192.168.0.1 dev xenbr0 metric 100 proto static
x host ip neigh add 192.168.0.77 lladdr 00:16:3e:00:00:77 dev xenbr0 nud permanent

IPT=iptables
x host $IPT -t nat -S >/dev/null 2>&1 || { IPT=iptables-legacy; echo "nft backend failed, using iptables-legacy" >>"$OUT/notes.txt"; }
x host $IPT -t nat -N LIBVIRT_PRT
x host $IPT -t nat -A LIBVIRT_PRT -j RETURN
x host $IPT -t nat -A POSTROUTING -j LIBVIRT_PRT
x host $IPT -t nat -A POSTROUTING -s 10.0.0.0/24 -o xenbr0 -j MASQUERADE
x host $IPT -t nat -A PREROUTING -i xenbr0 -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.100:80
x host sysctl -qw net.ipv4.ip_forward=1
x host sysctl -qw net.ipv4.conf.xenbr0.proxy_arp=1

sleep 3   # DAD and bridge ports to forwarding
x guest ping -c1 -W2 192.168.0.1
x lan ping -c1 -W2 192.168.0.100
x host ping -c1 -W2 192.168.0.1
x host ping -c1 -W2 192.168.0.100
LANLL=$(x lan ip -6 -o addr show dev eth0 scope link | awk '{print $4}' | cut -d/ -f1)
x host ping -6 -c1 -W2 "$LANLL%xenbr0" || true
x host ping -c1 -W1 192.168.0.250 || true
x guest ping -c1 -W1 192.168.0.250 || true
# one SYN from lan to the host's DNAT port: rewritten to 10.0.0.100:80 and routed back to the lan
# namespace (10.0.0.0/8 via 192.168.0.1), which has no such address and drops it.
x lan timeout 2 bash -c 'exec 3<>/dev/tcp/192.168.0.64/8080' 2>/dev/null || true
sleep 1

capraw() { # capraw MACHINE FORMAT CASE command...
  local m=$1 fmt=$2 case=$3; shift 3
  mkdir -p "$OUT/$fmt/$case"
  x "$m" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C bash -c "$*" \
    >"$OUT/$fmt/$case/input.txt" 2>"$OUT/$fmt/$case/stderr.txt" || echo "rc=$? $case" >>"$OUT/rc.txt"
  printf '%s\t%s\n' "$case" "$*" >>"$OUT/commands.tsv"
}
capraw host ip-addr netns-host-ip-addr ip addr
capraw host ip-addr netns-host-ip-br-addr ip -br addr
capraw host ip-addr netns-host-ip-o-addr ip -o addr
capraw host ip-addr netns-host-ip-j-addr ip -j addr
capraw guest ip-addr netns-guest-ip-addr ip addr
capraw host ip-link netns-host-ip-link ip link
capraw host ip-link netns-host-ip-br-link ip -br link
capraw host ip-route netns-host-ip-route ip route
capraw host ip-route netns-host-ip-j-route ip -j route
capraw guest ip-route netns-guest-ip-route ip route
capraw host ip-neigh netns-host-ip-neigh ip neigh
capraw host ip-neigh netns-host-ip-j-neigh ip -j neigh
capraw guest ip-neigh netns-guest-ip-neigh ip neigh
capraw host brctl netns-host-brctl-show brctl show
capraw host bridge-link netns-host-bridge-link bridge link
capraw host iptables netns-host-iptables-nat-l-v "$IPT -t nat -L -n -v"
capraw host iptables netns-host-iptables-nat-l "$IPT -t nat -L -n"
capraw host iptables netns-host-iptables-save-nat "$IPT-save -t nat"
capraw host iptables netns-host-iptables-nat-s "$IPT -t nat -S"
capraw host ip-forward netns-host-sysctl-ip-forward sysctl net.ipv4.ip_forward
capraw host ip-forward netns-host-proc-ip-forward cat /proc/sys/net/ipv4/ip_forward
capraw host ip-forward netns-host-grep-proxy-arp "grep . /proc/sys/net/ipv4/conf/*/proxy_arp"
capraw host ip-forward netns-host-sysctl-a-grep "sysctl -a 2>/dev/null | grep -E 'ip_forward|proxy_arp'"
echo "captured into $OUT"; cat "$OUT/notes.txt" 2>/dev/null || true; cat "$OUT/rc.txt" 2>/dev/null || true
