# shellcheck shell=bash
# The labs of scripts/lab/run (sourced): the table, then one build_<lab> function per lab, run in a
# subshell with set -e: it builds the lab in namespaces, runs its DHCP, pings, captures each machine and
# writes expected.yaml. Building blocks: scripts/capture/netns-lib.sh and lib.sh beside this file.
# The LAN behind every host: a switch (namespace lan, bridge lan0) with the router 192.168.0.1 in the
# namespace router (netns-lib's lanswitch); ranec, where there is one, is another machine on it.

# name                        mode             check that must fail (fault labs)
LAB_TABLE="
xen-bridge                    xen.bridge
xen-route                     xen.route
xen-nat                       xen.nat
vmware-bridged                vmware.bridged
vmware-hostonly               vmware.hostonly
vmware-nat                    vmware.nat
libvirt-nat                   libvirt.nat
xen-nat-ip-forward-off        xen.nat          ip-forward-off
vmware-nat-no-default-route   vmware.nat       guest-default-route-missing
vmware-hostonly-wrong-netmask vmware.hostonly  guest-netmask-differs
libvirt-nat-dhcp-stopped      libvirt.nat      dhcp-client-no-offers guest-default-route-missing
vmware-bridged-duplicate-ip   vmware.bridged   duplicate-ip
"
lab_names() { awk 'NF {print $1}' <<<"$LAB_TABLE"; }
# labinfo LAB mode|fault: the lab's mode; the checks its fault must fail (none in a healthy lab)
labinfo() { awk -v l="$1" -v f="$2" '$1 == l { if (f == "mode") print $2; else for (i = 3; i <= NF; i++) print $i }' <<<"$LAB_TABLE"; }

X30="Xen 3.0"
LANDHCP="--dhcp-range=192.168.0.100,192.168.0.199,255.255.255.0"   # the LAN router's pool

# ---------------------------------------------------------------- Xen

# xen_port HOST DEV: what Xen 3.0's setup_bridge_port does to a bridge port: no ARP, no multicast,
# MAC fe:ff:ff:ff:ff:ff
xen_port() { x "$1" ip link set "$2" arp off multicast off address fe:ff:ff:ff:ff:ff; }

# xen_bridge_host DOM0: Xen 3.0's network-bridge on DOM0: xenbr0 (no ARP, no multicast, brought up at MTU 68
# so that it gets no IPv6 address) holding peth0 (the NIC, renamed; a veth to the LAN) and vif0.0, whose
# netloop peer is dom0's eth0 00:40:d0:dd:b2:84 192.168.0.68/24; vif1.0 on xenbr0 is domu1's eth0
# 00:16:3e:5a:10:01 (what vif-bridge does)
xen_bridge_host() {
  local h=$1 d
  x "$h" ip link add xenbr0 type bridge stp_state 0 forward_delay 0
  x "$h" ip link set xenbr0 arp off multicast off mtu 68
  x "$h" ip link set xenbr0 up; x "$h" ip link set xenbr0 mtu 1500
  lanlink "$h" peth0
  x "$h" ip link add eth0 type veth peer name vif0.0
  tapguest "$h" - vif1.0 - domu1 00:16:3e:5a:10:01 -
  for d in peth0 vif0.0 vif1.0; do
    x "$h" ip link set "$d" down; xen_port "$h" "$d"; x "$h" ip link set "$d" master xenbr0; x "$h" ip link set "$d" up
  done
  x "$h" ip link set eth0 address 00:40:d0:dd:b2:84; x "$h" ip link set eth0 up
  x "$h" ip addr add 192.168.0.68/24 brd + dev eth0
  x "$h" ip route add default via 192.168.0.1
}
OBSERVER="ranec is another machine on the LAN (192.168.0.5), captured without --role (collect takes host or guest)"

build_xen_bridge() {
  lanswitch; syslogns router
  machine dom0 domu1 ranec
  xen_bridge_host dom0
  uplink ranec 192.168.0.5/24 eth0 00:1a:a0:52:11:05
  settle
  dhcpd router eth0 "$LANDHCP"
  lease domu1
  reach domu1 192.168.0.1 192.168.0.68 192.168.0.5; reach ranec 192.168.0.68
  capture dom0 "$L" dom0 host; capture domu1 "$L" domu1 guest; capture ranec "$L" ranec observer
  expected "$X30's network-bridge|Xen" "peth0, vif0.0/eth0 and vif1.0 are veths; domu1 leases its address from dnsmasq on the LAN's router (192.168.0.1, not captured); $OBSERVER" \
    dom0:host domu1:guest ranec:observer
}

