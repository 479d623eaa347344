#!/bin/bash
# Captures real command outputs for the problem fixtures under Fixtures/problems/<lab>/<machine>/<file>,
# one misconfiguration per lab, one lab after the other (each lab's namespaces are deleted before the
# next is built). Every file starts with a prompt line "root@<machine>:~# <command>" followed by the real
# output (stdout+stderr). Each lab also gets an expected.yaml naming the catalogue entry, the mode the
# tool reports and the checks that fail, with the evidence lines looked up in the captured files.
#
# Labs (all namespaces named vnd-prob-*, nothing attached to the root namespace; "lan" is a helper
# namespace holding 192.168.0.1/24 behind the hosts' uplinks, "slirp" holds VirtualBox NAT's 10.0.2.2;
# helper namespaces are not captured):
#   m01-libvirt-nat-forwarding-off  libvirt-NAT-like kvmhost (virbr0 192.168.122.1/24, vnet0 -> guest1
#                                   192.168.122.50/24 via .1, libvirt's MASQUERADE rules), ip_forward=0.
#   m02-xen-route-proxy-arp-off     Xen-route-like dom0: eth0 192.168.0.64/24, vif1.0 (fe:ff:ff:ff:ff:ff)
#                                   with dom0's 192.168.0.64/32, host route 192.168.0.100 dev vif1.0,
#                                   proxy_arp 1 on vif1.0 and 0 on eth0; domu1 192.168.0.100/24 via .1.
#                                   Old layout: ifconfig and route -n.
#   m07-guest-wrong-netmask         libvirt-NAT-like host, guest1 192.168.122.50/16.
#   m08-guest-takes-host-address    VirtualBox-host-only-like vbhost (vboxnet0 192.168.56.1/24), vbguest
#                                   statically on 192.168.56.1/24.
#   m10-xen-bridge-without-nic      Xen-bridge-like xenhost: xenbr0 holds only vif1.0, eth0 (the uplink,
#                                   192.168.0.30/24) outside the bridge; domu1 192.168.0.31/24 via .1.
#   m11-dhcp-pool-exhausted         kvmhost runs dnsmasq on virbr0 with a dhcp-range of one address;
#                                   guest1 and guest2 run dhclient. Each of the three runs busybox syslogd
#                                   in a private mount+UTS namespace (see syslogns): dnsmasq's and
#                                   dhclient's syslog lines are the machines' syslog files, dhclient -v's
#                                   console output the guests' dhclient.txt.
#   m12-guest-link-local-only       libvirt-NAT-like host, guest1 with only 169.254.7.12/16 (set the way
#                                   avahi-autoipd's action script sets it).
#   m13-guest-nic-no-carrier        libvirt-NAT-like host with vnet0 set down: guest1's eth0 loses carrier.
#   m14-bridge-port-mtu             libvirt-NAT-like host, vnet0 and guest1 MTU 9000, virbr0 set to 1500.
#   m15-cloned-guests-same-mac      libvirt-NAT-like host, guest1 and guest2 both 52:54:00:12:34:56
#                                   (taps vnet0 and vnet1 both fe:54:00:12:34:56, as libvirt derives them).
#   m16-nat-rule-wrong-uplink       host with uplink ens33 (a renamed veth), br0 10.0.0.1/24 with tap0 ->
#                                   guest1 10.0.0.10/24, MASQUERADE -s 10.0.0.0/24 -o eth0.
#   m16-libvirt-nat-rules-flushed   libvirt-NAT-like host after iptables -t nat -F.
#   m17-hostonly-guest-default-route VirtualBox-host-only-like pair, vbguest default via 192.168.56.1.
#   m19-bridge-over-wireless        host br0 with ports wlp3s0 (a renamed veth to the lan) and vnet0.
#   m20-xen-vif-on-virbr0           Xen-3.0-bridge-like xenhost (xenbr0 with peth0 and vif0.0, dom0's eth0
#                                   the netloop peer of vif0.0) plus virbr0; domu1's vif1.0 on virbr0.
#   m21-docker-forward-drop         kvmhost with virbr0 (guest1 attached) and docker0 without containers;
#                                   Docker's filter rules with FORWARD policy DROP, nothing for virbr0.
#   m22-virtual-net-overlaps-lan    host eth0 192.168.0.68/24 and a veth named vmnet8 (VMware's MAC
#                                   00:50:56:c0:00:08) given 192.168.0.1/24. Old layout: ifconfig, route -n.
#   m24-vboxnet-outside-allowed-range vboxnet0 172.28.128.1/24, vbguest 172.28.128.10/24.
#   m26-nested-kvm-in-virtualbox    kvmhost whose uplink enp0s3 (08:00:27:aa:bb:cc) and vnet0 are ports of
#                                   br0 192.168.0.40/24; guest1 192.168.0.41/24.
#   m27-two-default-routes          vbguest with enp0s3 10.0.2.15/24 (default via 10.0.2.2 metric 101) and
#                                   enp0s8 192.168.56.10/24 (default via 192.168.56.1 metric 100).
# Traffic: only single pings (-c1 -W1) between addresses of these namespaces, and DHCP between the
# namespaces of lab m11 (dnsmasq pings an address before offering it). Everything is deleted on exit (trap), also on failure: namespaces, the syslogd,
# dnsmasq and dhclient processes (by their pid files) and the scratch folder $T. No kernel module is loaded.
#
# Run as root on Debian 12:
#   apt-get install -y iproute2 bridge-utils iptables iputils-ping procps net-tools util-linux \
#                      dnsmasq-base isc-dhcp-client busybox
#   bash scripts/capture/netns-problems.sh        # writes into $OUT (default Fixtures/problems)
#   LABS="m11 m14" bash scripts/capture/netns-problems.sh   # only the labs whose name starts so
# dhclient runs with a minimal -sf script of its own (address and default route only, no resolv.conf)
# and dnsmasq with --port=0 (no DNS), its lease and pid files in $T.
# Values differ run to run (neighbour states, counters, pids, times, random MACs of helper links).
set -euo pipefail
P=vnd-prob
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/Fixtures/problems}
T=/tmp/vnd-prob-capture
LABS=${LABS:-}
export LC_ALL=C

