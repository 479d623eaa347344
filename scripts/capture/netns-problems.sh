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
# The helpers and the lab building blocks it shares with netns-modes.sh (libvirt_nat_host, vbox_hostonly,
# vbox_nat, docker_bridge, tapguest, uplink, ...) are in netns-lib.sh beside it.
set -euo pipefail
P=vnd-prob
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/Fixtures/problems}
T=/tmp/vnd-prob-capture
LABS=${LABS:-}
. "$(dirname "$0")/netns-lib.sh"
netns_start

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
  { yaml_source "$like" "$not" "$extra"
    echo "catalogue: $cat"
    echo "mode: $mode"
    [ -n "$assume" ] && echo "assumeMode: $assume"
    echo 'findings:'
    echo '  fail:'
    printf '%s' "$FIND"
  } >"$OUT/$L/expected.yaml"
  NOTES=""; FIND=""
}

# bridged_host HOST NIC NICMAC GUEST: HOST's LAN NIC (a veth to the lan namespace, MAC NICMAC) is a port of
# bridge br0 192.168.0.40/24, default via 192.168.0.1; GUEST's eth0 52:54:00:12:34:56 192.168.0.41/24
# (default via .1) sits behind tap vnet0 (fe:54:00:12:34:56) on br0
bridged_host() {
  mkns "$1"
  lanlink "$1" "$2"
  x "$1" ip link set "$2" address "$3"
  mkbridge "$1" br0 - 192.168.0.40/24 "$2"
  x "$1" ip route add default via 192.168.0.1
  tapguest "$1" br0 vnet0 fe:54:00:12:34:56 "$4" 52:54:00:12:34:56 192.168.0.41/24 192.168.0.1
}

LV="libvirt's|libvirt"
# ---------------------------------------------------------------- M01
if lab m01-libvirt-nat-forwarding-off; then
  libvirt_nat_host kvmhost guest1 192.168.122.50/24 0
  settle
  pingq guest1 192.168.122.1
  cap_nat_host kvmhost; cap_addr_route guest1
  finding ip-forward-off "$(ev kvmhost sysctl-ip-forward.txt 'ip_forward = 0')"
  expected M01 libvirt.nat $LV "net.ipv4.ip_forward set to 0 on the host"
  endlab
fi

# ---------------------------------------------------------------- M02
if lab m02-xen-route-proxy-arp-off; then
  mkns dom0
  uplink dom0 192.168.0.64/24 eth0 00:40:d0:65:b2:84
  tapguest dom0 - vif1.0 fe:ff:ff:ff:ff:ff domu1 00:16:3e:4a:11:02 192.168.0.100/24 192.168.0.1
  # what Xen's vif-route does: the vif gets dom0's address as /32, a host route per guest address
  x dom0 ip addr add 192.168.0.64/32 brd 192.168.0.255 dev vif1.0
  x dom0 ip route add 192.168.0.100 dev vif1.0 src 192.168.0.64
  x dom0 sysctl -qw net.ipv4.ip_forward=1
  x dom0 sysctl -qw net/ipv4/conf/vif1.0/proxy_arp=1
  x dom0 sysctl -qw net/ipv4/conf/eth0/proxy_arp=0
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
  libvirt_nat_host kvmhost guest1 192.168.122.50/16
  settle
  pingq guest1 192.168.122.1
  cap_nat_host kvmhost; cap_addr_route guest1
  finding guest-netmask-differs "$(ev guest1 ip-addr.txt '192.168.122.50/16')" "$(ev guest1 ip-route.txt '^192.168.0.0/16')"
  expected M07 libvirt.nat $LV "guest1 given 192.168.122.50/16 by hand"
  endlab
fi

# ---------------------------------------------------------------- M08
if lab m08-guest-takes-host-address; then
  vbox_hostonly vbhost vbguest 192.168.56.1/24 192.168.56.1/24
  settle
  cap_addr_route vbhost; cap_addr_route vbguest
  finding duplicate-ip "$(ev vbguest ip-addr.txt 'inet 192.168.56.1/24')" "$(ev vbhost ip-addr.txt 'inet 192.168.56.1/24')"
  finding guest-uses-reserved-address "$(ev vbguest ip-addr.txt 'inet 192.168.56.1/24')"
  expected M08 virtualbox.hostonly "VirtualBox's|VirtualBox" "vboxnet0 is a veth whose peer is the guest's eth0; the guest set to 192.168.56.1 by hand"
  endlab
fi