# xen_vif_host DOM0 GUESTADDR VIFADDR: dom0 with eth0 00:40:d0:65:b2:84 192.168.0.64/24 on the LAN and
# what Xen's vif-route/vif-nat do for domu1's vif1.0 (fe:ff:ff:ff:ff:ff; domu1's eth0 00:16:3e:4a:11:02):
# VIFADDR as /32 on vif1.0, a host route to GUESTADDR through it, proxy ARP on vif1.0, ip_forward on
xen_vif_host() {
  local h=$1 g=$2 v=$3
  uplink "$h" 192.168.0.64/24 eth0 00:40:d0:65:b2:84
  tapguest "$h" - vif1.0 fe:ff:ff:ff:ff:ff domu1 00:16:3e:4a:11:02 -
  x "$h" sysctl -qw net.ipv4.ip_forward=1
  x "$h" ip addr add "$v/32" dev vif1.0
  x "$h" ip route add "$g" dev vif1.0 src "$v"
  x "$h" sysctl -qw net/ipv4/conf/vif1.0/proxy_arp=1
}

build_xen_route() {
  lanswitch
  machine dom0 domu1 ranec
  xen_vif_host dom0 192.168.0.100 192.168.0.64
  x dom0 sysctl -qw net.ipv4.conf.eth0.proxy_arp=1          # network-route: proxy ARP on the uplink too
  x domu1 ip addr add 192.168.0.100/24 brd + dev eth0        # vif-route needs the guest's address (ip=)
  x domu1 ip route add default via 192.168.0.1
  uplink ranec 192.168.0.5/24 eth0 00:1a:a0:52:11:05
  settle
  reach domu1 192.168.0.1 192.168.0.5; reach ranec 192.168.0.100 192.168.0.64
  capture dom0 "$L" dom0 host; capture domu1 "$L" domu1 guest; capture ranec "$L" ranec observer
  expected "Xen's network-route and vif-route|Xen" "vif1.0 is a veth; domu1 configured statically (vif-route routes only the address the guest's config names; no DHCP crosses a routed vif); $OBSERVER" \
    dom0:host domu1:guest ranec:observer
}

# xen_nat DOM0 FORWARD: network-nat and vif-nat for domu1 10.0.0.100 (vif1.0 10.0.0.227/32), MASQUERADE out
# of eth0, ip_forward FORWARD; dnsmasq on vif1.0 leases domu1 its fixed 10.0.0.100/24 with gateway
# 10.0.0.254, a free address proxy ARP on vif1.0 answers for
xen_nat() {
  lanswitch
  machine "$1" domu1
  xen_vif_host "$1" 10.0.0.100 10.0.0.227
  x "$1" $IPT -t nat -A POSTROUTING -o eth0 -j MASQUERADE
  x "$1" sysctl -qw "net.ipv4.ip_forward=$2"
  settle
  dhcpd "$1" vif1.0 --dhcp-range=10.0.0.100,static,255.255.255.0 --dhcp-host=00:16:3e:4a:11:02,10.0.0.100 \
    --dhcp-option=option:router,10.0.0.254
  lease domu1
  reach domu1 10.0.0.227 192.168.0.1
  capture "$1" "$L" "$1" host; capture domu1 "$L" domu1 guest
}
XNAT="vif1.0 is a veth; dnsmasq on dom0's vif1.0 stands for network-nat's dhcpd (fixed address for domu1's MAC as vif-nat's host entry), handing out the /24 and gateway 10.0.0.254 instead of vif-nat's router option (the vif's 10.0.0.227)"

build_xen_nat() {
  xen_nat dom0 1
  expected "Xen's network-nat and vif-nat|Xen" "$XNAT" dom0:host domu1:guest
}

build_xen_nat_ip_forward_off() {
  xen_nat dom0 0
  expected "Xen's network-nat and vif-nat|Xen" "$XNAT; net.ipv4.ip_forward=0 on dom0 (as after a reboot that did not run network-nat)" dom0:host domu1:guest
}

# ---------------------------------------------------------------- VMware

