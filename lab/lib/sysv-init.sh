#!/bin/bash
# PID 1 of a lab host without systemd (`lab/up --engine 20.10:sysv`), copied to /sbin/ovl-lab-init
# by boot-host.sh. It does what a small sysvinit system does at boot, no more: start sshd and
# Docker through Debian's own /etc/init.d scripts, then reap orphans until the lab is taken
# down. Docker thus runs as on such a server: `/etc/init.d/docker restart`, options in
# /etc/default/docker, log in /var/log/docker.log, no docker.service.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
say() { printf 'ovl-lab-init: %s\n' "$*"; }

# cgroup v2 allows no processes in a cgroup that delegates controllers to children: move PID 1
# (and so everything it starts) into a leaf, as systemd does with init.scope, so dockerd can
# create its own cgroups beside it.
if [[ -f /sys/fs/cgroup/cgroup.procs && ! -d /sys/fs/cgroup/memory ]]; then
  mkdir -p /sys/fs/cgroup/init.scope
  echo $$ >/sys/fs/cgroup/init.scope/cgroup.procs
fi

mkdir -p /run/sshd /var/log
/etc/init.d/ssh start </dev/null || say "ssh did not start"
/etc/init.d/docker start </dev/null || say "docker did not start"
say "up (no systemd): sshd and dockerd started by their init scripts"

# Orphans are re-parented to PID 1; bash reaps every child on SIGCHLD while it waits.
trap 'say "stopping"; /etc/init.d/docker stop; exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $! || true
done
