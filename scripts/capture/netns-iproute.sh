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
set -euo pipefail
H=vnd-cap2-host; G=vnd-cap2-guest; L=vnd-cap2-lan; OUT=${OUT:-/tmp/vnd-cap2/out}
cleanup() { for n in $H $G $L; do ip netns del $n 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
cleanup
rm -rf "$OUT"; mkdir -p "$OUT"
ip netns add $H; ip netns add $G; ip netns add $L
hx() { ip netns exec $H "$@"; }; gx() { ip netns exec $G "$@"; }; lx() { ip netns exec $L "$@"; }
for n in $H $G $L; do ip netns exec $n ip link set lo up; done

# veth pairs are created inside the host namespace with the far end placed straight into its
# namespace, so no interface ever exists in the root namespace.
hx ip link add peth0 type veth peer name eth0 netns $L
hx ip link add vif1.0 type veth peer name eth0 netns $G
hx ip link set peth0 address 02:00:00:00:00:10
lx ip link set eth0 address 02:00:00:00:00:11
hx ip link set vif1.0 address fe:ff:ff:ff:ff:ff
gx ip link set eth0 address 00:16:3e:00:00:01
hx ip link property add dev peth0 altname physeth0 || echo "altname not supported" >>"$OUT/notes.txt"

hx ip link add xenbr0 type bridge stp_state 0 forward_delay 0
hx ip link set xenbr0 address fe:ff:ff:ff:ff:ff 2>/dev/null || {
  echo "bridge MAC fe:ff:ff:ff:ff:ff refused, using 02:00:00:00:00:01" >>"$OUT/notes.txt"
  hx ip link set xenbr0 address 02:00:00:00:00:01; }
hx ip link set peth0 master xenbr0; hx ip link set vif1.0 master xenbr0
hx ip link add virbr0 type bridge stp_state 1 forward_delay 0
hx ip link set virbr0 address 52:54:00:00:00:01
hx ip addr add 192.168.122.1/24 brd 192.168.122.255 dev virbr0
hx ip link set virbr0 up

hx ip addr add 192.168.0.64/24 brd 192.168.0.255 dev xenbr0
hx ip addr add 192.168.0.69/24 brd 192.168.0.255 dev xenbr0 label xenbr0:1
hx ip addr add 2001:db8::64/64 dev xenbr0
hx ip link set xenbr0 up; hx ip link set peth0 up; hx ip link set vif1.0 up

lx sysctl -qw net.ipv6.conf.all.forwarding=1
lx ip addr add 192.168.0.1/24 brd 192.168.0.255 dev eth0; lx ip link set eth0 up
gx ip addr add 192.168.0.100/24 brd 192.168.0.255 dev eth0; gx ip link set eth0 up
gx ip route add default via 192.168.0.1

hx ip route add unreachable 10.99.0.0/16
hx ip route add blackhole 10.66.0.0/16
hx ip route add 10.0.0.0/8 via 192.168.0.1 dev xenbr0 metric 100 proto static
hx ip neigh add 192.168.0.77 lladdr 00:16:3e:00:00:77 dev xenbr0 nud permanent

IPT=iptables
hx $IPT -t nat -S >/dev/null 2>&1 || { IPT=iptables-legacy; echo "nft backend failed, using iptables-legacy" >>"$OUT/notes.txt"; }
hx $IPT -t nat -N LIBVIRT_PRT
hx $IPT -t nat -A LIBVIRT_PRT -j RETURN
hx $IPT -t nat -A POSTROUTING -j LIBVIRT_PRT
hx $IPT -t nat -A POSTROUTING -s 10.0.0.0/24 -o xenbr0 -j MASQUERADE
hx $IPT -t nat -A PREROUTING -i xenbr0 -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.100:80
hx sysctl -qw net.ipv4.ip_forward=1
hx sysctl -qw net.ipv4.conf.xenbr0.proxy_arp=1

sleep 3   # DAD and bridge ports to forwarding
gx ping -c1 -W2 192.168.0.1
lx ping -c1 -W2 192.168.0.100
hx ping -c1 -W2 192.168.0.1
hx ping -c1 -W2 192.168.0.100
LANLL=$(lx ip -6 -o addr show dev eth0 scope link | awk '{print $4}' | cut -d/ -f1)
hx ping -6 -c1 -W2 "$LANLL%xenbr0" || true
hx ping -c1 -W1 192.168.0.250 || true
gx ping -c1 -W1 192.168.0.250 || true
# one SYN from lan to the host's DNAT port: rewritten to 10.0.0.100:80 and routed back to the lan
# namespace (10.0.0.0/8 via 192.168.0.1), which has no such address and drops it.
lx timeout 2 bash -c 'exec 3<>/dev/tcp/192.168.0.64/8080' 2>/dev/null || true
sleep 1

cap() { # cap NS FORMAT CASE command...
  local ns=$1 fmt=$2 case=$3; shift 3
  mkdir -p "$OUT/$fmt/$case"
  ip netns exec "$ns" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C bash -c "$*" \
    >"$OUT/$fmt/$case/input.txt" 2>"$OUT/$fmt/$case/stderr.txt" || echo "rc=$? $case" >>"$OUT/rc.txt"
  printf '%s\t%s\n' "$case" "$*" >>"$OUT/commands.tsv"
}
cap $H ip-addr netns-host-ip-addr ip addr
cap $H ip-addr netns-host-ip-br-addr ip -br addr
cap $H ip-addr netns-host-ip-o-addr ip -o addr
cap $H ip-addr netns-host-ip-j-addr ip -j addr
cap $G ip-addr netns-guest-ip-addr ip addr
cap $H ip-link netns-host-ip-link ip link
cap $H ip-link netns-host-ip-br-link ip -br link
cap $H ip-route netns-host-ip-route ip route
cap $H ip-route netns-host-ip-j-route ip -j route
cap $G ip-route netns-guest-ip-route ip route
cap $H ip-neigh netns-host-ip-neigh ip neigh
cap $H ip-neigh netns-host-ip-j-neigh ip -j neigh
cap $G ip-neigh netns-guest-ip-neigh ip neigh
cap $H brctl netns-host-brctl-show brctl show
cap $H bridge-link netns-host-bridge-link bridge link
cap $H iptables netns-host-iptables-nat-l-v "$IPT -t nat -L -n -v"
cap $H iptables netns-host-iptables-nat-l "$IPT -t nat -L -n"
cap $H iptables netns-host-iptables-save-nat "$IPT-save -t nat"
cap $H iptables netns-host-iptables-nat-s "$IPT -t nat -S"
cap $H ip-forward netns-host-sysctl-ip-forward sysctl net.ipv4.ip_forward
cap $H ip-forward netns-host-proc-ip-forward cat /proc/sys/net/ipv4/ip_forward
cap $H ip-forward netns-host-grep-proxy-arp "grep . /proc/sys/net/ipv4/conf/*/proxy_arp"
cap $H ip-forward netns-host-sysctl-a-grep "sysctl -a 2>/dev/null | grep -E 'ip_forward|proxy_arp'"
echo "captured into $OUT"; cat "$OUT/notes.txt" 2>/dev/null || true; cat "$OUT/rc.txt" 2>/dev/null || true