cleanup() {
  local f n
  for f in "$T"/*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
  done
  for n in $(ip netns list | awk '{print $1}' | grep "^$P-" || true); do ip netns del "$n" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup
mkdir -p "$T"

IPROUTE=$(ip -V | sed -n 's/.*iproute2-\([0-9.]*\).*/\1/p')
KERNEL=$(uname -r)
. /etc/os-release
if [ "${ID:-}" = debian ]; then DISTRO="Debian ${VERSION_ID:-}"; else DISTRO=${PRETTY_NAME:-Linux}; fi
IPT=iptables

x() { local n=$1; shift; ip netns exec $P-$n "$@"; }
mkns() { for n in "$@"; do ip netns add $P-$n; x $n ip link set lo up; done; }
endlab() { cleanup; mkdir -p "$T"; }
NOTES=""   # notes for the current lab's expected.yaml (YAML comments)

# syslogns MACHINE: busybox syslogd, writing /var/log/messages, in a private mount and UTS namespace of
# MACHINE's network namespace: hostname MACHINE, /dev replaced by $T/dev-MACHINE (bind mounts of null, zero,
# random, urandom; syslogd creates its /dev/log socket there), tmpfs on /run and /var/log. Nothing of it is
# visible outside. Programs started with run_in MACHINE log there with a real syslog envelope.
syslogns() {
  local m=$1; mkdir -p "$T/dev-$m"
  x $m unshare --mount --uts --propagation private bash -c "
    set -e
    hostname $m
    for d in null zero random urandom; do touch $T/dev-$m/\$d; mount --bind /dev/\$d $T/dev-$m/\$d; done
    mount --rbind $T/dev-$m /dev
    mount -t tmpfs tmpfs /run
    mount -t tmpfs tmpfs /var/log
    busybox syslogd -n </dev/null >/dev/null 2>&1 &
    echo \$! >$T/syslogd-$m.pid"
  sleep 1
}
# run_in MACHINE command...: in MACHINE's syslog namespace when it has one, else in its network namespace
run_in() {
  local m=$1; shift
  if [ -f "$T/syslogd-$m.pid" ]; then nsenter -t "$(cat "$T/syslogd-$m.pid")" -m -u -n "$@"
  else ip netns exec $P-$m "$@"; fi
}
note() { NOTES+="# $*"$'\n'; echo "NOTE: $*" >&2; }

cap() { # cap LAB MACHINE FILE command...   (FILE with its extension)
  local lab=$1 m=$2 f=$3; shift 3
  local dir="$OUT/$lab/$m"; mkdir -p "$dir"
  { printf 'root@%s:~# %s\n' "$m" "$*"
    run_in $m env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C bash -c "$*" 2>&1 \
      || echo "rc=$? $lab/$m/$f" >&2
  } >"$dir/$f"
}

# ev MACHINE FILE REGEX: "MACHINE/FILE:LINE" of the first line of the current lab's file matching REGEX
ev() {
  local n
  n=$(grep -n -m1 -E -- "$3" "$OUT/$L/$1/$2" | cut -d: -f1) || true
  if [ -z "$n" ]; then echo "ev: no line matching '$3' in $L/$1/$2" >&2; exit 1; fi
  printf '%s/%s:%s' "$1" "$2" "$n"
}

FIND=""    # findings of the current lab, YAML lines
finding() { # finding RULE EVIDENCE... (each "machine/file:line")
  local rule=$1 e list=""; shift
  for e in "$@"; do list+="${list:+, }\"$e\""; done
  FIND+="    - rule: $rule"$'\n'
  [ -n "$list" ] && FIND+="      evidence: [$list]"$'\n'
  return 0
}

expected() { # expected CATALOGUE MODE "LIKE|NOT" EXTRA [ASSUME-MODE]: "... addressed like LIKE, not NOT itself; EXTRA"
  local cat=$1 mode=$2 like=${3%%|*} not=${3#*|} extra=$4 assume=${5:-}
  { printf '%s' "$NOTES"
    printf 'source: "captured in network namespaces by scripts/capture/netns-problems.sh (%s, iproute2 %s, kernel %s); real kernel devices named and addressed like %s, not %s itself%s"\n' \
      "$DISTRO" "$IPROUTE" "$KERNEL" "$like" "$not" "${extra:+; $extra}"
    echo 'invented: false'
    echo 'reconstructed: true'
    echo "catalogue: $cat"
    echo "mode: $mode"
    [ -n "$assume" ] && echo "assumeMode: $assume"
    echo 'findings:'
    echo '  fail:'
    printf '%s' "$FIND"
  } >"$OUT/$L/expected.yaml"
  NOTES=""; FIND=""
}

pingq() { # pingq NS ADDR: one ping that should be answered
  x "$1" ping -c1 -W1 "$2" >/dev/null || note "ping from $1 to $2 got no reply"
}

# lab NAME: true when this lab is to run (LABS empty, or a word of LABS is a prefix of NAME)
lab() {
  local w
  [ -z "$LABS" ] && { L=$1; rm -rf "$OUT/$L"; echo "== $L" >&2; return 0; }
  for w in $LABS; do case $1 in "$w"*) L=$1; rm -rf "$OUT/$L"; echo "== $L" >&2; return 0;; esac; done
  return 1
}

# uplink HOST ADDR/LEN [NAME]: NAME (eth0) in HOST as a veth to the lan namespace (192.168.0.1/24), default via .1
uplink() {
  local dev=${3:-eth0}
  ip netns list | grep -q "^$P-lan\b" || mkns lan
  x $1 ip link add $dev type veth peer name up-$1 netns $P-lan
  x lan ip link set up-$1 up
  x lan ip addr show | grep -q '192.168.0.1/24' || x lan ip addr add 192.168.0.1/24 brd 192.168.0.255 dev up-$1
  x $1 ip addr add $2 brd 192.168.0.255 dev $dev; x $1 ip link set $dev up
  x $1 ip route add default via 192.168.0.1
}

# virbr HOST: libvirt's default network bridge virbr0 52:54:00:8e:aa:01 192.168.122.1/24
virbr() {
  x $1 ip link add virbr0 type bridge stp_state 0 forward_delay 0
  x $1 ip link set virbr0 address 52:54:00:8e:aa:01
  x $1 ip addr add 192.168.122.1/24 brd 192.168.122.255 dev virbr0
  x $1 ip link set virbr0 up
}

# tapguest HOST BRIDGE TAP TAPMAC GUEST GUESTMAC ADDR/LEN BRD [GATEWAY]: a guest NIC eth0 whose host side TAP
# (a veth) is a port of BRIDGE; ADDR - for none
tapguest() {
  local h=$1 br=$2 tap=$3 tmac=$4 g=$5 gmac=$6 addr=$7 brd=$8 gw=${9:-}
  ip netns list | grep -q "^$P-$g\b" || mkns $g
  x $h ip link add $tap type veth peer name eth0 netns $P-$g
  x $h ip link set $tap address $tmac
  x $h ip link set $tap master $br
  x $h ip link set $tap up
  x $g ip link set eth0 address $gmac
  if [ "$addr" != - ]; then x $g ip addr add $addr brd $brd dev eth0; fi
  x $g ip link set eth0 up
  if [ -n "$gw" ]; then x $g ip route add default via $gw; fi
}

libvirt_nat_rules() { # libvirt's POSTROUTING rules for 192.168.122.0/24
  x $1 $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 -d 224.0.0.0/24 -j RETURN
  x $1 $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 -d 255.255.255.255/32 -j RETURN
  x $1 $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535
  x $1 $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p udp -j MASQUERADE --to-ports 1024-65535
  x $1 $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE
}

# libvirt_lab FORWARD GUESTADDR: kvmhost (eth0 192.168.0.10/24, virbr0, libvirt nat rules, ip_forward)
# and guest1 (52:54:00:12:34:56 on vnet0 fe:54:00:12:34:56) default via 192.168.122.1
libvirt_lab() {
  mkns kvmhost
  uplink kvmhost 192.168.0.10/24
  virbr kvmhost
  tapguest kvmhost virbr0 vnet0 fe:54:00:12:34:56 guest1 52:54:00:12:34:56 $2 ${3:-192.168.122.255} 192.168.122.1
  x kvmhost sysctl -qw net.ipv4.ip_forward=$1
  libvirt_nat_rules kvmhost
}

cap_libvirt_host() { # the usual host captures
  cap $L kvmhost ip-addr.txt ip addr
  cap $L kvmhost ip-route.txt ip route
  cap $L kvmhost bridge-link.txt bridge link
  cap $L kvmhost iptables-nat-S.txt $IPT -t nat -S
  cap $L kvmhost sysctl-ip-forward.txt sysctl net.ipv4.ip_forward
}
cap_guest() { # cap_guest MACHINE
  cap $L $1 ip-addr.txt ip addr
  cap $L $1 ip-route.txt ip route
}

settle() { sleep 3; }   # IPv6 DAD finishes, bridge ports reach forwarding

LV="libvirt's|libvirt"
# ---------------------------------------------------------------- M01
if lab m01-libvirt-nat-forwarding-off; then
  libvirt_lab 0 192.168.122.50/24
  settle
  pingq guest1 192.168.122.1
  cap_libvirt_host; cap_guest guest1
  finding ip-forward-off "$(ev kvmhost sysctl-ip-forward.txt 'ip_forward = 0')"
  expected M01 libvirt.nat $LV "net.ipv4.ip_forward set to 0 on the host"
  endlab
fi

# ---------------------------------------------------------------- M02
if lab m02-xen-route-proxy-arp-off; then
  mkns dom0 domu1
  uplink dom0 192.168.0.64/24
  x dom0 ip link set eth0 address 00:40:d0:65:b2:84
  x dom0 ip link add vif1.0 type veth peer name eth0 netns $P-domu1
  x dom0 ip link set vif1.0 address fe:ff:ff:ff:ff:ff
  # what Xen's vif-route does: the vif gets dom0's address as /32, a host route per guest address
  x dom0 ip addr add 192.168.0.64/32 brd 192.168.0.255 dev vif1.0
  x dom0 ip link set vif1.0 up
  x dom0 ip route add 192.168.0.100 dev vif1.0 src 192.168.0.64
  x dom0 sysctl -qw net.ipv4.ip_forward=1
  x dom0 sysctl -qw net/ipv4/conf/vif1.0/proxy_arp=1
  x dom0 sysctl -qw net/ipv4/conf/eth0/proxy_arp=0
  x domu1 ip link set eth0 address 00:16:3e:4a:11:02
  x domu1 ip addr add 192.168.0.100/24 brd 192.168.0.255 dev eth0; x domu1 ip link set eth0 up
  x domu1 ip route add default via 192.168.0.1
  settle
  pingq domu1 192.168.0.64
  # the symptom: the lan cannot resolve 192.168.0.100 on dom0's eth0, so this ping gets no reply
  x domu1 ping -c1 -W1 192.168.0.1 >/dev/null 2>&1 && note "ping domu1 -> 192.168.0.1 was answered"
  cap $L dom0 ifconfig.txt ifconfig
  cap $L dom0 route-n.txt route -n
  cap $L dom0 proxy-arp.txt 'grep . /proc/sys/net/ipv4/conf/*/proxy_arp'
  cap $L dom0 sysctl-ip-forward.txt sysctl net.ipv4.ip_forward
  cap $L domu1 ifconfig.txt ifconfig
  cap $L domu1 route-n.txt route -n
  finding xen-route-proxy-arp-off "$(ev dom0 proxy-arp.txt 'conf/eth0/proxy_arp:0')"
  expected M02 xen.route "Xen's network-route and vif-route|Xen" "vif1.0 is a veth; proxy_arp enabled on vif1.0 only"
  endlab
fi

# ---------------------------------------------------------------- M07
if lab m07-guest-wrong-netmask; then
  libvirt_lab 1 192.168.122.50/16 192.168.255.255
  settle
  pingq guest1 192.168.122.1
  cap_libvirt_host; cap_guest guest1
  finding guest-netmask-differs "$(ev guest1 ip-addr.txt '192.168.122.50/16')" "$(ev guest1 ip-route.txt '^192.168.0.0/16')"
  expected M07 libvirt.nat $LV "guest1 given 192.168.122.50/16 by hand"
  endlab
fi

# ---------------------------------------------------------------- M08
if lab m08-guest-takes-host-address; then
  mkns vbhost vbguest
  uplink vbhost 192.168.0.20/24
  x vbhost ip link add vboxnet0 type veth peer name eth0 netns $P-vbguest
  x vbhost ip link set vboxnet0 address 0a:00:27:00:00:00
  x vbhost ip addr add 192.168.56.1/24 brd 192.168.56.255 dev vboxnet0; x vbhost ip link set vboxnet0 up
  x vbguest ip link set eth0 address 08:00:27:5e:1c:9a
  x vbguest ip addr add 192.168.56.1/24 brd 192.168.56.255 dev eth0; x vbguest ip link set eth0 up
  settle
  cap $L vbhost ip-addr.txt ip addr
  cap $L vbhost ip-route.txt ip route
  cap_guest vbguest
  finding duplicate-ip "$(ev vbguest ip-addr.txt 'inet 192.168.56.1/24')" "$(ev vbhost ip-addr.txt 'inet 192.168.56.1/24')"
  finding guest-uses-reserved-address "$(ev vbguest ip-addr.txt 'inet 192.168.56.1/24')"
  expected M08 virtualbox.hostonly "VirtualBox's|VirtualBox" "vboxnet0 is a veth whose peer is the guest's eth0; the guest set to 192.168.56.1 by hand"
  endlab
fi

# ---------------------------------------------------------------- M10
if lab m10-xen-bridge-without-nic; then
  mkns xenhost domu1
  uplink xenhost 192.168.0.30/24
  x xenhost ip link set eth0 address 00:1e:4f:aa:bb:cc
  x xenhost ip link add xenbr0 type bridge stp_state 0 forward_delay 0
  x xenhost ip link set xenbr0 up
  tapguest xenhost xenbr0 vif1.0 fe:ff:ff:ff:ff:ff domu1 00:16:3e:12:34:56 192.168.0.31/24 192.168.0.255 192.168.0.1
  settle
  x domu1 ping -c1 -W1 192.168.0.1 >/dev/null 2>&1 && note "ping domu1 -> 192.168.0.1 was answered"
  cap $L xenhost ip-addr.txt ip addr
  cap $L xenhost ip-route.txt ip route
  cap $L xenhost brctl-show.txt brctl show
  cap $L xenhost bridge-link.txt bridge link
  cap_guest domu1
  finding bridge-without-physical-port "$(ev xenhost brctl-show.txt '^xenbr0')"
  expected M10 xen.bridge "Xen's network-bridge|Xen" "vif1.0 is a veth; eth0 (the uplink, a veth to a helper namespace) left outside xenbr0"
  endlab
fi

# ---------------------------------------------------------------- M11
if lab m11-dhcp-pool-exhausted; then
  mkns kvmhost
  uplink kvmhost 192.168.0.10/24
  virbr kvmhost
  mkns guest1 guest2
  tapguest kvmhost virbr0 vnet0 fe:54:00:12:34:56 guest1 52:54:00:12:34:56 - -
  tapguest kvmhost virbr0 vnet1 fe:54:00:ab:cd:ef guest2 52:54:00:ab:cd:ef - -
  x kvmhost sysctl -qw net.ipv4.ip_forward=1
  cat >"$T/dhclient.conf" <<'EOF'
timeout 12;
initial-interval 2;
request subnet-mask, broadcast-address, routers;
EOF
  cat >"$T/dhclient-script" <<'EOF'
#!/bin/bash
# minimal dhclient-script: the leased address and the default route, nothing else (no resolv.conf)
len() { local n=0 o; for o in ${1//./ }; do while [ "$o" -gt 0 ]; do n=$((n + (o & 1))); o=$((o >> 1)); done; done; echo $n; }
case "$reason" in
  PREINIT) ip link set dev "$interface" up ;;
  BOUND|RENEW|REBIND|REBOOT)
    ip -4 addr flush dev "$interface" scope global
    ip addr add "$new_ip_address/$(len "$new_subnet_mask")" brd "${new_broadcast_address:-+}" dev "$interface"
    for r in $new_routers; do ip route replace default via "$r" dev "$interface"; break; done ;;
  EXPIRE|FAIL|RELEASE|STOP) ip -4 addr flush dev "$interface" scope global ;;
