#!/bin/bash
# Boots one full host. Started by lab/up (start_full_host in host.sh) with the host's boot.env,
# in three stages:
#   outer (root namespaces): move into the cgroup HOST_CGROUP/sup, enter the host's network
#     namespace and unshare PID, mount, UTS and IPC namespaces for stage inner. This process
#     stays outside the host (it is the parent of the host's PID 1) in .../sup;
#   inner (PID 1 of the new PID namespace): move into HOST_CGROUP/host and unshare a cgroup
#     namespace rooted there, so the host's systemd owns a cgroup that holds only its own
#     processes (cgroup v2 forbids processes in a cgroup that delegates controllers);
#   boot: mount the host's root tree (overlayfs), give it its identity (hostname, SSH host keys,
#     authorized keys), mount the kernel file systems systemd and dockerd need, pivot into it
#     and exec systemd, or with HOST_INIT=sysv the lab's small init (sysv-init.sh), which starts
#     sshd and dockerd through their /etc/init.d scripts: a Docker host without systemd.
set -euo pipefail
stage=$1 env_file=$2
# shellcheck disable=SC1090
source "$env_file"
export CG_MODE
LAB_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=cgroup.sh
source "$LAB_LIB/cgroup.sh"

outer() {
  # A private mount namespace to see the cgroup hierarchies; `ip netns exec` makes yet another.
  unshare --mount --propagation private bash -euo pipefail -c '
    source "$1/cgroup.sh"
    cg_mount_all
    cg_create "$2/sup"
    cg_join "$2/sup" $$
    exec ip netns exec "$3" unshare --pid --fork --mount --uts --ipc \
      --propagation private bash "$1/boot-host.sh" inner "$4"
  ' _ "$LAB_LIB" "$HOST_CGROUP" "$HOST_NS" "$env_file"
}

inner() {
  cg_mount_all
  cg_create "$HOST_CGROUP/host"
  cg_join "$HOST_CGROUP/host" $$
  exec unshare --cgroup bash "$LAB_LIB/boot-host.sh" boot "$env_file"
}

identity() { # per-host files, written into the host's own upper layer
  local r=$ROOT ovl_ids
  echo "$HOST_FQ" >"$r/etc/hostname"
  hostname "$HOST_FQ"
  cp "$HOSTS_FILE" "$r/etc/hosts"
  if [[ -n ${RESOLV_FILE:-} ]]; then # a messy host (lab/up --messy): its own, dead resolver
    rm -f "$r/etc/resolv.conf"
    cp "$RESOLV_FILE" "$r/etc/resolv.conf"
  fi
  # Debian's sshd_config has its Port line commented out, so sshd listens on this port only.
  printf 'Port %s\n' "${SSH_PORT:-22}" >"$r/etc/ssh/sshd_config.d/ovl-lab-port.conf"
  rm -f "$r"/etc/ssh/ssh_host_*
  ssh-keygen -q -t ed25519 -N '' -C "root@$HOST_FQ" -f "$r/etc/ssh/ssh_host_ed25519_key"
  ssh-keygen -q -t ecdsa -N '' -C "root@$HOST_FQ" -f "$r/etc/ssh/ssh_host_ecdsa_key"
  install -m 600 "$PUBKEY" "$r/root/.ssh/authorized_keys"
  ovl_ids=$(awk -F: '$1 == "ovl" {print $3 ":" $4}' "$r/etc/passwd")
  install -m 600 -o "${ovl_ids%:*}" -g "${ovl_ids#*:}" "$PUBKEY" "$r/home/ovl/.ssh/authorized_keys"
}

kernel_filesystems() {
  local r=$ROOT
  mount -t proc proc "$r/proc"
  mount -t sysfs sysfs "$r/sys"
  # Views rooted at this host's cgroup (cgroup namespace); mounted over what inner() mounted.
  cg_mount_all "$r/sys/fs/cgroup"
  mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$r/run"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$r/tmp"
  # A private /dev with the usual nodes and its own pty instance, not the machine's /dev.
  mount -t tmpfs -o mode=755,nosuid tmpfs "$r/dev"
  mknod -m 666 "$r/dev/null" c 1 3
  mknod -m 666 "$r/dev/zero" c 1 5
  mknod -m 666 "$r/dev/full" c 1 7
  mknod -m 666 "$r/dev/random" c 1 8
  mknod -m 666 "$r/dev/urandom" c 1 9
  mknod -m 666 "$r/dev/tty" c 5 0
  mkdir -m 755 "$r/dev/pts"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts "$r/dev/pts"
  ln -s pts/ptmx "$r/dev/ptmx"
  mkdir -m 1777 "$r/dev/shm"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$r/dev/shm"
  ln -s /proc/self/fd "$r/dev/fd"
  ln -s /proc/self/fd/0 "$r/dev/stdin"
  ln -s /proc/self/fd/1 "$r/dev/stdout"
  ln -s /proc/self/fd/2 "$r/dev/stderr"
  # systemd writes status to /dev/console: let it land in the host's console.log.
  touch "$r/dev/console"
  mount --bind "$CONSOLE_LOG" "$r/dev/console"
}

boot() {
  mount -t overlay overlay -o "lowerdir=$LOWER,upperdir=$UPPER,workdir=$WORK" "$ROOT"
  # dockerd's overlay2 cannot use an overlayfs upper: its data dirs are plain directories.
  mkdir -p "$ROOT/var/lib/docker" "$ROOT/var/lib/containerd"
  mount --bind "$DOCKER_DIR" "$ROOT/var/lib/docker"
  mount --bind "$CONTAINERD_DIR" "$ROOT/var/lib/containerd"
  identity
  kernel_filesystems
  if [[ ${HOST_INIT:-systemd} == sysv ]]; then
    install -m 755 "$LAB_LIB/sysv-init.sh" "$ROOT/sbin/ovl-lab-init"
    # Debian's /etc/init.d/docker runs `ulimit -n 1048576` under `set -e`, and a lab host cannot
    # raise this machine's hard limit; it sources /etc/default/docker first, where a function
    # may stand in for the (non-special) builtin. A real server's root has no such limit.
    cat >>"$ROOT/etc/default/docker" <<'DEFAULTS'

# ovl lab: a lab host cannot raise the machine's hard limits; keep the init script going.
ulimit() { command ulimit "$@" 2>/dev/null || true; }
DEFAULTS
  fi
  cd "$ROOT"
  pivot_root . .
  umount -l .
  cd /
  if [[ ${HOST_INIT:-systemd} == sysv ]]; then
    exec /usr/bin/env -i container=lab /bin/bash /sbin/ovl-lab-init
  fi
  exec /usr/bin/env -i container=lab /lib/systemd/systemd $SYSTEMD_ARGS
}

"$stage"