# vmware_host HOST: a VMware host as installed: eth0 00:40:d0:65:b2:84 192.168.0.68/24 on the LAN, default
# via .1; host-only adapter vmnet1 (00:50:56:c0:00:01, 192.168.127.1/24) and NAT adapter vmnet8
# (00:50:56:c0:00:08, 172.16.62.1/24), each a veth into the namespace hubN whose bridge vmnetN stands for
# VMware's virtual switch N. On each switch a namespace dhcpN at .254 (vmnetN 00:50:56:f1:00:0N) where
# dnsmasq stands for vmnet-dhcpd, with HOST's host name and syslog (see vmware_dhcp); on vmnet8 the namespace natd at
# .2 (00:50:56:e5:00:02) stands for vmnet-natd: ip_forward and MASQUERADE out of its own LAN address
# 192.168.0.69 (eth1). HOST runs a syslog.
vmware_host() {
  local h=$1 n a
  lanswitch
  machine "$h"
  uplink "$h" 192.168.0.68/24 eth0 00:40:d0:65:b2:84
  for n in 1 8; do
    if [ $n = 1 ]; then a=192.168.127; else a=172.16.62; fi
    mkns "hub$n"
    mkbridge "hub$n" "vmnet$n" - -
    tapguest "hub$n" "vmnet$n" "p-$h" - "$h" "00:50:56:c0:00:0$n" "$a.1/24" dev="vmnet$n"
    tapguest "hub$n" "vmnet$n" p-dhcp - "dhcp$n" "00:50:56:f1:00:0$n" "$a.254/24" dev="vmnet$n"
  done
  tapguest hub8 vmnet8 p-natd - natd 00:50:56:e5:00:02 172.16.62.2/24
  uplink natd 192.168.0.69/24 eth1
  x natd sysctl -qw net.ipv4.ip_forward=1
  x natd $IPT -t nat -A POSTROUTING -s 172.16.62.0/24 -o eth1 -j MASQUERADE
}
# vmware_dhcp HOST [ROUTER-OPTION]: both vmnet-dhcpd stand-ins: vmnet1's pool .128-.253 without router
# option (host-only), vmnet8's pool .128-.253 with ROUTER-OPTION (default: router .2)
vmware_dhcp() {
  dhcpd "$1@dhcp1" vmnet1 --dhcp-range=192.168.127.128,192.168.127.253,255.255.255.0 --dhcp-option=option:router
  dhcpd "$1@dhcp8" vmnet8 --dhcp-range=172.16.62.128,172.16.62.253,255.255.255.0 "${2:---dhcp-option=option:router,172.16.62.2}"
}
# vmguest NAME HUB MAC: a guest whose eth0 MAC is on VMware's switch HUB (hub0, hub1, hub8)
vmguest() { machine "$1"; tapguest "$2" "${2/hub/vmnet}" "p-$1" - "$1" "$3" -; }
VMG1=00:0c:29:73:a4:09
VMW="vmnet1 and vmnet8 are veths into helper namespaces whose bridges stand for VMware's virtual switches; dnsmasq at .254 on each stands for vmnet-dhcpd (vmnet1's without a router option, as host-only's) and logs into the host's syslog; the namespace at 172.16.62.2 stands for vmnet-natd, masquerading out of its own LAN address 192.168.0.69 (vmnet-natd is a user-space NAT on the host's address)"

# vmware_bridged HOST GUEST: vmware_host plus the bridged network: namespace hub0 whose bridge vmnet0 holds
# an uplink to the LAN (vmnet-bridge on eth0) and GUEST's port; dnsmasq on the LAN's router serves the LAN
vmware_bridged() {
  vmware_host "$1"
  syslogns router
  machine ranec
  uplink ranec 192.168.0.5/24 eth0 00:1a:a0:52:11:05
  mkns hub0
  mkbridge hub0 vmnet0 - -
  lanlink hub0 uplink
  x hub0 ip link set uplink master vmnet0; x hub0 ip link set uplink up
  vmguest "$2" hub0 "$VMG1"
}
VMB="$VMW; the bridged network: a helper namespace whose bridge vmnet0 holds a veth to the LAN (standing for vmnet-bridge on the host's eth0) and the guest's port; the guest leases its address from dnsmasq on the LAN's router (192.168.0.1, not captured); $OBSERVER"

build_vmware_bridged() {
  vmware_bridged vmhost vmguest
  settle
  vmware_dhcp vmhost; dhcpd router eth0 "$LANDHCP"
  lease vmguest
  reach vmguest 192.168.0.1 192.168.0.68 192.168.0.5; reach vmhost "$(leased vmguest)"
  capture vmhost "$L" vmhost host; capture vmguest "$L" vmguest guest; capture ranec "$L" ranec observer
  expected "VMware's bridged networking|VMware" "$VMB" vmhost:host vmguest:guest ranec:observer
}