esac
exit 0
EOF
  chmod +x "$T/dhclient-script"
  settle
  # dnsmasq and dhclient log through syslog(3); busybox syslogd in each machine gives their lines the envelope
  # a student finds in /var/log/messages. dnsmasq gets libvirt's options for the default network, with the
  # range cut to one address and no DNS (--port=0).
  for m in kvmhost guest1 guest2; do syslogns $m; done
  run_in kvmhost dnsmasq --conf-file= --port=0 --strict-order --no-resolv --no-hosts --bind-dynamic \
    --interface=virbr0 --except-interface=lo --dhcp-range=192.168.122.2,192.168.122.2,255.255.255.0 \
    --dhcp-no-override --dhcp-authoritative --dhcp-lease-max=1 --dhcp-leasefile="$T/dnsmasq.leases" \
    --pid-file="$T/dnsmasq.pid" --user=root --group=root
  sleep 1
  DHC="dhclient -1 -v -cf $T/dhclient.conf -sf $T/dhclient-script"
  cap $L guest1 dhclient.txt "$DHC -lf $T/guest1.leases -pf $T/guest1.pid eth0"
  cap $L guest2 dhclient.txt "$DHC -lf $T/guest2.leases -pf $T/guest2.pid eth0"
  cap $L kvmhost ip-addr.txt ip addr
  cap $L kvmhost ip-route.txt ip route
  cap $L kvmhost bridge-link.txt bridge link
  cap $L kvmhost syslog cat /var/log/messages
  cap $L guest1 syslog cat /var/log/messages
  cap $L guest2 syslog cat /var/log/messages
  cap_guest guest1; cap_guest guest2
  finding dhcp-pool-exhausted "$(ev kvmhost syslog 'no address available')"
  finding dhcp-discover-unanswered "$(ev kvmhost syslog 'DHCPDISCOVER\(virbr0\) 52:54:00:ab:cd:ef')"
  finding dhcp-client-no-offers "$(ev guest2 syslog 'No DHCPOFFERS received')"
  expected M11 libvirt.nat $LV "dnsmasq 2.90 run with libvirt's options but --dhcp-range=192.168.122.2,192.168.122.2 (one address) and --port=0; dhclient 4.4.3 run with -1 -v and a minimal -sf script; both log through busybox syslogd 1.35 (facility.priority after the host name) running in a private mount and UTS namespace of each machine"
  endlab
