# shellcheck shell=bash
# Helpers of scripts/lab/run (sourced after scripts/capture/netns-lib.sh): machines with a host name and a
# syslog, DHCP servers and clients, the capture step, expected.yaml and the check of each lab with vnetdiag.
# Uses from run: P, T, OUT, HERE (this folder), BIN (vnetdiag), L (the current lab).

# ---------------------------------------------------------------- machines and processes

# machine NAME... : a network namespace per NAME, each with its host name NAME and a busybox syslogd
# (syslogns): what runs there with run_in logs into its /var/log/messages
machine() { local m; for m in "$@"; do mkns "$m"; syslogns "$m"; done; }

# beside MACHINE NS command...: command in the network namespace NS, but with MACHINE's mount and UTS
# namespaces: MACHINE's host name and syslog. A daemon of MACHINE that sits on a virtual network as an
# address of its own (VMware's vmnet-dhcpd at .254, vmnet-natd at .2) runs so.
beside() {
  local m=$1 n=$2; shift 2
  nsenter --net="/var/run/netns/$P-$n" -- nsenter -t "$(cat "$T/syslogd-$m.pid")" -m -u -- "$@"
}

# stop_tree PID: PID and its descendants are stopped (so none starts another), then killed, by pid
stop_tree() {
  local c
  kill -STOP "$1" 2>/dev/null || return 0
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do stop_tree "$c"; done
  kill -KILL "$1" 2>/dev/null || true
}

# lab_cleanup: every process still in a lab namespace is ended (by its pid), then netns-lib's cleanup
lab_cleanup() {
  local n p left=""
  for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$P-" || true); do
    for p in $(ip netns pids "$n" 2>/dev/null); do kill "$p" 2>/dev/null && left+=" $p"; done
  done
  if [ -n "$left" ]; then
    sleep 0.3
    for p in $left; do kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null; done
  fi
  cleanup
}

# ---------------------------------------------------------------- DHCP

# dhcpd WHERE IFACE OPTION...: dnsmasq (DHCP only: --port=0, no resolv.conf, no hosts file) answering on
# IFACE, its lease and pid files in $T. WHERE is MACHINE (run_in) or MACHINE@NS (beside: MACHINE's syslog,
# NS's network). OPTIONs are dnsmasq's (--dhcp-range=..., --dhcp-option=..., --dhcp-host=...).
dhcpd() {
  local where=$1 ifc=$2 m n; shift 2
  m=${where%@*}; n=${where#*@}
  local run=(run_in "$m"); [ "$m" = "$n" ] || run=(beside "$m" "$n")
  "${run[@]}" dnsmasq --conf-file= --port=0 --no-resolv --no-hosts --bind-dynamic --interface="$ifc" \
    --except-interface=lo --dhcp-authoritative --dhcp-leasefile="$T/$n.leases" --pid-file="$T/dnsmasq-$n.pid" \
    --user=root --group=root "$@"
  sleep 0.5
}
# dhcpd_stop NS: the dnsmasq started for NS gets SIGTERM (as a service stop) and is waited for
dhcpd_stop() {
  local pid i; pid=$(cat "$T/dnsmasq-$1.pid")
  kill "$pid"
  for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
}

# lease GUEST [IFACE]: dhclient -1 -v on IFACE (eth0) with the labs' dhclient.conf and -sf script; its
# console output, after a prompt line, is kept for capture (GUEST's dhclient.txt). Returns dhclient's status.
lease() {
  local g=$1 ifc=${2:-eth0}
  local c=(dhclient -1 -v -cf "$HERE/dhclient.conf" -sf "$HERE/dhclient-script" -lf "$T/$g.leases" -pf "$T/dhclient-$g.pid" "$ifc")
  { printf 'root@%s:~# %s\n' "$g" "${c[*]}"; run_in "$g" "${c[@]}" 2>&1; } >"$T/dhclient-$g.txt"
}
leased() { x "$1" ip -4 -o addr show dev "${2:-eth0}" scope global | awk '{print $4; exit}' | cut -d/ -f1; }

# ---------------------------------------------------------------- capture

# capture NS LAB MACHINE ROLE: what MACHINE (namespace NS) shows, written by `vnetdiag collect` into
# $OUT/LAB/MACHINE, run inside NS's syslog namespace (host name, /var/log/messages), with ROLE
# (host, guest or observer) as --role; the console output of its dhclient, if any, is added beside it
# as dhclient.txt.
capture() {
  local ns=$1 lab=$2 m=$3 role=$4 dir="$OUT/$2/$3"
  local ra=(); case $role in host|guest|observer) ra=(--role "$role");; esac
  mkdir -p "$dir"
  if ! run_in "$ns" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$BIN" collect --output "$dir" "${ra[@]}" \
    >"$T/collect-$m.log" 2>&1; then
    echo "collect in $m failed:" >&2; cat "$T/collect-$m.log" >&2; return 1
  fi
  if [ -f "$T/dhclient-$m.txt" ]; then cp "$T/dhclient-$m.txt" "$dir/dhclient.txt"; fi
}

