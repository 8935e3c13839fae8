# shellcheck shell=bash
# What `lab/status` prints, also used by `up` to tell a running lab from a dead one.

full_host_alive() { host_init_pid "$(host_ns "$1")" >/dev/null; }
light_host_alive() {
  local pidfile
  pidfile="$(host_dir "$1")/sshd.pid"
  [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}
lab_alive() { # up finished, and every host of the lab has its PID 1 / sshd
  local h
  load_state || return 1
  [[ -f $LAB_STATE/up.done ]] || return 1
  for h in $FULL_HOSTS; do full_host_alive "$h" || return 1; done
  for h in $LIGHT_HOSTS; do light_host_alive "$h" || return 1; done
}
lab_leftovers() { # anything of this lab on the machine: state, namespaces or links
  [[ -e $LAB_STATE/lab.env ]] && return 0
  ip netns list | awk '{print $1}' | grep -qF "$LAB_NS_PREFIX" && return 0
  ip -o link show | grep -qE ": ($LAB_IF_PREFIX|$LAB_BR_PREFIX|$LAB_RT_PREFIX)" && return 0
  return 1
}

print_status() {
  local h sd ssh docker aw=15
  load_state || { echo "lab '$LAB_NAME': not running (no state in $LAB_STATE)"; return 1; }
  printf 'lab %s: subnet %s.0/24%s, ssh port %s, state %s\n' "$LAB_NAME" "$(subnet_prefix "$LAB_INDEX" 1)" \
    "$([[ $LAB_SUBNETS == 2 ]] && printf ' + %s.0/24' "$(subnet_prefix "$LAB_INDEX" 2)")" "${SSH_PORT:-22}" "$LAB_STATE"
  if [[ -n ${IPV6:-} ]]; then
    aw=24
    printf 'IPv6 underlay (%s): %s::/64%s; topology.yaml addresses hosts by IPv6\n' \
      "$([[ $IPV6 == only ]] && echo 'hosts IPv6-only' || echo dual-stack)" "$(subnet6_prefix "$LAB_INDEX" 1)" \
      "$([[ $LAB_SUBNETS == 2 ]] && printf ' + %s::/64' "$(subnet6_prefix "$LAB_INDEX" 2)")"
  fi
  printf "%-16s %-${aw}s %-6s %-10s %-8s %-8s %s\n" HOST ADDRESS ENGINE SYSTEMD SSH DOCKER MESSY
  for h in $FULL_HOSTS; do
    if full_host_alive "$h" && [[ $(init_of "$h") == sysv ]]; then
      # No systemd: the init scripts' own status says whether the daemons run.
      sd=none
      if in_host "$h" /etc/init.d/ssh status >/dev/null 2>&1; then ssh=active; else ssh=inactive; fi
      if in_host "$h" /etc/init.d/docker status >/dev/null 2>&1; then docker=active; else docker=inactive; fi
    elif full_host_alive "$h"; then
      sd=$(in_host "$h" systemctl is-system-running 2>/dev/null || true)
      ssh=$(in_host "$h" systemctl is-active ssh.service 2>/dev/null || true)
      docker=$(in_host "$h" systemctl is-active docker.service 2>/dev/null || true)
    else
      sd=down ssh=- docker=-
    fi
    printf "%-16s %-${aw}s %-6s %-10s %-8s %-8s %s\n" "$(host_fqname "$h")" "$(host_ssh_addr "$h")" \
      "$(engine_of "$h")" "${sd:-?}" "${ssh:-?}" "${docker:-?}" \
      "$(if is_messy "$h"; then printf 'messy (resolver %s)' "$(dead_resolver "$h")"; else printf -- -; fi)"
  done
  for h in $LIGHT_HOSTS; do
    if light_host_alive "$h"; then ssh=active; else ssh=down; fi
    printf "%-16s %-${aw}s %-6s %-10s %-8s %-8s %s\n" "$(host_fqname "$h")" "$(host_ssh_addr "$h")" - - "$ssh" - -
  done
  if [[ -n ${SUDO_PASSWORD_HOSTS:-} ]]; then
    printf "user ovl's sudo asks for a password on: %s (the password: %s)\n" "$SUDO_PASSWORD_HOSTS" "$(sudo_password_file)"
  fi
  if [[ -n ${DOAS_HOSTS:-} ]]; then
    printf 'user ovl becomes root with doas (permit nopass), not sudo, on: %s\n' "$DOAS_HOSTS"
  fi
}
