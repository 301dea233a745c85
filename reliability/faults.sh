#!/usr/bin/env bash
# The faults item: sets up a network namespace (ip netns + veth) when the machine allows it, with
# iptables rules inside it (SYN drop, 20% packet loss) and tc netem when the kernel has it, then
# runs faults.php. Everything is removed on exit. Without netns/iptables the PHP script uses
# local servers that misbehave on purpose, and says so.
set -u
cd "$(dirname "$0")/.."
NS=rel$$
VA=rl${$}a
VB=rl${$}b
export REL_NS= REL_NS_ADDR= REL_IPTABLES=0 REL_NETEM=0
cleanup() {
    ip netns del "$NS" 2>/dev/null
    ip link del "$VA" 2>/dev/null
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ] && ip netns add "$NS" 2>/dev/null; then
    if ip link add "$VA" type veth peer name "$VB" 2>/dev/null && ip link set "$VB" netns "$NS" \
        && ip addr add 10.213.0.1/24 dev "$VA" && ip link set "$VA" up \
        && ip netns exec "$NS" ip addr add 10.213.0.2/24 dev "$VB" \
        && ip netns exec "$NS" ip link set "$VB" up && ip netns exec "$NS" ip link set lo up; then
        export REL_NS=$NS REL_NS_ADDR=10.213.0.2
        echo "# network namespace $NS: veth 10.213.0.1 <-> 10.213.0.2"
        if command -v iptables >/dev/null && ip netns exec "$NS" iptables -A INPUT -p tcp --dport 9 --syn -j DROP 2>/dev/null; then
            # 20% loss each way on port 7001 (the loss test's echo server)
            ip netns exec "$NS" iptables -A INPUT -p tcp --dport 7001 -m statistic --mode random --probability 0.2 -j DROP
            ip netns exec "$NS" iptables -A OUTPUT -p tcp --sport 7001 -m statistic --mode random --probability 0.2 -j DROP
            export REL_IPTABLES=1
            echo "# iptables in the namespace: SYNs to port 9 dropped; 20% of packets to/from port 7001 dropped"
        else
            echo "# iptables unavailable (apt-get install iptables): SYN drop and loss emulated without it"
        fi
        if ip netns exec "$NS" tc qdisc add dev "$VB" root netem delay 200ms 2>/dev/null; then
            export REL_NETEM=1
            echo "# tc netem: 200 ms delay on the namespace's side of the veth"
        else
            echo "# tc netem is not available in this kernel (sch_netem missing): the 200 ms delay is added by a userspace relay (reliability/servers/delay-relay.php)"
        fi
    else
        echo "# veth could not be created: no namespace tests"
        ip netns del "$NS" 2>/dev/null
    fi
else
    echo "# ip netns not permitted here: faults are emulated with local misbehaving servers"
fi
php -d display_startup_errors=0 -d extension="$REL_EXT" reliability/faults.php
rc=$?
if [ "$REL_IPTABLES" = 1 ]; then
    ip netns exec "$NS" iptables -L -v -n -x 2>/dev/null | awk '/DROP/ {print "# iptables drops: " $1 " packets (" $0 ")"}' | tr -s ' '
fi
exit $rc