# ---------------------------------------------------------------- M10
if lab m10-xen-bridge-without-nic; then
  mkns xenhost
  uplink xenhost 192.168.0.30/24 eth0 00:1e:4f:aa:bb:cc
  mkbridge xenhost xenbr0 - -
  tapguest xenhost xenbr0 vif1.0 fe:ff:ff:ff:ff:ff domu1 00:16:3e:12:34:56 192.168.0.31/24 192.168.0.1
  settle
  x domu1 ping -c1 -W1 192.168.0.1 >/dev/null 2>&1 && note "ping domu1 -> 192.168.0.1 was answered"
  cap_addr_route xenhost
  cap $L xenhost brctl-show.txt brctl show
  cap $L xenhost bridge-link.txt bridge link
  cap_addr_route domu1
  finding bridge-without-physical-port "$(ev xenhost brctl-show.txt '^xenbr0')"
  expected M10 xen.bridge "Xen's network-bridge|Xen" "vif1.0 is a veth; eth0 (the uplink, a veth to a helper namespace) left outside xenbr0"
  endlab
fi

# ---------------------------------------------------------------- M11
if lab m11-dhcp-pool-exhausted; then
  libvirt_nat_host kvmhost guest1 - 1 nonat
  tapguest kvmhost virbr0 vnet1 fe:54:00:ab:cd:ef guest2 52:54:00:ab:cd:ef -
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
  cap_addr_route kvmhost
  cap $L kvmhost bridge-link.txt bridge link
  cap $L kvmhost syslog cat /var/log/messages
  cap $L guest1 syslog cat /var/log/messages
  cap $L guest2 syslog cat /var/log/messages
  cap_addr_route guest1; cap_addr_route guest2
  finding dhcp-pool-exhausted "$(ev kvmhost syslog 'no address available')"
  finding dhcp-discover-unanswered "$(ev kvmhost syslog 'DHCPDISCOVER\(virbr0\) 52:54:00:ab:cd:ef')"
  finding dhcp-client-no-offers "$(ev guest2 syslog 'No DHCPOFFERS received')"
  finding guest-default-route-missing   # a guest without a lease has an empty routing table
  expected M11 libvirt.nat $LV "dnsmasq 2.90 run with libvirt's options but --dhcp-range=192.168.122.2,192.168.122.2 (one address) and --port=0; dhclient 4.4.3 run with -1 -v and a minimal -sf script; both log through busybox syslogd 1.35 (facility.priority after the host name) running in a private mount and UTS namespace of each machine"
  endlab
fi

# ---------------------------------------------------------------- M12
if lab m12-guest-link-local-only; then
  libvirt_nat_host kvmhost guest1 -
  # what avahi-autoipd's action script (/etc/avahi/avahi-autoipd.action) does on BIND
  x guest1 ip addr add 169.254.7.12/16 brd 169.254.255.255 label eth0:avahi scope link dev eth0
  settle
  cap_nat_host kvmhost; cap_addr_route guest1
  finding apipa-address "$(ev guest1 ip-addr.txt 'inet 169.254.7.12/16')"
  # a link-local-only guest also has no default route and is off virbr0's network: both true here
  finding guest-default-route-missing "$(ev guest1 ip-route.txt '^169.254.0.0/16')"
  finding guest-off-host-network "$(ev guest1 ip-addr.txt 'inet 169.254.7.12/16')" "$(ev kvmhost ip-addr.txt 'inet 192.168.122.1/24')"
  expected M12 libvirt.nat $LV "guest1's address set as avahi-autoipd's action script sets it (ip addr add 169.254.7.12/16 brd 169.254.255.255 label eth0:avahi scope link dev eth0), without running avahi-autoipd"
  endlab
fi

# ---------------------------------------------------------------- M13
if lab m13-guest-nic-no-carrier; then
  libvirt_nat_host kvmhost guest1
  settle
  pingq guest1 192.168.122.1
  x kvmhost ip link set vnet0 down
  sleep 1
  cap_nat_host kvmhost; cap_addr_route guest1
  finding interface-down "$(ev guest1 ip-addr.txt '^2: eth0')" "$(ev guest1 ip-route.txt '^default')"
  expected M13 libvirt.nat $LV "the guest's carrier lost by setting the host side vnet0 down (ip link set vnet0 down); the guest's eth0 then shows what an unplugged virtual cable (virsh domif-setlink guest1 vnet0 down) shows"
  endlab
fi

# ---------------------------------------------------------------- M14
if lab m14-bridge-port-mtu; then
  libvirt_nat_host kvmhost guest1
  x kvmhost ip link set vnet0 mtu 9000
  x guest1 ip link set eth0 mtu 9000
  x kvmhost ip link set virbr0 mtu 1500
  settle
  pingq guest1 192.168.122.1
  cap_nat_host kvmhost; cap_addr_route guest1
  finding bridge-mtu-mismatch "$(ev kvmhost ip-addr.txt '^[0-9]+: virbr0')"
  expected M14 libvirt.nat $LV "vnet0 and the guest's eth0 set to MTU 9000, then virbr0 set to 1500 (the kernel then keeps the bridge's MTU)"
  endlab