fi

# ---------------------------------------------------------------- M12
if lab m12-guest-link-local-only; then
  mkns kvmhost guest1
  uplink kvmhost 192.168.0.10/24
  virbr kvmhost
  x kvmhost sysctl -qw net.ipv4.ip_forward=1
  libvirt_nat_rules kvmhost
  x kvmhost ip link add vnet0 type veth peer name eth0 netns $P-guest1
  x kvmhost ip link set vnet0 address fe:54:00:12:34:56
  x kvmhost ip link set vnet0 master virbr0; x kvmhost ip link set vnet0 up
  x guest1 ip link set eth0 address 52:54:00:12:34:56; x guest1 ip link set eth0 up
  # what avahi-autoipd's action script (/etc/avahi/avahi-autoipd.action) does on BIND
  x guest1 ip addr add 169.254.7.12/16 brd 169.254.255.255 label eth0:avahi scope link dev eth0
  settle
  cap_libvirt_host; cap_guest guest1
  finding apipa-address "$(ev guest1 ip-addr.txt 'inet 169.254.7.12/16')"
  # a link-local-only guest also has no default route and is off virbr0's network: both true here
  finding guest-default-route-missing "$(ev guest1 ip-route.txt '^169.254.0.0/16')"
  finding guest-off-host-network "$(ev guest1 ip-addr.txt 'inet 169.254.7.12/16')" "$(ev kvmhost ip-addr.txt 'inet 192.168.122.1/24')"
  expected M12 libvirt.nat $LV "guest1's address set as avahi-autoipd's action script sets it (ip addr add 169.254.7.12/16 brd 169.254.255.255 label eth0:avahi scope link dev eth0), without running avahi-autoipd"
  endlab
