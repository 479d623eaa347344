#!/bin/bash
# Captures the localized net-tools outputs under Fixtures/parsers/*/netns-*/input.txt:
# a host namespace (bridge virbr0 192.168.122.1/24, a /32 host route, a reject route, a permanent
# and an incomplete ARP entry) and a guest namespace (eth0 192.168.122.50/24, default via .1),
# then route/netstat/arp/ifconfig/proc tables in C, de_DE, fr_FR and pt_BR locales.
# Traffic only between the two namespaces it creates; both are removed on exit.
# Needs root, iproute2, net-tools, iputils-ping and the three locales generated (locale-gen).
# Raw captures land in $OUT (default /tmp/vnd-cap/out); copying them into fixtures is by hand,
# with an expected.yaml written from reading the text.
# Namespace helpers (netns_start, mkns, x) come from netns-lib.sh beside it.
set -euo pipefail
P=vnd-cap; OUT=${OUT:-/tmp/vnd-cap/out}
. "$(dirname "$0")/netns-lib.sh"
netns_start
rm -rf $OUT; mkdir -p $OUT
mkns host guest
# veth pair created inside host ns, peer moved to guest ns (never touches root ns beyond creation)
x host ip link add vnet0 type veth peer name eth0 netns $P-guest
x host ip link set vnet0 address fe:54:00:12:34:56
x guest ip link set eth0 address 52:54:00:12:34:56
x host ip link add virbr0 type bridge stp_state 0 forward_delay 0
x host ip link set virbr0 address 52:54:00:ab:cd:01
x host ip link set vnet0 master virbr0
x host ip addr add 192.168.122.1/24 brd 192.168.122.255 dev virbr0
x host ip link set virbr0 up; x host ip link set vnet0 up
x guest ip addr add 192.168.122.50/24 brd 192.168.122.255 dev eth0
x guest ip link set eth0 up
x guest ip route add default via 192.168.122.1
x guest ip route add 10.0.0.100/32 dev eth0
x host ip route add 10.0.0.100/32 dev virbr0
x host ip route add unreachable 10.99.0.0/16
sleep 2
x guest ping -c1 -W2 192.168.122.1
x host ping -c1 -W2 192.168.122.50
x host arp -s 192.168.122.77 52:54:00:aa:bb:cc
x host ping -c1 -W1 192.168.122.99 || true
sleep 1
for loc in C de_DE.UTF-8 fr_FR.UTF-8 pt_BR.UTF-8; do
  case $loc in C) tag=en; lang=C;; de*) tag=de; lang=de;; fr*) tag=fr; lang=fr;; pt*) tag=pt_BR; lang=pt_BR;; esac
  for ns in host guest; do
    run() { name=$1; shift
      x $ns env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=$loc LC_ALL=$loc LANGUAGE=$lang "$@" >$OUT/$tag.$ns.$name 2>$OUT/$tag.$ns.$name.err || echo "rc=$? $tag $ns $name" >>$OUT/rc.txt; }
    run route-n route -n; run route-ne route -ne; run route-nee route -nee
    run netstat-rn netstat -rn
    run arp-n arp -n; run arp-a arp -a
    run ifconfig-a ifconfig -a
    run proc-net-arp cat /proc/net/arp; run proc-net-route cat /proc/net/route
  done
done
x host ip neigh show > $OUT/neigh-host.txt; x guest ip neigh show > $OUT/neigh-guest.txt
x host ip route show > $OUT/iproute-host.txt; x guest ip route show > $OUT/iproute-guest.txt