fi

# ---------------------------------------------------------------- M15
if lab m15-cloned-guests-same-mac; then
  libvirt_nat_host kvmhost guest1
  tapguest kvmhost virbr0 vnet1 fe:54:00:12:34:56 guest2 52:54:00:12:34:56 192.168.122.51/24 192.168.122.1
  settle
  x guest1 ping -c1 -W1 192.168.122.1 >/dev/null 2>&1 || note "ping guest1 -> 192.168.122.1 got no reply"
  x guest2 ping -c1 -W1 192.168.122.1 >/dev/null 2>&1 || note "ping guest2 -> 192.168.122.1 got no reply"
  cap_nat_host kvmhost
  cap $L kvmhost ip-neigh.txt ip neigh
  cap_addr_route guest1; cap_addr_route guest2
  finding duplicate-mac "$(ev guest2 ip-addr.txt 'link/ether 52:54:00:12:34:56')"
  expected M15 libvirt.nat $LV "two guests with one MAC (vnet0 and vnet1 both fe:54:00:12:34:56, as libvirt derives the tap's MAC from the guest's)"
  endlab
fi

# ---------------------------------------------------------------- M16 (wrong uplink)
if lab m16-nat-rule-wrong-uplink; then
  mkns host
  uplink host 192.168.0.30/24 ens33 00:1e:4f:11:22:33
  mkbridge host br0 - 10.0.0.1/24
  tapguest host br0 tap0 fe:54:00:12:34:56 guest1 52:54:00:12:34:56 10.0.0.10/24 10.0.0.1
  x host sysctl -qw net.ipv4.ip_forward=1
  x host $IPT -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE
  settle
  pingq guest1 10.0.0.1
  cap_nat_host host; cap_addr_route guest1
  finding masquerade-unknown-uplink "$(ev host iptables-nat-S.txt '-o eth0 -j MASQUERADE')"
  expected M16 none "a hand-made NAT for qemu guests (tap on br0)|qemu" "ens33 is a renamed veth; tap0 is a veth standing for qemu's tap"
  endlab
fi

# ---------------------------------------------------------------- M16 (flushed)
if lab m16-libvirt-nat-rules-flushed; then
  libvirt_nat_host kvmhost guest1
  x kvmhost $IPT -t nat -F
  settle
  pingq guest1 192.168.122.1
  cap_nat_host kvmhost; cap_addr_route guest1
  finding nat-without-masquerade
  expected M16 libvirt.nat $LV "libvirt's nat rules added, then iptables -t nat -F"
  endlab
fi

# ---------------------------------------------------------------- M17
if lab m17-hostonly-guest-default-route; then
  vbox_hostonly vbhost vbguest 192.168.56.1/24 192.168.56.101/24 192.168.56.1
  settle
  pingq vbguest 192.168.56.1
  cap_addr_route vbhost; cap_addr_route vbguest
  finding hostonly-guest-default-route "$(ev vbguest ip-route.txt '^default via 192.168.56.1')"
  expected M17 virtualbox.hostonly "VirtualBox's|VirtualBox" "vboxnet0 is a veth whose peer is the guest's eth0"
  endlab
fi

# ---------------------------------------------------------------- M19
if lab m19-bridge-over-wireless; then
  bridged_host host wlp3s0 7c:5c:f8:3a:9e:41 guest1
  settle
  pingq host 192.168.0.1
  cap_addr_route host
  cap $L host brctl-show.txt brctl show
  cap_addr_route guest1
  finding bridge-with-wireless-port "$(ev host brctl-show.txt '^br0')"
  expected M19 libvirt.bridge "a libvirt bridge over a wireless NIC|libvirt" "wlp3s0 is a renamed veth standing for a wireless NIC (a real one refuses to join a bridge unless in 4-address mode)"
  endlab
fi