# reach MACHINE ADDR...: one ping (-c1, 3 s) from MACHINE to each ADDR (proxy ARP answers after up to
# 0.8 s, twice on a routed path); one that gets no reply becomes a note of expected.yaml
reach() {
  local m=$1 a; shift
  for a in "$@"; do x "$m" ping -c1 -W3 "$a" >/dev/null 2>&1 || note "ping from $m to $a got no reply"; done
}

# ---------------------------------------------------------------- expected.yaml and the check

# expected "LIKE|NOT" EXTRA MACHINE:ROLE...: $OUT/$L/expected.yaml: the notes of the run, its source, the
# lab's mode and the checks its fault must fail (from the lab table), the machines' roles
expected() {
  local like=${1%%|*} not=${1#*|} extra=$2 mr c; shift 2
  { yaml_source "$like" "$not" "$extra"
    echo "mode: $(labinfo "$L" mode)"
    echo 'machines:'
    for mr in "$@"; do echo "  - {name: ${mr%%:*}, role: ${mr#*:}}"; done
    if [ -n "$(labinfo "$L" fault)" ]; then
      echo 'findings:'
      echo '  fail:'
      for c in $(labinfo "$L" fault); do echo "    - rule: $c"; done
    fi
  } >"$OUT/$L/expected.yaml"
}

# verify LAB: vnetdiag diagnose's JSON on $OUT/LAB must name the lab's mode; a fault lab's own checks must
# fail, a healthy lab must have no failing check of severity error. One PASS/FAIL line; on FAIL the
# reasons and `vnetdiag explain` of each check that should have failed.
verify() {
  local lab=$1 mode json got failing c why="" fault
  mode=$(labinfo "$lab" mode); fault=$(labinfo "$lab" fault)
  if ! json=$("$BIN" diagnose "$OUT/$lab" --format json --fail-on none 2>"$T/diagnose.err"); then
    echo "FAIL $lab: vnetdiag diagnose failed: $(head -c 300 "$T/diagnose.err")"; return 1
  fi
  got=$(jq -r '.mode.id // "none"' <<<"$json")
  failing=$(jq -r '.findings[] | select(.status == "fail") | "\(.rule):\(.severity)"' <<<"$json" | sort)
  [ "$got" = "$mode" ] || why+="; mode $got (confidence $(jq -r '.mode.confidence' <<<"$json")), expected $mode"
  for c in $fault; do grep -qx "$c:.*" <<<"$failing" || why+="; $c does not fail"; done
  if [ -z "$fault" ] && grep -q ':error$' <<<"$failing"; then
    why+="; failing error checks: $(grep ':error$' <<<"$failing" | cut -d: -f1 | tr '\n' ' ')"
  fi
  local shown; shown=$(paste -sd' ' <<<"$failing")
  if [ -z "$why" ]; then echo "PASS $lab: mode $got; failing: ${shown:-none}"; return 0; fi
  echo "FAIL $lab: ${why#; }; failing: ${shown:-none}"
  [ "$got" = "$mode" ] || echo "    mode scores: $(jq -r '[.mode.scores[:4][] | "\(.id) \(.score)"] | join(", ")' <<<"$json")"
  for c in $fault; do
    grep -qx "$c:.*" <<<"$failing" || "$BIN" explain "$c" "$OUT/$lab" 2>&1 | sed 's/^/    /' | head -40
  done
  return 1
}