fi

# ---------------------------------------------------------------- M13
if lab m13-guest-nic-no-carrier; then
  libvirt_lab 1 192.168.122.50/24
  settle
  pingq guest1 192.168.122.1
  x kvmhost ip link set vnet0 down
  sleep 1
  cap_libvirt_host; cap_guest guest1
  finding interface-down "$(ev guest1 ip-addr.txt '^2: eth0')" "$(ev guest1 ip-route.txt '^default')"
  expected M13 libvirt.nat $LV "the guest's carrier lost by setting the host side vnet0 down (ip link set vnet0 down); the guest's eth0 then shows what an unplugged virtual cable (virsh domif-setlink guest1 vnet0 down) shows"
  endlab
fi

# ---------------------------------------------------------------- M14
if lab m14-bridge-port-mtu; then
  libvirt_lab 1 192.168.122.50/24
  x kvmhost ip link set vnet0 mtu 9000
  x guest1 ip link set eth0 mtu 9000
  x kvmhost ip link set virbr0 mtu 1500
  settle
  pingq guest1 192.168.122.1
  cap_libvirt_host; cap_guest guest1
  finding bridge-mtu-mismatch "$(ev kvmhost ip-addr.txt '^[0-9]+: virbr0')"
  expected M14 libvirt.nat $LV "vnet0 and the guest's eth0 set to MTU 9000, then virbr0 set to 1500 (the kernel then keeps the bridge's MTU)"
  endlab
