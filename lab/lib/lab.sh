# shellcheck shell=bash
# Loads every library; sourced by the entry points.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for _f in packages rootfs images cgroup net host escalation topology status; do
  # shellcheck disable=SC1090
  source "$LAB_LIB/$_f.sh"
done
unset _f