# ---------------------------------------------------------------- M20
if lab m20-xen-vif-on-virbr0; then
  mkns xenhost
  # Xen 3.0 network-bridge: xenbr0 holds the physical NIC (peth0) and vif0.0, the netloop peer of dom0's eth0
  x xenhost ip link add xenbr0 type bridge stp_state 0 forward_delay 0
  lanlink xenhost peth0
  x xenhost ip link add eth0 type veth peer name vif0.0
  x xenhost ip link set peth0 address fe:ff:ff:ff:ff:ff
  x xenhost ip link set vif0.0 address fe:ff:ff:ff:ff:ff
  x xenhost ip link set eth0 address 00:1e:4f:aa:bb:cc
  x xenhost ip link set peth0 master xenbr0; x xenhost ip link set vif0.0 master xenbr0
  for d in xenbr0 peth0 vif0.0 eth0; do x xenhost ip link set $d up; done
  x xenhost ip addr add 192.168.0.30/24 brd 192.168.0.255 dev eth0
  x xenhost ip route add default via 192.168.0.1
  virbr xenhost
  libvirt_nat xenhost
  tapguest xenhost virbr0 vif1.0 fe:ff:ff:ff:ff:ff domu1 00:16:3e:12:34:56 192.168.122.45/24 192.168.122.1
  settle
  pingq xenhost 192.168.0.1
  pingq domu1 192.168.122.1
  cap_addr_route xenhost
  cap $L xenhost brctl-show.txt brctl show
  cap_addr_route domu1
  finding xen-vif-on-foreign-bridge "$(ev xenhost brctl-show.txt '^virbr0')"
  expected M20 xen.bridge "Xen 3.0's network-bridge and libvirt's default network|Xen or libvirt" "peth0, vif0.0/eth0 and vif1.0 are veths; domu1's address set by hand as libvirt's dnsmasq would lease it"
  endlab
fi

# ---------------------------------------------------------------- M21
if lab m21-docker-forward-drop; then
  libvirt_nat_host kvmhost guest1
  docker_bridge kvmhost
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
  settle
  pingq guest1 192.168.122.1
  # the symptom: forwarded traffic from the guest is dropped
  x guest1 ping -c1 -W1 192.168.0.1 >/dev/null 2>&1 && note "ping guest1 -> 192.168.0.1 was answered"
  cap_addr_route kvmhost
  cap $L kvmhost iptables-S.txt $IPT -S
  cap $L kvmhost sysctl.txt sysctl net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables
  cap_addr_route guest1
  finding forward-drop-blocks-vm-bridges "$(ev kvmhost iptables-S.txt '^-P FORWARD DROP')"
  expected M21 libvirt.nat "libvirt's default network beside Docker's|libvirt or Docker" "Docker's filter rules typed by hand (no Docker running); libvirt's filter rules left out, as with libvirt 9's nftables backend, which keeps them in its own nft table that iptables -S does not show; a ping from guest1 to the lan went unanswered"
  endlab
fi

# ---------------------------------------------------------------- M22
if lab m22-virtual-net-overlaps-lan; then
  mkns host vmnet
  uplink host 192.168.0.68/24 eth0 00:40:d0:65:b2:84
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
  vbox_hostonly vbhost vbguest 172.28.128.1/24 172.28.128.10/24
  settle
  pingq vbguest 172.28.128.1
  cap_addr_route vbhost; cap_addr_route vbguest
  finding virtualbox-hostonly-range "$(ev vbhost ip-addr.txt 'inet 172.28.128.1/24')"
  expected M24 virtualbox.hostonly "VirtualBox's|VirtualBox" "vboxnet0 is a veth whose peer is the guest's eth0"
  endlab
fi

# ---------------------------------------------------------------- M26
if lab m26-nested-kvm-in-virtualbox; then
  bridged_host kvmhost enp0s3 08:00:27:aa:bb:cc guest1
  settle
  pingq kvmhost 192.168.0.1
  cap_addr_route kvmhost
  cap $L kvmhost bridge-link.txt bridge link
  cap_addr_route guest1
  finding nested-bridge-in-vm "$(ev kvmhost ip-addr.txt '^[0-9]+: enp0s3')" "$(ev kvmhost ip-addr.txt '^[0-9]+: vnet0')"
  expected M26 libvirt.bridge "a KVM host inside a VirtualBox VM (libvirt bridge br0)|libvirt or VirtualBox" "enp0s3 is a veth given VirtualBox's MAC 08:00:27:aa:bb:cc, standing for the VM's virtual NIC"
  endlab
fi

# ---------------------------------------------------------------- M27
if lab m27-two-default-routes; then
  vbox_nat vbguest enp0s3 101
  vbox_hostonly vbhost vbguest 192.168.56.1/24 192.168.56.10/24 192.168.56.1 dev=enp0s8 metric=100
  settle
  pingq vbguest 10.0.2.2
  pingq vbguest 192.168.56.1
  cap_addr_route vbhost; cap_addr_route vbguest
  finding multiple-default-routes "$(ev vbguest ip-route.txt '^default via 192.168.56.1')" "$(ev vbguest ip-route.txt '^default via 10.0.2.2')"
  finding hostonly-guest-default-route "$(ev vbguest ip-route.txt '^default via 192.168.56.1')"
  expected M27 virtualbox.hostonly "VirtualBox's|VirtualBox" "vboxnet0 is a veth whose peer is the guest's enp0s8; enp0s3 a veth to a helper namespace holding VirtualBox NAT's 10.0.2.2"
  endlab
fi

echo "captured into $OUT" >&2