fi

# ---------------------------------------------------------------- M15
if lab m15-cloned-guests-same-mac; then
  libvirt_lab 1 192.168.122.50/24
  tapguest kvmhost virbr0 vnet1 fe:54:00:12:34:56 guest2 52:54:00:12:34:56 192.168.122.51/24 192.168.122.255 192.168.122.1
  settle
  x guest1 ping -c1 -W1 192.168.122.1 >/dev/null 2>&1 || note "ping guest1 -> 192.168.122.1 got no reply"
  x guest2 ping -c1 -W1 192.168.122.1 >/dev/null 2>&1 || note "ping guest2 -> 192.168.122.1 got no reply"
  cap_libvirt_host
  cap $L kvmhost ip-neigh.txt ip neigh
  cap_guest guest1; cap_guest guest2
  finding duplicate-mac "$(ev guest2 ip-addr.txt 'link/ether 52:54:00:12:34:56')"
  expected M15 libvirt.nat $LV "two guests with one MAC (vnet0 and vnet1 both fe:54:00:12:34:56, as libvirt derives the tap's MAC from the guest's)"
  endlab
fi

# ---------------------------------------------------------------- M16 (wrong uplink)
if lab m16-nat-rule-wrong-uplink; then
  mkns host
  uplink host 192.168.0.30/24 ens33
  x host ip link set ens33 address 00:1e:4f:11:22:33
  x host ip link add br0 type bridge stp_state 0 forward_delay 0
  x host ip addr add 10.0.0.1/24 brd 10.0.0.255 dev br0
  x host ip link set br0 up
  tapguest host br0 tap0 fe:54:00:12:34:56 guest1 52:54:00:12:34:56 10.0.0.10/24 10.0.0.255 10.0.0.1
  x host sysctl -qw net.ipv4.ip_forward=1
  x host $IPT -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE
  settle
  pingq guest1 10.0.0.1
  cap $L host ip-addr.txt ip addr
  cap $L host ip-route.txt ip route
  cap $L host bridge-link.txt bridge link
  cap $L host iptables-nat-S.txt $IPT -t nat -S
  cap $L host sysctl-ip-forward.txt sysctl net.ipv4.ip_forward
  cap_guest guest1
  finding masquerade-unknown-uplink "$(ev host iptables-nat-S.txt '-o eth0 -j MASQUERADE')"
  expected M16 libvirt.bridge "a hand-made NAT for qemu guests (tap on br0)|qemu" "ens33 is a renamed veth; tap0 is a veth standing for qemu's tap"
  endlab
fi

# ---------------------------------------------------------------- M16 (flushed)
if lab m16-libvirt-nat-rules-flushed; then
  libvirt_lab 1 192.168.122.50/24
  x kvmhost $IPT -t nat -F
  settle
  pingq guest1 192.168.122.1
  cap_libvirt_host; cap_guest guest1
  finding nat-without-masquerade
  expected M16 libvirt.nat $LV "libvirt's nat rules added, then iptables -t nat -F"
  endlab
fi

# ---------------------------------------------------------------- M17
if lab m17-hostonly-guest-default-route; then
  mkns vbhost vbguest
  uplink vbhost 192.168.0.20/24
  x vbhost ip link add vboxnet0 type veth peer name eth0 netns $P-vbguest
  x vbhost ip link set vboxnet0 address 0a:00:27:00:00:00
  x vbhost ip addr add 192.168.56.1/24 brd 192.168.56.255 dev vboxnet0; x vbhost ip link set vboxnet0 up
  x vbguest ip link set eth0 address 08:00:27:5e:1c:9a
  x vbguest ip addr add 192.168.56.101/24 brd 192.168.56.255 dev eth0; x vbguest ip link set eth0 up
  x vbguest ip route add default via 192.168.56.1
  settle
  pingq vbguest 192.168.56.1
  cap $L vbhost ip-addr.txt ip addr
  cap $L vbhost ip-route.txt ip route
  cap_guest vbguest
  finding hostonly-guest-default-route "$(ev vbguest ip-route.txt '^default via 192.168.56.1')"
  expected M17 virtualbox.hostonly "VirtualBox's|VirtualBox" "vboxnet0 is a veth whose peer is the guest's eth0"
  endlab
fi

# ---------------------------------------------------------------- M19
if lab m19-bridge-over-wireless; then
  mkns host
  mkns lan
  x host ip link add wlp3s0 type veth peer name up-host netns $P-lan
  x lan ip addr add 192.168.0.1/24 brd 192.168.0.255 dev up-host; x lan ip link set up-host up
  x host ip link set wlp3s0 address 7c:5c:f8:3a:9e:41
  x host ip link add br0 type bridge stp_state 0 forward_delay 0
  x host ip link set wlp3s0 master br0; x host ip link set wlp3s0 up
  x host ip addr add 192.168.0.40/24 brd 192.168.0.255 dev br0; x host ip link set br0 up
  x host ip route add default via 192.168.0.1
  tapguest host br0 vnet0 fe:54:00:12:34:56 guest1 52:54:00:12:34:56 192.168.0.41/24 192.168.0.255 192.168.0.1
  settle
  pingq host 192.168.0.1
  cap $L host ip-addr.txt ip addr
  cap $L host ip-route.txt ip route
  cap $L host brctl-show.txt brctl show
  cap_guest guest1
  finding bridge-with-wireless-port "$(ev host brctl-show.txt '^br0')"
  expected M19 libvirt.bridge "a libvirt bridge over a wireless NIC|libvirt" "wlp3s0 is a renamed veth standing for a wireless NIC (a real one refuses to join a bridge unless in 4-address mode)"
  endlab
