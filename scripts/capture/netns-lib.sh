# shellcheck shell=bash
# Helpers shared by the capture scripts that build labs in network namespaces (netns-modes.sh,
# netns-problems.sh, scripts/lab/run; netns-iproute.sh and netns-localized.sh use the namespace helpers only).
# Sourced, not run. The sourcing script sets, before calling netns_start:
#   P     namespace prefix: machine M lives in the network namespace $P-M; cleanup deletes every $P-*
#   OUT   output folder: cap writes $OUT/<lab>/<machine>/<file>
#   T     (optional) scratch folder: pid files, leases, syslog /dev folders; emptied with the namespaces,
#         and every process whose pid file ($T/*.pid) is there is killed
#   LABS  (optional) only the labs whose name starts with one of its words run (see lab)
#   SOURCE_SCRIPT (optional) the script expected.yaml's source line names (default scripts/capture/<its name>)
# Nothing is attached to the root namespace: veths are created inside a lab namespace with the peer
# placed straight into another one.

export LC_ALL=C
IPROUTE=$(ip -V | sed -n 's/.*iproute2-\([0-9.]*\).*/\1/p')
KERNEL=$(uname -r)
DISTRO=$(. /etc/os-release; if [ "${ID:-}" = debian ]; then echo "Debian ${VERSION_ID:-}"; else echo "${PRETTY_NAME:-Linux}"; fi)
IPT=iptables
NOTES=""   # notes for the current lab's expected.yaml (YAML comments)

# ---------------------------------------------------------------- namespaces, processes, scratch folder

