# shellcheck shell=bash
# cgroups for full hosts. Each host's processes (systemd, dockerd, containers) live in the
# cgroup ovl-lab/NAME/HOST of every hierarchy, and the host gets a cgroup namespace rooted
# there, so the systemd instances of several hosts do not fight over one /system.slice, and
# `down` can find and kill every process of a lab, even after a crash.
#
# Layout given to hosts (the one LAB-NOTES saw working): cgroup v1 controllers below, a
# name=systemd v1 hierarchy, and cgroup2 at unified/. The functions mount the hierarchies in a
# private mount namespace of their own, so the machine's /sys/fs/cgroup is neither needed nor
# changed.

CG_V1_CONTROLLERS="cpu cpuacct cpuset memory devices freezer blkio pids"
CG_ROOT=/sys/fs/cgroup

# Mounts every hierarchy at $1 (default /sys/fs/cgroup). Call only in a private mount namespace.
cg_mount_all() {
  local top=${1:-$CG_ROOT} c
  mount -t tmpfs -o mode=755,nosuid,nodev,noexec tmpfs "$top"
  for c in $CG_V1_CONTROLLERS; do
    mkdir -p "$top/$c"
    mount -t cgroup -o "$c" cgroup "$top/$c"
  done
  mkdir -p "$top/systemd" "$top/unified"
  mount -t cgroup -o none,name=systemd cgroup "$top/systemd"
  mount -t cgroup2 cgroup2 "$top/unified"
}

cg_hierarchies() { printf '%s\n' $CG_V1_CONTROLLERS systemd unified; }

# Creates $1 (e.g. ovl-lab/ovl/h1) in every hierarchy; cpuset needs cpus/mems copied down.
# Safe when several hosts or labs create the shared parents at the same time.
cg_create() {
  local path=$1 h dir part
  for h in $(cg_hierarchies); do
    dir="$CG_ROOT/$h"
    for part in ${path//\// }; do
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
