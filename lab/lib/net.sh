# shellcheck shell=bash
# Underlay network of a lab: one bridge per subnet in the root namespace, one veth per host,
# an optional router namespace between two subnets, and iptables rules (each tagged with the
# comment ovl-lab:NAME) that let bridged lab traffic through but never forward it elsewhere.
# With lab/up --ipv6 (IPV6=dual) hosts also get a ULA address per subnet (subnet6_prefix) and the
# router forwards IPv6; with --ipv6-only (IPV6=only) the hosts have IPv6 only (the bridges and
# the router keep their IPv4 addresses, which no host can use). ip6tables
# rules mirror the iptables ones, with the same comment.

# Picks the lab's index: --subnet-index if given, else the name's default, moving on to the
# next free one when another lab (any running lab on this machine, seen by the addresses on
# the root namespace's interfaces or by another lab's state) already uses it.
index_in_use() {
  local i=$1 s prefix
  for s in 1 2; do
    prefix=$(subnet_prefix "$i" "$s")
    if ip -4 -o addr show | grep -q " inet ${prefix//./\\.}\."; then return 0; fi
  done
  grep -lx "LAB_INDEX=$i" "$LAB_DIR"/state/*/lab.env 2>/dev/null | grep -vq "^$LAB_STATE/" && return 0
  return 1
}
allocate_index() { # $1 = requested index or empty
  local i tries
  if [[ -n $1 ]]; then
    [[ $1 =~ ^[0-9]+$ && $1 -lt $LAB_SLOTS ]] || die "--subnet-index must be 0..$((LAB_SLOTS - 1))"
    index_in_use "$1" && die "--subnet-index $1 is used by another running lab"
    printf '%s' "$1"; return 0
  fi
  i=$(default_index "$LAB_NAME")
  for (( tries = 0; tries < LAB_SLOTS; tries++ )); do
    if ! index_in_use "$i"; then printf '%s' "$i"; return 0; fi
    i=$(( (i + 1) % LAB_SLOTS ))
  done
  die "no free underlay range left in 198.18.0.0/15"
}

ipt_rule() { # $1 = -I|-D, then match arguments, then the target: tagged with the lab's comment
  local op=$1 target=${*: -1} cmd
  local matches=("${@:2:$#-2}")
  for cmd in iptables $([[ -n ${IPV6:-} ]] && echo ip6tables); do
    if [[ $op == -I ]]; then
      "$cmd" -w -I FORWARD 1 "${matches[@]}" -m comment --comment "$LAB_IPT_COMMENT" -j "$target"
    else
      "$cmd" -w -D FORWARD "${matches[@]}" -m comment --comment "$LAB_IPT_COMMENT" -j "$target"
    fi
  done
}

create_bridge() { # $1 = subnet number
  local br s=$1
  br=$(bridge_name "$s")
  ip link add "$br" type bridge
  ip link set "$br" up
  # Bridged frames pass the root namespace's FORWARD chain (br_netfilter), whose policy is DROP
  # once a dockerd runs there. Accept lab-internal traffic; drop anything routed in or out, so
  # lab traffic never leaves this machine through the root namespace.
  ipt_rule -I -o "$br" DROP
  ipt_rule -I -i "$br" DROP
  ipt_rule -I -i "$br" -o "$br" ACCEPT
}

create_underlay() { # uses LAB_INDEX, LAB_SUBNETS, IPV6
  local p1 p2 q1 q2 rns
  p1=$(subnet_prefix "$LAB_INDEX" 1)
  q1=$(subnet6_prefix "$LAB_INDEX" 1)
  create_bridge 1
  # The bridge keeps its IPv4 address also with --ipv6-only: other labs see the slot as taken by it.
  ip addr add "$p1.1/24" dev "$(bridge_name 1)"
  # nodad: usable at once (the lab owns the /64, nothing else can hold the address).
  [[ -z ${IPV6:-} ]] || ip addr add "$q1::1/64" dev "$(bridge_name 1)" nodad
  if [[ $LAB_SUBNETS == 2 ]]; then
    p2=$(subnet_prefix "$LAB_INDEX" 2)
    q2=$(subnet6_prefix "$LAB_INDEX" 2)
    create_bridge 2
    rns=$(host_ns router)
    ip netns add "$rns"
    ip link add "${LAB_RT_PREFIX}1" type veth peer name s1 netns "$rns"
    ip link add "${LAB_RT_PREFIX}2" type veth peer name s2 netns "$rns"
    ip link set "${LAB_RT_PREFIX}1" master "$(bridge_name 1)" up
    ip link set "${LAB_RT_PREFIX}2" master "$(bridge_name 2)" up
    ip -n "$rns" addr add "$p1.254/24" dev s1
    ip -n "$rns" addr add "$p2.254/24" dev s2
    ip -n "$rns" link set lo up
    ip -n "$rns" link set s1 up
    ip -n "$rns" link set s2 up
    ip netns exec "$rns" sysctl -qw net.ipv4.ip_forward=1
    ip route add "$p2.0/24" via "$p1.254"
    if [[ -n ${IPV6:-} ]]; then
      ip -n "$rns" addr add "$q1::254/64" dev s1 nodad
      ip -n "$rns" addr add "$q2::254/64" dev s2 nodad
      ip netns exec "$rns" sysctl -qw net.ipv6.conf.all.forwarding=1
      ip -6 route add "$q2::/64" via "$q1::254"
    fi
  fi
}

# Host K's address: full host hK = .(10+K), light host lK = .(100+K), on its subnet.
host_subnet() { # $1 = host (h3) -> subnet number
  local h=$1 k=${1:1}
  if [[ $LAB_SUBNETS == 2 && $h == h* && $k -gt $(( (FULL_COUNT + 1) / 2 )) ]]; then
    echo 2
  else
    echo 1
  fi
}
host_id() { # host (h3, l2) -> the last part of its addresses: full host hK = 10+K, light lK = 100+K
  local h=$1 k=${1:1}
  if [[ $h == h* ]]; then printf '%d' $(( 10 + k )); else printf '%d' $(( 100 + k )); fi
}
host_addr() {
  printf '%s.%s' "$(subnet_prefix "$LAB_INDEX" "$(host_subnet "$1")")" "$(host_id "$1")"
}
# The same host's IPv6 address (lab/up --ipv6): its IPv4 last octet as the interface id.
host_addr6() {
  printf '%s::%s' "$(subnet6_prefix "$LAB_INDEX" "$(host_subnet "$1")")" "$(host_id "$1")"
}
# The address ovl reaches the host at (topology.yaml, known_hosts, hosts.tsv): IPv6 with --ipv6.
host_ssh_addr() {
  if [[ -n ${IPV6:-} ]]; then host_addr6 "$1"; else host_addr "$1"; fi
}
host_gateway6() {
  local s
  s=$(host_subnet "$1")
  if [[ $LAB_SUBNETS == 2 ]]; then
    printf '%s::254' "$(subnet6_prefix "$LAB_INDEX" "$s")"
  else
    printf '%s::1' "$(subnet6_prefix "$LAB_INDEX" 1)"
  fi
}
host_gateway() {
  local s
  s=$(host_subnet "$1")
  if [[ $LAB_SUBNETS == 2 ]]; then
    printf '%s.254' "$(subnet_prefix "$LAB_INDEX" "$s")"
  else
    printf '%s.1' "$(subnet_prefix "$LAB_INDEX" 1)"
  fi
}

attach_host() { # $1 = host: netns + veth (eth0 inside) + address + default route
  local h=$1 ns veth
  ns=$(host_ns "$h")
  veth=$(host_veth "$h")
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$(bridge_name "$(host_subnet "$h")")" up
  [[ ${IPV6:-} == only ]] || ip -n "$ns" addr add "$(host_addr "$h")/24" dev eth0
  [[ -z ${IPV6:-} ]] || ip -n "$ns" addr add "$(host_addr6 "$h")/64" dev eth0 nodad
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  [[ ${IPV6:-} == only ]] || ip -n "$ns" route add default via "$(host_gateway "$h")"
  [[ -z ${IPV6:-} ]] || ip -n "$ns" -6 route add default via "$(host_gateway6 "$h")"
}

# --- teardown, by name prefix so it also works without (or with stale) state ---
remove_underlay() {
  local ns link
  for ns in $(ip netns list | awk '{print $1}' | grep -F "$LAB_NS_PREFIX" || true); do
    [[ $ns == "$LAB_NS_PREFIX"* ]] && ip netns del "$ns" 2>/dev/null || true
  done
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 |
                grep -E "^($LAB_IF_PREFIX|$LAB_BR_PREFIX|$LAB_RT_PREFIX)" || true); do
    ip link del "$link" 2>/dev/null || true
  done
  # Every FORWARD rule carrying this lab's comment, turned from "-A ..." into "-D ...".
  local words
  while read -ra words; do
    [[ ${#words[@]} -gt 0 ]] || continue
    words=("${words[@]//\"/}")
    words[0]=-D
    iptables -w "${words[@]}" 2>/dev/null || true
  done < <(iptables -w -S FORWARD | grep -E -- "--comment \"?$LAB_IPT_COMMENT\"? " || true)
  while read -ra words; do
    [[ ${#words[@]} -gt 0 ]] || continue
    words=("${words[@]//\"/}")
    words[0]=-D
    ip6tables -w "${words[@]}" 2>/dev/null || true
  done < <(ip6tables -w -S FORWARD 2>/dev/null | grep -E -- "--comment \"?$LAB_IPT_COMMENT\"? " || true)
}
