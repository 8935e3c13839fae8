# shellcheck shell=bash
# Full hosts (systemd + sshd + dockerd) and light hosts (sshd only).

engine_of() { # $1 = hK -> engine from ENGINES (space separated, one per full host)
  local k=${1:1} arr
  read -ra arr <<<"$ENGINES"
  printf '%s' "${arr[k-1]}"
}

init_of() { # $1 = hK -> "systemd" or "sysv" (no systemd: lab/lib/sysv-init.sh is PID 1)
  local k=${1:1} arr
  read -ra arr <<<"${INITS:-}"
  printf '%s' "${arr[k-1]:-systemd}"
}

is_messy() { # $1 = hK: listed in MESSY (lab/up --messy)
  [[ " ${MESSY:-} " == *" $1 "* ]]
}

# The address a messy host's resolv.conf names: .253 of the host's own subnet, which no lab
# address uses (machine .1, full hosts .11-.99, light hosts .101-.250, router .254). Nothing
# answers ARP for it, so a query never even leaves the host's namespace as a routed packet.
# An IPv6-only host (--ipv6-only) gets ::253 of its subnet's /64 instead: unanswered neighbour
# solicitations, the same wait.
dead_resolver() { # $1 = hK
  if [[ ${IPV6:-} == only ]]; then
    printf '%s::253' "$(subnet6_prefix "$LAB_INDEX" "$(host_subnet "$1")")"
  else
    printf '%s.253' "$(subnet_prefix "$LAB_INDEX" "$(host_subnet "$1")")"
  fi
}

# A messy host gets its own /etc/hosts (the lab's, less the line of its own name) and a
# resolv.conf whose only nameserver is dead_resolver, as on a real host whose name was never
# added to /etc/hosts and whose resolver is gone. sudo then looks its own hostname up in DNS
# (nsswitch "hosts: files dns", no nss-myhostname, no systemd-resolved in the lab's trees) and
# waits for the resolver's timeouts: "sudo: unable to resolve host NAME" after about 10 s.
write_messy_files() { # $1 = hK; files go to the host's state dir, boot-host.sh copies them in
  local h=$1 dir fq
  dir=$(host_dir "$h")
  fq=$(host_fqname "$h")
  mkdir -p "$dir"
  awk -v name="$fq" '{ for (i = 2; i <= NF; i++) if ($i == name) next } { print }' \
    "$LAB_STATE/etc-hosts" >"$dir/etc-hosts"
  printf '# ovl lab: messy host, this resolver never answers (lab/README.md, "Messy hosts")\nnameserver %s\n' \
    "$(dead_resolver "$h")" >"$dir/resolv.conf"
}

start_full_host() { # $1 = host (h1): returns at once; the host boots in the background
  local h=$1 dir engine suite
  dir=$(host_dir "$h")
  engine=$(engine_of "$h")
  suite=$(suite_for_engine "$engine")
  mkdir -p "$dir/upper" "$dir/work" "$dir/root" "$dir/docker" "$dir/containerd"
  : >"$dir/console.log"
  # systemd 257 (Debian 13) refuses cgroup v1 unless forced; in a container it reads these
  # switches from its own command line.
  local sd_args=""
  if [[ $suite == trixie && $CG_MODE == v1 ]]; then
    sd_args="SYSTEMD_CGROUP_ENABLE_LEGACY_FORCE=1 systemd.unified_cgroup_hierarchy=0"
  fi
  cat >"$dir/boot.env" <<ENV
HOST_FQ=$(host_fqname "$h")
HOST_NS=$(host_ns "$h")
HOST_CGROUP=$LAB_CGROUP/$h
LOWER=$(layer_dir "$suite"):$(rootfs_dir "$suite")
UPPER=$dir/upper
WORK=$dir/work
ROOT=$dir/root
DOCKER_DIR=$dir/docker
CONTAINERD_DIR=$dir/containerd
PUBKEY=$LAB_STATE/id_ed25519.pub
HOSTS_FILE=$(if is_messy "$h"; then printf '%s' "$dir/etc-hosts"; else printf '%s' "$LAB_STATE/etc-hosts"; fi)
RESOLV_FILE=$(if is_messy "$h"; then printf '%s' "$dir/resolv.conf"; fi)
SSH_PORT=${SSH_PORT:-22}
CONSOLE_LOG=$dir/console.log
SYSTEMD_ARGS="$sd_args"
HOST_INIT=$(init_of "$h")
CG_MODE=$CG_MODE
ENV
  setsid bash "$LAB_LIB/boot-host.sh" outer "$dir/boot.env" </dev/null >>"$dir/console.log" 2>&1 &
}