# cleanup: kill the processes of $T/*.pid, delete every namespace $P-*, remove $T
cleanup() {
  local f n
  if [ -n "${T:-}" ]; then
    for f in "$T"/*.pid; do
      [ -f "$f" ] || continue
      kill "$(cat "$f")" 2>/dev/null || true
    done
  fi
  for n in $(ip netns list | awk '{print $1}' | grep "^$P-" || true); do ip netns del "$n" 2>/dev/null || true; done
  if [ -n "${T:-}" ]; then rm -rf "$T"; fi
}
# netns_start: cleanup on exit (also after a failure or INT/TERM), and a clean start now
netns_start() {
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  endlab
}
endlab() { cleanup; if [ -n "${T:-}" ]; then mkdir -p "$T"; fi; }

x() { local n=$1; shift; ip netns exec "$P-$n" "$@"; }    # x MACHINE command...
hasns() { [ -e "/var/run/netns/$P-$1" ]; }
mkns() { local n; for n in "$@"; do hasns "$n" && continue; ip netns add "$P-$n"; x "$n" ip link set lo up; done; }

# syslogns MACHINE [HOSTNAME]: busybox syslogd, writing /var/log/messages, in a private mount and UTS
# namespace of MACHINE's network namespace: hostname HOSTNAME (default MACHINE), /dev replaced by
# $T/dev-MACHINE (bind mounts of null, zero, random, urandom; syslogd creates its /dev/log socket there),
# tmpfs on /run and /var/log. Nothing of it is visible outside. Programs started with run_in MACHINE log
# there with a real syslog envelope.
syslogns() {
  local m=$1 h=${2:-$1}; mkdir -p "$T/dev-$m"
  x "$m" unshare --mount --uts --propagation private bash -c "
    set -e
    hostname $h
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
  if [ -n "${T:-}" ] && [ -f "$T/syslogd-$m.pid" ]; then nsenter -t "$(cat "$T/syslogd-$m.pid")" -m -u -n "$@"
  else x "$m" "$@"; fi
}

# ---------------------------------------------------------------- labs, captures, expected.yaml

# lab NAME: true when this lab is to run (LABS empty, or a word of LABS is a prefix of NAME); then L=NAME
# and $OUT/NAME is emptied
lab() {
  local w
  [ -z "${LABS:-}" ] && { L=$1; rm -rf "${OUT:?}/$L"; echo "== $L" >&2; return 0; }
  for w in $LABS; do case $1 in "$w"*) L=$1; rm -rf "${OUT:?}/$L"; echo "== $L" >&2; return 0;; esac; done
  return 1
}

note() { NOTES+="# $*"$'\n'; echo "NOTE: $*" >&2; }

cap() { # cap LAB MACHINE FILE command...: $OUT/LAB/MACHINE/FILE holds "root@MACHINE:~# command" and its output
  local lab=$1 m=$2 f=$3; shift 3
  local dir="$OUT/$lab/$m"; mkdir -p "$dir"
  { printf 'root@%s:~# %s\n' "$m" "$*"
    run_in "$m" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C bash -c "$*" 2>&1 \
      || echo "rc=$? $lab/$m/$f" >&2
  } >"$dir/$f"
}
cap_addr_route() { # cap_addr_route MACHINE: ip addr, ip route
  cap "$L" "$1" ip-addr.txt ip addr
  cap "$L" "$1" ip-route.txt ip route
}
cap_nat_host() { # cap_nat_host MACHINE: the usual captures of a host doing NAT for its guests
  cap_addr_route "$1"
  cap "$L" "$1" bridge-link.txt bridge link
  cap "$L" "$1" iptables-nat-S.txt $IPT -t nat -S
  cap "$L" "$1" sysctl-ip-forward.txt sysctl net.ipv4.ip_forward
}

# yaml_source LIKE NOT [EXTRA]: the lab's notes, then the head of an expected.yaml (source, invented,
# reconstructed): "... real kernel devices named and addressed like LIKE, not NOT itself[; EXTRA]"
yaml_source() {
  printf '%s' "$NOTES"
  printf 'source: "captured in network namespaces by %s (%s, iproute2 %s, kernel %s); real kernel devices named and addressed like %s, not %s itself%s"\n' \
    "${SOURCE_SCRIPT:-scripts/capture/$(basename "$0")}" "$DISTRO" "$IPROUTE" "$KERNEL" "$1" "$2" "${3:+; $3}"
  echo 'invented: false'
  echo 'reconstructed: true'
}

pingq() { # pingq MACHINE ADDR: one ping that should be answered
  x "$1" ping -c1 -W1 "$2" >/dev/null || note "ping from $1 to $2 got no reply"
}

settle() { sleep 3; }   # IPv6 DAD finishes, bridge ports reach forwarding

# ---------------------------------------------------------------- building blocks
# Addresses are added with "brd +" (the usual broadcast address of the prefix).

# lanlink HOST DEV: DEV in HOST is a veth whose peer up-HOST is in the lan namespace (created when
# missing), which holds 192.168.0.1/24; when lanswitch made the lan a switch, up-HOST is a port of it
lanlink() {
  mkns lan
  x "$1" ip link add "$2" type veth peer name "up-$1" netns "$P-lan"
  if x lan test -d /sys/class/net/lan0/bridge; then
    x lan ip link set "up-$1" master lan0
  else
    x lan ip addr show | grep -q '192.168.0.1/24' || x lan ip addr add 192.168.0.1/24 brd + dev "up-$1"
  fi
  x lan ip link set "up-$1" up
}

# lanswitch: the LAN as a switch with several machines: bridge lan0 (STP off, no address) in the lan
# namespace, and the router 192.168.0.1/24 (eth0 00:1d:7e:0a:00:01) in the namespace router, plugged into
# it; lanlink then plugs each up-HOST into lan0. Call it before the first lanlink/uplink.
lanswitch() {
  mkns lan router
  mkbridge lan lan0 - -
  lanlink router eth0
  x router ip link set eth0 address 00:1d:7e:0a:00:01
  x router ip addr add 192.168.0.1/24 brd + dev eth0; x router ip link set eth0 up
}

# uplink HOST ADDR/LEN [DEV [MAC]]: DEV (eth0) in HOST as a veth to the lan namespace, ADDR/LEN on it,
# default via 192.168.0.1; MAC, when given, is set afterwards (the IPv6 link-local stays the one of the
# random MAC, as on a NIC whose MAC was changed while up)
uplink() {
  local h=$1 dev=${3:-eth0}
  lanlink "$h" "$dev"
  x "$h" ip addr add "$2" brd + dev "$dev"; x "$h" ip link set "$dev" up
  x "$h" ip route add default via 192.168.0.1
  if [ -n "${4:-}" ]; then x "$h" ip link set "$dev" address "$4"; fi
}

# mkbridge HOST BRIDGE MAC|- ADDR/LEN|- [PORT...]: a bridge (STP off, forward delay 0) with MAC, the
# existing interfaces PORT as ports (set up), ADDR/LEN, set up
mkbridge() {
  local h=$1 br=$2 mac=$3 addr=$4 p; shift 4
  x "$h" ip link add "$br" type bridge stp_state 0 forward_delay 0
  if [ "$mac" != - ]; then x "$h" ip link set "$br" address "$mac"; fi
  for p in "$@"; do x "$h" ip link set "$p" master "$br"; x "$h" ip link set "$p" up; done
  if [ "$addr" != - ]; then x "$h" ip addr add "$addr" brd + dev "$br"; fi
  x "$h" ip link set "$br" up
}

# tapguest HOST BRIDGE|- TAP TAPMAC|- GUEST GUESTMAC|- ADDR/LEN|- [GATEWAY] [dev=NAME] [metric=N]:
# GUEST's NIC (eth0, or NAME) is a veth whose host side TAP in HOST is a port of BRIDGE (- for none);
# GUEST's namespace is created when missing. "-" leaves a MAC random and the NIC without address.
# metric=N goes on the address and the default route via GATEWAY.
tapguest() {
  local h=$1 br=$2 tap=$3 tmac=$4 g=$5 gmac=$6 addr=$7 gw="" dev=eth0 metric="" a; shift 7
  for a in "$@"; do
    case $a in dev=*) dev=${a#*=};; metric=*) metric=${a#*=};; *) gw=$a;; esac
  done
  mkns "$g"
  x "$h" ip link add "$tap" type veth peer name "$dev" netns "$P-$g"
  if [ "$tmac" != - ]; then x "$h" ip link set "$tap" address "$tmac"; fi
  if [ "$br" != - ]; then x "$h" ip link set "$tap" master "$br"; fi
  x "$h" ip link set "$tap" up
  if [ "$gmac" != - ]; then x "$g" ip link set "$dev" address "$gmac"; fi
  if [ "$addr" != - ]; then x "$g" ip addr add "$addr" brd + dev "$dev" ${metric:+metric $metric}; fi
  x "$g" ip link set "$dev" up
  if [ -n "$gw" ]; then x "$g" ip route add default via "$gw" dev "$dev" ${metric:+metric $metric}; fi
}

# virbr HOST: libvirt's default network bridge virbr0 52:54:00:8e:aa:01 192.168.122.1/24
virbr() { mkbridge "$1" virbr0 52:54:00:8e:aa:01 192.168.122.1/24; }

# libvirt_nat HOST [FORWARD [nonat]]: net.ipv4.ip_forward=FORWARD (1) and, unless nonat, libvirt's nat
# POSTROUTING rules for 192.168.122.0/24
libvirt_nat() {
  x "$1" sysctl -qw "net.ipv4.ip_forward=${2:-1}"
  [ "${3:-}" = nonat ] && return 0
  x "$1" $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 -d 224.0.0.0/24 -j RETURN
  x "$1" $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 -d 255.255.255.255/32 -j RETURN
  x "$1" $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535
  x "$1" $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p udp -j MASQUERADE --to-ports 1024-65535
  x "$1" $IPT -t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE
}

# libvirt_nat_host HOST GUEST [ADDR/LEN|-] [FORWARD [nonat]]: a libvirt-NAT-like host: HOST with uplink eth0
# 192.168.0.10/24 and virbr0; GUEST's eth0 52:54:00:12:34:56 on tap vnet0 (fe:54:00:12:34:56, as libvirt
# derives it) with ADDR/LEN (default 192.168.122.50/24) and default via 192.168.122.1 (with -: neither);
# then libvirt_nat HOST FORWARD (default 1) [nonat].
libvirt_nat_host() {
  local h=$1 g=$2 addr=${3:-192.168.122.50/24}
  mkns "$h"
  uplink "$h" 192.168.0.10/24
  virbr "$h"
  if [ "$addr" = - ]; then tapguest "$h" virbr0 vnet0 fe:54:00:12:34:56 "$g" 52:54:00:12:34:56 -
  else tapguest "$h" virbr0 vnet0 fe:54:00:12:34:56 "$g" 52:54:00:12:34:56 "$addr" 192.168.122.1; fi
  libvirt_nat "$h" "${4:-1}" "${5:-}"
}

# vbox_hostonly HOST GUEST HOSTADDR/LEN GUESTADDR/LEN [GATEWAY] [dev=NAME] [metric=N]: a
# VirtualBox-host-only-like pair: HOST with uplink eth0 192.168.0.20/24 and vboxnet0 0a:00:27:00:00:00
# HOSTADDR/LEN, a veth whose peer is GUEST's eth0 (or NAME) 08:00:27:5e:1c:9a GUESTADDR/LEN
vbox_hostonly() {
  local h=$1 g=$2 haddr=$3; shift 3
  mkns "$h"
  uplink "$h" 192.168.0.20/24
  tapguest "$h" - vboxnet0 0a:00:27:00:00:00 "$g" 08:00:27:5e:1c:9a "$@"
  x "$h" ip addr add "$haddr" brd + dev vboxnet0
}

# vbox_nat GUEST DEV [METRIC]: a VirtualBox-NAT-like NIC: DEV 08:00:27:a1:b2:c3 10.0.2.15/24 in GUEST, a veth to
# the helper namespace slirp holding 10.0.2.2/24, default via 10.0.2.2; METRIC on the address and the route
vbox_nat() {
  local g=$1 dev=$2 m=${3:+metric $3}
  mkns "$g" slirp
  x "$g" ip link add "$dev" type veth peer name eth0 netns "$P-slirp"
  x slirp ip addr add 10.0.2.2/24 brd + dev eth0; x slirp ip link set eth0 up
  x "$g" ip link set "$dev" address 08:00:27:a1:b2:c3
  x "$g" ip addr add 10.0.2.15/24 brd + dev "$dev" $m; x "$g" ip link set "$dev" up
  x "$g" ip route add default via 10.0.2.2 dev "$dev" $m
}

# docker_bridge HOST: Docker's docker0 02:42:8f:1e:6b:3a 172.17.0.1/16 and its nat MASQUERADE rule
docker_bridge() {
  mkbridge "$1" docker0 02:42:8f:1e:6b:3a 172.17.0.1/16
  x "$1" $IPT -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
}
