# shellcheck shell=bash
# cgroups for full hosts. Each host's processes (systemd, dockerd, containers) live in the
# cgroup ovl-lab/NAME/HOST, and the host gets a cgroup namespace rooted there, so the systemd
# instances of several hosts do not fight over one /system.slice, and `down` can find and kill
# every process of a lab, even after a crash.
#
# Two layouts, chosen per machine by cg_detect_mode (override: OVL_LAB_CGROUP=v1|v2):
#   v1  (what LAB-NOTES saw working; used whenever the machine allows it): cgroup v1 controllers,
#       a name=systemd v1 hierarchy and cgroup2 at unified/. Debian 13's systemd 257 must then be
#       told SYSTEMD_CGROUP_ENABLE_LEGACY_FORCE=1.
#   v2  (machines whose cgroup2 already holds the controllers, e.g. booted with systemd): one
#       cgroup2 hierarchy, controllers enabled down to each host's cgroup.
# The functions mount the hierarchies in a private mount namespace of their own, so the
# machine's /sys/fs/cgroup is neither needed nor changed.

CG_V1_CONTROLLERS="cpu cpuacct cpuset memory devices freezer blkio pids"
CG_ROOT=/sys/fs/cgroup
CG_MODE=${CG_MODE:-v1}

# Prints v1 when the v1 controllers can be mounted here, else v2. Leaves nothing mounted.
cg_detect_mode() {
  if [[ -n ${OVL_LAB_CGROUP:-} ]]; then echo "$OVL_LAB_CGROUP"; return; fi
  if unshare --mount --propagation private bash -c '
       mount -t tmpfs tmpfs /sys/fs/cgroup && mkdir /sys/fs/cgroup/devices &&
       mount -t cgroup -o devices cgroup /sys/fs/cgroup/devices' 2>/dev/null; then
    echo v1
  else
    echo v2
  fi
}

# Mounts the hierarchies at $1 (default /sys/fs/cgroup). Call only in a private mount namespace.
cg_mount_all() {
  local top=${1:-$CG_ROOT} c
  if [[ $CG_MODE == v2 ]]; then
    mount -t cgroup2 cgroup2 "$top"
    return
  fi
  mount -t tmpfs -o mode=755,nosuid,nodev,noexec tmpfs "$top"
  for c in $CG_V1_CONTROLLERS; do
    mkdir -p "$top/$c"
    mount -t cgroup -o "$c" cgroup "$top/$c"
  done
  mkdir -p "$top/systemd" "$top/unified"
  mount -t cgroup -o none,name=systemd cgroup "$top/systemd"
  mount -t cgroup2 cgroup2 "$top/unified"
}

cg_hierarchies() { # directories (below CG_ROOT) that are hierarchy roots
  if [[ $CG_MODE == v2 ]]; then echo .; else printf '%s\n' $CG_V1_CONTROLLERS systemd unified; fi
}

# Creates $1 (e.g. ovl-lab/ovl/h1) in every hierarchy. v1 cpuset needs cpus/mems copied down;
# v2 needs the controllers enabled in every parent. Safe when several hosts or labs create the
# shared parents at the same time.
cg_create() {
  local path=$1 h dir part c
  for h in $(cg_hierarchies); do
    dir="$CG_ROOT/$h"
    for part in ${path//\// }; do
      if [[ $CG_MODE == v2 ]]; then
        for c in $(cat "$dir/cgroup.controllers"); do
          echo "+$c" >"$dir/cgroup.subtree_control" 2>/dev/null || true
        done
      fi
      mkdir "$dir/$part" 2>/dev/null || [[ -d $dir/$part ]]
      if [[ $h == cpuset && -z $(cat "$dir/$part/cpuset.cpus") ]]; then
        cat "$dir/cpuset.cpus" >"$dir/$part/cpuset.cpus"
        cat "$dir/cpuset.mems" >"$dir/$part/cpuset.mems"
      fi
      dir="$dir/$part"
    done
  done
}

cg_join() { # $1 = path, $2 = pid
  local h
  for h in $(cg_hierarchies); do
    echo "$2" >"$CG_ROOT/$h/$1/cgroup.procs"
  done
}

cg_pids() { # every pid below $1 in any hierarchy
  local h
  for h in $(cg_hierarchies); do
    [[ -d $CG_ROOT/$h/$1 ]] || continue
    find "$CG_ROOT/$h/$1" -name cgroup.procs -exec cat {} + 2>/dev/null
  done | sort -un
}

cg_remove() { # removes $1 and everything below it; cgroups must be empty
  local h
  for h in $(cg_hierarchies); do
    [[ -d $CG_ROOT/$h/$1 ]] || continue
    find "$CG_ROOT/$h/$1" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}