build_vmware_bridged_duplicate_ip() {
  vmware_bridged vmhost vmguest
  vmguest vmguest2 hub0 00:0c:29:5e:21:b7
  settle
  vmware_dhcp vmhost; dhcpd router eth0 "$LANDHCP"
  lease vmguest
  local a; a=$(leased vmguest)
  # the second guest's static configuration carries the address the first one leased
  x vmguest2 ifconfig eth0 "$a" netmask 255.255.255.0 up; x vmguest2 route add default gw 192.168.0.1
  reach vmguest 192.168.0.1 192.168.0.68; reach vmguest2 192.168.0.1 192.168.0.5; reach ranec "$a"
  capture vmhost "$L" vmhost host; capture vmguest "$L" vmguest guest; capture vmguest2 "$L" vmguest2 guest
  capture ranec "$L" ranec observer
  expected "VMware's bridged networking|VMware" "$VMB; vmguest2 (00:0c:29:5e:21:b7) configured by hand with the address vmguest leased: ifconfig eth0 $a netmask 255.255.255.0" \
    vmhost:host vmguest:guest vmguest2:guest ranec:observer
}

# vmware_on N [ROUTER-OPTION]: vmware_host vmhost with vmguest ($VMG1) on vmnetN's switch, both DHCP
# servers running (vmware_dhcp vmhost ROUTER-OPTION)
vmware_on() { vmware_host vmhost; vmguest vmguest "hub$1" "$VMG1"; settle; vmware_dhcp vmhost "${2:-}"; }
# vmware_end KIND EXTRA ADDR...: vmguest pings each ADDR, vmhost pings vmguest; both captured; expected.yaml
vmware_end() {
  local kind=$1 extra=$2 a; shift 2
  a=$(leased vmguest)
  reach vmguest "$@"; reach vmhost "$a"
  capture vmhost "$L" vmhost host; capture vmguest "$L" vmguest guest
  expected "VMware's $kind networking|VMware" "$VMW; $extra" vmhost:host vmguest:guest
}

build_vmware_hostonly() { vmware_on 1; lease vmguest; vmware_end host-only "the guest on vmnet1" 192.168.127.1; }

build_vmware_hostonly_wrong_netmask() {
  vmware_on 1
  x vmguest ifconfig eth0 192.168.127.130 netmask 255.255.0.0 up     # typed by hand: 255.255.0.0
  vmware_end host-only "the guest on vmnet1, configured by hand: ifconfig eth0 192.168.127.130 netmask 255.255.0.0" 192.168.127.1
}

build_vmware_nat() { vmware_on 8; lease vmguest; vmware_end NAT "the guest on vmnet8 (router .2)" 172.16.62.1 192.168.0.1; }

build_vmware_nat_no_default_route() {
  vmware_on 8 --dhcp-option=option:router                    # vmnet8's DHCP configuration lost its router
  lease vmguest
  vmware_end NAT "the guest on vmnet8, whose DHCP server lost its router option (dnsmasq --dhcp-option=option:router, empty): the lease names no gateway" 172.16.62.1
}

# ---------------------------------------------------------------- libvirt

LVDHCP="--dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0"
# libvirt HOST: netns-lib's libvirt-NAT-like host (virbr0 192.168.122.1/24, vnet0 -> guest1 without address,
# libvirt's nat rules, ip_forward 1) with syslogs, then dnsmasq with libvirt's options for the default network
libvirt() {
  lanswitch
  machine "$1" guest1
  libvirt_nat_host "$1" guest1 -
  settle
  dhcpd "$1" virbr0 --strict-order "$LVDHCP" --dhcp-no-override
}
LVN="dnsmasq 2.90 run with libvirt's options for the default network (DHCP only, --port=0)"

build_libvirt_nat() {
  libvirt kvmhost
  lease guest1
  reach guest1 192.168.122.1 192.168.0.1
  capture kvmhost "$L" kvmhost host; capture guest1 "$L" guest1 guest
  expected "libvirt's|libvirt" "$LVN" kvmhost:host guest1:guest
}

build_libvirt_nat_dhcp_stopped() {
  libvirt kvmhost
  dhcpd_stop kvmhost                       # the network's dnsmasq stopped (SIGTERM) before the guest boots
  lease guest1 || true                     # dhclient -1 gives up: no DHCPOFFERS
  capture kvmhost "$L" kvmhost host; capture guest1 "$L" guest1 guest
  expected "libvirt's|libvirt" "$LVN, then stopped with SIGTERM before guest1 ran dhclient" kvmhost:host guest1:guest
}