fi

# ---------------------------------------------------------------- M20
if lab m20-xen-vif-on-virbr0; then
  mkns xenhost domu1 lan
  # Xen 3.0 network-bridge: xenbr0 holds the physical NIC (peth0) and vif0.0, the netloop peer of dom0's eth0
  x xenhost ip link add xenbr0 type bridge stp_state 0 forward_delay 0
  x xenhost ip link add peth0 type veth peer name up-xenhost netns $P-lan
  x lan ip addr add 192.168.0.1/24 brd 192.168.0.255 dev up-xenhost; x lan ip link set up-xenhost up
  x xenhost ip link add eth0 type veth peer name vif0.0
  x xenhost ip link set peth0 address fe:ff:ff:ff:ff:ff
  x xenhost ip link set vif0.0 address fe:ff:ff:ff:ff:ff
  x xenhost ip link set eth0 address 00:1e:4f:aa:bb:cc
  x xenhost ip link set peth0 master xenbr0; x xenhost ip link set vif0.0 master xenbr0
  for d in xenbr0 peth0 vif0.0 eth0; do x xenhost ip link set $d up; done
  x xenhost ip addr add 192.168.0.30/24 brd 192.168.0.255 dev eth0
  x xenhost ip route add default via 192.168.0.1
  virbr xenhost
  x xenhost sysctl -qw net.ipv4.ip_forward=1
  libvirt_nat_rules xenhost
  tapguest xenhost virbr0 vif1.0 fe:ff:ff:ff:ff:ff domu1 00:16:3e:12:34:56 192.168.122.45/24 192.168.122.255 192.168.122.1
  settle
  pingq xenhost 192.168.0.1
  pingq domu1 192.168.122.1
  cap $L xenhost ip-addr.txt ip addr
  cap $L xenhost ip-route.txt ip route
  cap $L xenhost brctl-show.txt brctl show
  cap_guest domu1
  finding xen-vif-on-foreign-bridge "$(ev xenhost brctl-show.txt '^virbr0')"
  expected M20 xen.bridge "Xen 3.0's network-bridge and libvirt's default network|Xen or libvirt" "peth0, vif0.0/eth0 and vif1.0 are veths; domu1's address set by hand as libvirt's dnsmasq would lease it"
  endlab
fi

# ---------------------------------------------------------------- M21
if lab m21-docker-forward-drop; then
  libvirt_lab 1 192.168.122.50/24
  x kvmhost ip link add docker0 type bridge
  x kvmhost ip link set docker0 address 02:42:8f:1e:6b:3a
  x kvmhost ip addr add 172.17.0.1/16 brd 172.17.255.255 dev docker0
  x kvmhost ip link set docker0 up
  # Docker's filter rules (docker 20.10/23), FORWARD policy DROP
  for c in DOCKER DOCKER-ISOLATION-STAGE-1 DOCKER-ISOLATION-STAGE-2 DOCKER-USER; do x kvmhost $IPT -N $c; done
  x kvmhost $IPT -P FORWARD DROP
  x kvmhost $IPT -A FORWARD -j DOCKER-USER
  x kvmhost $IPT -A FORWARD -j DOCKER-ISOLATION-STAGE-1
  x kvmhost $IPT -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
  x kvmhost $IPT -A FORWARD -o docker0 -j DOCKER
  x kvmhost $IPT -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
  x kvmhost $IPT -A FORWARD -i docker0 -o docker0 -j ACCEPT
  x kvmhost $IPT -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
  x kvmhost $IPT -A DOCKER-ISOLATION-STAGE-1 -j RETURN
  x kvmhost $IPT -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
  x kvmhost $IPT -A DOCKER-ISOLATION-STAGE-2 -j RETURN
  x kvmhost $IPT -A DOCKER-USER -j RETURN
  x kvmhost $IPT -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
  settle
  pingq guest1 192.168.122.1
  # the symptom: forwarded traffic from the guest is dropped
  x guest1 ping -c1 -W1 192.168.0.1 >/dev/null 2>&1 && note "ping guest1 -> 192.168.0.1 was answered"
  cap $L kvmhost ip-addr.txt ip addr
  cap $L kvmhost ip-route.txt ip route
  cap $L kvmhost iptables-S.txt $IPT -S
  cap $L kvmhost sysctl.txt sysctl net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables
  cap_guest guest1
  finding forward-drop-blocks-vm-bridges "$(ev kvmhost iptables-S.txt '^-P FORWARD DROP')"
  expected M21 libvirt.nat "libvirt's default network beside Docker's|libvirt or Docker" "Docker's filter rules typed by hand (no Docker running); libvirt's filter rules left out, as with libvirt 9's nftables backend, which keeps them in its own nft table that iptables -S does not show; a ping from guest1 to the lan went unanswered"
  endlab
fi

# ---------------------------------------------------------------- M22
if lab m22-virtual-net-overlaps-lan; then
  mkns host vmnet
  uplink host 192.168.0.68/24
  x host ip link set eth0 address 00:40:d0:65:b2:84
  x host ip link add vmnet8 type veth peer name eth0 netns $P-vmnet
  x host ip link set vmnet8 address 00:50:56:c0:00:08
  x host ip addr add 192.168.0.1/24 brd 192.168.0.255 dev vmnet8; x host ip link set vmnet8 up
  x vmnet ip link set eth0 up
  settle
  cap $L host ifconfig.txt ifconfig
  cap $L host route-n.txt route -n
  finding overlapping-networks "$(ev host ifconfig.txt '^vmnet8')"
  expected M22 none "VMware's NAT network vmnet8|VMware" "vmnet8 is a veth (VMware's vmnet driver is not loaded) given VMware's host MAC 00:50:56:c0:00:08 and the LAN's 192.168.0.0/24"
  endlab