# Waits until systemd inside says running (or degraded), then checks ssh and docker.
wait_full_host() { # $1 = host; fails with the reason
  local h=$1 deadline=$(( SECONDS + ${LAB_BOOT_TIMEOUT:-120} )) state=""
  until host_init_pid "$(host_ns "$h")" >/dev/null; do
    (( SECONDS < deadline )) || { log "$h: systemd did not start; see $(host_dir "$h")/console.log"; return 1; }
    sleep 0.2
  done
  if [[ $(init_of "$h") == sysv ]]; then
    wait_sysv_host "$h" "$deadline"
    return
  fi
  while (( SECONDS < deadline )); do
    state=$(in_host "$h" systemctl is-system-running 2>/dev/null || true)
    case $state in
      running) break ;;
      degraded)
        log "$h: systemd is degraded; failed units: $(in_host "$h" systemctl --failed --plain --no-legend | awk '{print $1}' | tr '\n' ' ')"
        return 1 ;;
    esac
    sleep 0.5
  done
  [[ $state == running ]] || { log "$h: systemd still '$state' after ${LAB_BOOT_TIMEOUT:-120}s"; return 1; }
  in_host "$h" systemctl is-active --quiet ssh.service || { log "$h: ssh.service is not active"; return 1; }
  in_host "$h" systemctl is-active --quiet docker.service || { log "$h: docker.service is not active"; return 1; }
  until in_host "$h" docker info >/dev/null 2>&1; do
    (( SECONDS < deadline )) || { log "$h: docker info fails"; return 1; }
    sleep 0.5
  done
}

# A host without systemd: its init started sshd and dockerd through /etc/init.d.
wait_sysv_host() { # $1 = host, $2 = deadline (SECONDS)
  local h=$1 deadline=$2
  until in_host "$h" /etc/init.d/ssh status >/dev/null 2>&1 && in_host "$h" docker info >/dev/null 2>&1; do
    (( SECONDS < deadline )) || {
      log "$h (no systemd): sshd or dockerd did not come up; see $(host_dir "$h")/console.log and /var/log/docker.log in the host"
      return 1
    }
    sleep 0.5
  done
}

# --- light hosts: sshd of this machine in its own network and UTS namespace, no systemd ---
start_light_host() { # $1 = host (l1)
  local h=$1 dir
  dir=$(host_dir "$h")
  mkdir -p "$dir" /run/sshd
  ssh-keygen -q -t ed25519 -N '' -C "root@$(host_fqname "$h")" -f "$dir/ssh_host_ed25519_key"
  cat >"$dir/sshd_config" <<CONF
$([[ ${IPV6:-} == only ]] || echo "ListenAddress $(host_addr "$h")")
$([[ -z ${IPV6:-} ]] || echo "ListenAddress $(host_addr6 "$h")")
Port ${SSH_PORT:-22}
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $LAB_STATE/id_ed25519.pub
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
CONF
  setsid ip netns exec "$(host_ns "$h")" unshare --uts \
    sh -c 'hostname "$1"; exec /usr/sbin/sshd -D -e -f "$2"' _ "$(host_fqname "$h")" "$dir/sshd_config" \
    </dev/null >"$dir/sshd.log" 2>&1 &
}

# --- teardown ---
# Kills every process of the lab: all processes in its network namespaces (a full host's
# systemd is PID 1 of its PID namespace, so killing it ends every process in that namespace,
# containers included) and anything left in its cgroups.
kill_lab_processes() {
  local ns pids="" p
  for ns in $(ip netns list | awk '{print $1}'); do
    [[ $ns == "$LAB_NS_PREFIX"* ]] || continue
    pids+=" $(ip netns pids "$ns" 2>/dev/null || true)"
  done
  # shellcheck disable=SC2086
  [[ -n ${pids// /} ]] && kill -9 $pids 2>/dev/null || true
  # Both cgroup layouts: the lab's state (and so its mode) may be gone after a crash.
  local mode
  for mode in v1 v2; do
    CG_MODE=$mode unshare --mount --propagation private bash -c '
      source "$1/cgroup.sh"
      cg_mount_all 2>/dev/null || exit 0
      for attempt in $(seq 50); do
        pids=$(cg_pids "$2")
        [[ -z $pids ]] && break
        kill -9 $pids 2>/dev/null
        sleep 0.1
      done
      cg_remove "$2"
    ' _ "$LAB_LIB" "$LAB_CGROUP"
  done
  # kill -9 is asynchronous: wait until the killed processes are gone (or zombies, which only
  # their new parent can reap), so "down" means down when it returns.
  for (( attempt = 0; attempt < 100; attempt++ )); do
    local alive=0
    for p in $pids; do
      [[ -e /proc/$p ]] && [[ $(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) != Z ]] && alive=1
    done
    (( alive == 0 )) && break
    sleep 0.1
  done
}

lab_process_count() { # processes still in the lab's cgroups or network namespaces
  local ns n=0 p
  for ns in $(ip netns list | awk '{print $1}'); do
    [[ $ns == "$LAB_NS_PREFIX"* ]] || continue
    for p in $(ip netns pids "$ns" 2>/dev/null); do n=$((n + 1)); done
  done
  p=$(for mode in v1 v2; do
        CG_MODE=$mode unshare --mount --propagation private bash -c '
          source "$1/cgroup.sh"; cg_mount_all 2>/dev/null || exit 0; cg_pids "$2"
        ' _ "$LAB_LIB" "$LAB_CGROUP"
      done | sort -u | wc -l)
  echo $(( n + ${p:-0} ))
}
