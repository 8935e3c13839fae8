# shellcheck shell=bash
# Shared helpers for lab/up, lab/down, lab/status, lab/exec.
# shellcheck disable=SC2034  # the names set here are used by the other libraries
# Every name the lab makes is derived here from the lab NAME, so that several labs can run at
# once and `down` can find what an earlier, crashed `up` left behind by its prefix alone.

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB_LIB="$LAB_DIR/lib"
LAB_CACHE=${OVL_LAB_CACHE:-/var/cache/ovl-lab}
# Serialises address allocation and cache builds between labs started at the same time.
LAB_LOCK=/run/ovl-lab.lock

log()  { printf '[lab %s] %s\n' "${LAB_NAME:-?}" "$*" >&2; }
die()  { printf 'lab: error: %s\n' "$*" >&2; exit 1; }
# The usage text of a lab script: its header comment from line 2 up to the first line that is
# not a comment, without the leading "# ".
usage_of() { awk 'NR == 1 {next} /^#/ {sub(/^# ?/, ""); print; next} {exit}' "$1"; }
# For an argument a script does not know: say so, show the usage, exit 2 (as the CLI does).
unknown_argument() { # $1 = script path, $2 = the argument
  printf '%s: unknown argument %s\n' "${1#"$LAB_DIR"/}" "'$2'" >&2
  usage_of "$1" >&2
  exit 2
}

require_root() {
  if [[ $(id -u) -ne 0 ]]; then
    die "must run as root (it creates network namespaces, bridges and mounts): sudo $0 ..."
  fi
}

# Lab names become parts of namespace, interface and path names: keep them short and plain.
# No '.' so that "ovllab-NAME." is an unambiguous prefix for everything of one lab.
validate_name() {
  [[ $1 =~ ^[a-z][a-z0-9-]{0,19}$ ]] ||
    die "bad --name '$1': use 1-20 characters a-z 0-9 '-', starting with a letter (e.g. --name ovl)"
}

# Sets the derived names for lab $1. Interface names must fit in 15 characters, so they use a
# short id: the name itself when it has at most 7 characters a-z0-9, else 'x' + 6 hex digits
# of its sha256.
set_lab_names() {
  LAB_NAME=$1
  validate_name "$LAB_NAME"
  if [[ $LAB_NAME =~ ^[a-z0-9]{1,7}$ ]]; then
    LAB_ID=$LAB_NAME
  else
    LAB_ID=x$(printf '%s' "$LAB_NAME" | sha256sum | cut -c1-6)
  fi
  LAB_STATE="$LAB_DIR/state/$LAB_NAME"
  LAB_NS_PREFIX="ovllab-$LAB_NAME."      # netns names: ovllab-NAME.h1, ovllab-NAME.router
  LAB_IF_PREFIX="olv$LAB_ID-"            # root-side veths: olvNAME-h1, olvNAME-l1
  LAB_BR_PREFIX="olb$LAB_ID-"            # bridges: olbNAME-1, olbNAME-2
  LAB_RT_PREFIX="olr$LAB_ID-"            # router veths: olrNAME-1, olrNAME-2
  LAB_IPT_COMMENT="ovl-lab:$LAB_NAME"    # comment on every iptables rule of this lab
  LAB_CGROUP="ovl-lab/$LAB_NAME"         # cgroup (in every hierarchy) holding all host processes
}

host_ns()     { printf '%s%s' "$LAB_NS_PREFIX" "$1"; }
host_veth()   { printf '%s%s' "$LAB_IF_PREFIX" "$1"; }
bridge_name() { printf '%s%s' "$LAB_BR_PREFIX" "$1"; }
host_dir()    { printf '%s/hosts/%s' "$LAB_STATE" "$1"; }
host_fqname() { printf '%s-%s' "$LAB_NAME" "$1"; }

# Underlay addressing. 198.18.0.0/15 holds 512 /24s; lab number I (0..127) owns the four /24s
# 4I..4I+3 (subnet 1 = 4I, subnet 2 = 4I+1). /24 number N is 198.(18 + N/256).(N % 256).0.
LAB_SLOTS=128
subnet_prefix() { # $1 = lab index, $2 = subnet 1|2  -> "198.18.4"
  local n=$(( 4 * $1 + $2 - 1 ))
  printf '198.%d.%d' $(( 18 + n / 256 )) $(( n % 256 ))
}
# The IPv6 underlay of lab/up --ipv6 / --ipv6-only: a ULA /64 per subnet from the same index, so
# labs stay apart as their IPv4 /24s do. fd6f:766c:6162::/48 ("ovlab"; not this machine's own
# fd00::/64); subnet /64 number N = 4I + s - 1, the same N as the IPv4 /24. A host's interface
# id is its IPv4 last octet written the same way (h1: ::11, router ::254), to read them side by side.
subnet6_prefix() { # $1 = lab index, $2 = subnet 1|2  -> "fd6f:766c:6162:4"
  printf 'fd6f:766c:6162:%x' $(( 4 * $1 + $2 - 1 ))
}
default_index() { # deterministic from the name: cksum mod 128
  local sum
  sum=$(printf '%s' "$1" | cksum | cut -d' ' -f1)
  printf '%d' $(( sum % LAB_SLOTS ))
}

with_lock() { # run "$@" holding the machine-wide lab lock
  mkdir -p "$(dirname "$LAB_LOCK")"
  (
    flock -w 600 9 || die "could not take $LAB_LOCK within 10 minutes"
    "$@"
  ) 9>"$LAB_LOCK"
}

# Runs a command inside a full host (all of its namespaces, its root and cwd).
host_init_pid() { # prints the root-namespace pid of the host's PID 1 (systemd), or fails
  local ns=$1 pid nspid
  for pid in $(ip netns pids "$ns" 2>/dev/null); do
    nspid=$(awk '/^NSpid:/ {print $3}' "/proc/$pid/status" 2>/dev/null || true)
    if [[ $nspid == 1 ]]; then printf '%s' "$pid"; return 0; fi
  done
  return 1
}
in_host() { # $1 = host (h1), rest = command
  local h=$1; shift
  local pid
  pid=$(host_init_pid "$(host_ns "$h")") || die "host $(host_fqname "$h") is not running"
  nsenter -t "$pid" -m -u -i -n -p -C -r -w /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb "$@"
}

# Reads lab.env written by up: LAB_INDEX, LAB_SUBNETS, FULL_HOSTS, LIGHT_HOSTS, ENGINES...
load_state() {
  [[ -f $LAB_STATE/lab.env ]] || return 1
  # shellcheck disable=SC1091
  source "$LAB_STATE/lab.env"
}

elapsed() { printf '%ds' $(( SECONDS - ${1:-0} )); }