fi

# ---------------------------------------------------------------- M24
if lab m24-vboxnet-outside-allowed-range; then
  mkns vbhost vbguest
  uplink vbhost 192.168.0.20/24
  x vbhost ip link add vboxnet0 type veth peer name eth0 netns $P-vbguest
  x vbhost ip link set vboxnet0 address 0a:00:27:00:00:00
  x vbhost ip addr add 172.28.128.1/24 brd 172.28.128.255 dev vboxnet0; x vbhost ip link set vboxnet0 up
  x vbguest ip link set eth0 address 08:00:27:5e:1c:9a
  x vbguest ip addr add 172.28.128.10/24 brd 172.28.128.255 dev eth0; x vbguest ip link set eth0 up
  settle
  pingq vbguest 172.28.128.1
  cap $L vbhost ip-addr.txt ip addr
  cap $L vbhost ip-route.txt ip route
  cap_guest vbguest
  finding virtualbox-hostonly-range "$(ev vbhost ip-addr.txt 'inet 172.28.128.1/24')"
  expected M24 virtualbox.hostonly "VirtualBox's|VirtualBox" "vboxnet0 is a veth whose peer is the guest's eth0"
  endlab
fi

# ---------------------------------------------------------------- M26
if lab m26-nested-kvm-in-virtualbox; then
  mkns kvmhost lan
  x kvmhost ip link add enp0s3 type veth peer name up-kvmhost netns $P-lan
  x lan ip addr add 192.168.0.1/24 brd 192.168.0.255 dev up-kvmhost; x lan ip link set up-kvmhost up
  x kvmhost ip link set enp0s3 address 08:00:27:aa:bb:cc
  x kvmhost ip link add br0 type bridge stp_state 0 forward_delay 0
  x kvmhost ip link set enp0s3 master br0; x kvmhost ip link set enp0s3 up
  x kvmhost ip addr add 192.168.0.40/24 brd 192.168.0.255 dev br0; x kvmhost ip link set br0 up
  x kvmhost ip route add default via 192.168.0.1
  tapguest kvmhost br0 vnet0 fe:54:00:12:34:56 guest1 52:54:00:12:34:56 192.168.0.41/24 192.168.0.255 192.168.0.1
  settle
  pingq kvmhost 192.168.0.1
  cap $L kvmhost ip-addr.txt ip addr
  cap $L kvmhost ip-route.txt ip route
  cap $L kvmhost bridge-link.txt bridge link
  cap_guest guest1
  finding nested-bridge-in-vm "$(ev kvmhost ip-addr.txt '^[0-9]+: enp0s3')" "$(ev kvmhost ip-addr.txt '^[0-9]+: vnet0')"
  expected M26 libvirt.bridge "a KVM host inside a VirtualBox VM (libvirt bridge br0)|libvirt or VirtualBox" "enp0s3 is a veth given VirtualBox's MAC 08:00:27:aa:bb:cc, standing for the VM's virtual NIC"
  endlab
fi

# ---------------------------------------------------------------- M27
if lab m27-two-default-routes; then
  mkns vbguest slirp vbhost
  uplink vbhost 192.168.0.20/24
  x vbguest ip link add enp0s3 type veth peer name eth0 netns $P-slirp
  x slirp ip addr add 10.0.2.2/24 brd 10.0.2.255 dev eth0; x slirp ip link set eth0 up
  x vbhost ip link add vboxnet0 type veth peer name enp0s8 netns $P-vbguest
  x vbhost ip link set vboxnet0 address 0a:00:27:00:00:00
  x vbhost ip addr add 192.168.56.1/24 brd 192.168.56.255 dev vboxnet0; x vbhost ip link set vboxnet0 up
  x vbguest ip link set enp0s3 address 08:00:27:a1:b2:c3
  x vbguest ip link set enp0s8 address 08:00:27:5e:1c:9a
  x vbguest ip addr add 10.0.2.15/24 brd 10.0.2.255 dev enp0s3 metric 101
  x vbguest ip addr add 192.168.56.10/24 brd 192.168.56.255 dev enp0s8 metric 100
  x vbguest ip link set enp0s3 up; x vbguest ip link set enp0s8 up
  x vbguest ip route add default via 10.0.2.2 dev enp0s3 metric 101
  x vbguest ip route add default via 192.168.56.1 dev enp0s8 metric 100
  settle
  pingq vbguest 10.0.2.2
  pingq vbguest 192.168.56.1
  cap $L vbhost ip-addr.txt ip addr
  cap $L vbhost ip-route.txt ip route
  cap_guest vbguest
  finding multiple-default-routes "$(ev vbguest ip-route.txt '^default via 192.168.56.1')" "$(ev vbguest ip-route.txt '^default via 10.0.2.2')"
  finding hostonly-guest-default-route "$(ev vbguest ip-route.txt '^default via 192.168.56.1')"
  expected M27 virtualbox.hostonly "VirtualBox's|VirtualBox" "vboxnet0 is a veth whose peer is the guest's enp0s8; enp0s3 a veth to a helper namespace holding VirtualBox NAT's 10.0.2.2"
  endlab
fi

echo "captured into $OUT" >&2
