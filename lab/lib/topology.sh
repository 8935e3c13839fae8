# shellcheck shell=bash
# Writes what ovl needs to use the lab: known_hosts with the hosts' real keys and topology.yaml
# (format: TOPOLOGY-DRAFT.md).

# Host keys are read from inside each host (its own /etc/ssh), then cross-checked against what
# its sshd actually serves on the lab network, so a mix-up would fail here and not in a test.
host_pubkeys() { # $1 = host -> "type base64" lines
  local h=$1
  if [[ $h == h* ]]; then
    in_host "$h" cat /etc/ssh/ssh_host_ed25519_key.pub /etc/ssh/ssh_host_ecdsa_key.pub | awk '{print $1, $2}'
  else
    awk '{print $1, $2}' "$(host_dir "$h")/ssh_host_ed25519_key.pub"
  fi
}

# A known_hosts host pattern as OpenSSH writes it: "addr" on port 22, "[addr]:port" otherwise.
known_hosts_pattern() { # $1 = address or name
  local port=${SSH_PORT:-22}
  if [[ $port == 22 ]]; then printf '%s' "$1"; else printf '[%s]:%s' "$1" "$port"; fi
}

write_known_hosts() {
  local h addr keys served key out="$LAB_STATE/known_hosts.tmp" port=${SSH_PORT:-22}
  : >"$out"
  for h in $FULL_HOSTS $LIGHT_HOSTS; do
    addr=$(host_ssh_addr "$h")
    keys=$(host_pubkeys "$h")
    served=$(ssh-keyscan -T 10 -p "$port" -t ed25519 "$addr" 2>/dev/null | awk '{print $2, $3}')
    [[ -n $served ]] || die "$h: sshd at [$addr]:$port served no ed25519 key"
    grep -qxF "$served" <<<"$keys" ||
      die "$h: sshd at [$addr]:$port serves a key ($served) that is not the host's own /etc/ssh key"
    while read -r key; do
      printf '%s,%s %s\n' "$(known_hosts_pattern "$addr")" "$(known_hosts_pattern "$(host_fqname "$h")")" "$key" >>"$out"
    done <<<"$keys"
  done
  mv "$out" "$LAB_STATE/known_hosts"
}

all_full_hosts_on() { # $1 = engine
  local h
  for h in $FULL_HOSTS; do [[ $(engine_of "$h") == "$1" ]] || return 1; done
}

write_topology_file() { # $1 = output file, $2 = host list
  local out=$1 hosts=$2 h first=${FULL_HOSTS%% *} mode
  if all_full_hosts_on 20.10; then mode=kv; else mode=swarm; fi
  {
    echo "# Written by lab/up for lab '$LAB_NAME' on $(date -u +%FT%TZ). Not for git."
    echo "version: 1"
    echo "mode: $mode"
    echo "ssh:"
    echo "  user: root"
    echo "  port: ${SSH_PORT:-22}"
    echo "  identity-files: [$LAB_STATE/id_ed25519]"
    echo "  known-hosts: $LAB_STATE/known_hosts"
    echo "  host-key-policy: strict"
    if [[ $mode == kv ]]; then
      echo "kv-store:"
      if [[ ${STORE:-etcd} == zookeeper ]]; then
        echo "  backend: zookeeper"
        echo "  hosts: [$(host_fqname "$first")]"
        echo "  image: local/zookeeper:3.8"
        echo "  port: 2181"
      else
        echo "  backend: etcd"
        echo "  hosts: [$(host_fqname "$first")]"
        echo "  image: local/etcd:3.4"
        echo "  port: 2379"
      fi
    fi
    echo "hosts:"
    for h in $hosts; do
      echo "  - name: $(host_fqname "$h")"
      echo "    address: $(host_ssh_addr "$h")"
      echo "    # engine: $(if [[ $h == h* ]]; then engine_of "$h"; else echo none; fi)"
      if [[ $h == "$first" ]]; then
        if [[ $mode == kv ]]; then echo "    overlay: false"; else echo "    role: manager"; fi
      fi
    done
    echo "networks:"
    echo "  - name: labnet"
    echo "    subnet: 172.16.16.0/24"
    echo "    ip-range: 172.16.16.128/25"
    echo "    gateway: 172.16.16.1"
    echo "    aux-addresses: { ip2: 172.16.16.2 }"
    echo "    attachable: true"
    # VXLAN over IPv6 takes 70 bytes, not 50: Docker's default 1450 does not fit the 1500 underlay.
    [[ -z ${IPV6:-} ]] || echo "    mtu: 1430"
  } >"$out.tmp"
  mv "$out.tmp" "$out"
}

write_topology() {
  write_topology_file "$LAB_STATE/topology.yaml" "$FULL_HOSTS"
  if [[ -n $LIGHT_HOSTS ]]; then
    write_topology_file "$LAB_STATE/topology-all.yaml" "$FULL_HOSTS $LIGHT_HOSTS"
  fi
  if [[ $LAB_NAME == ovl ]]; then
    ln -sfn "state/ovl/topology.yaml" "$LAB_DIR/topology.yaml"
    ln -sfn "state/ovl/known_hosts" "$LAB_DIR/known_hosts"
  fi
}

# Machine-readable facts for test code (io.ovl.lab.Lab): the hosts, and the name prefixes that
# let a test check after `down` that nothing of the lab is left.
write_inventory() {
  local h
  {
    printf '# name\thost\taddress\tengine\tkind\tssh-port\tmessy\n'
    for h in $FULL_HOSTS; do
      printf '%s\t%s\t%s\t%s\tfull\t%s\t%s\n' "$(host_fqname "$h")" "$h" "$(host_ssh_addr "$h")" "$(engine_of "$h")" \
        "${SSH_PORT:-22}" "$(if is_messy "$h"; then echo messy; else echo tidy; fi)"
    done
    for h in $LIGHT_HOSTS; do
      printf '%s\t%s\t%s\t-\tlight\t%s\ttidy\n' "$(host_fqname "$h")" "$h" "$(host_ssh_addr "$h")" "${SSH_PORT:-22}"
    done
  } >"$LAB_STATE/hosts.tsv"
  cat >"$LAB_STATE/names.env" <<ENV
LAB_NAME=$LAB_NAME
LAB_NS_PREFIX=$LAB_NS_PREFIX
LAB_IF_PREFIX=$LAB_IF_PREFIX
LAB_BR_PREFIX=$LAB_BR_PREFIX
LAB_RT_PREFIX=$LAB_RT_PREFIX
LAB_IPT_COMMENT=$LAB_IPT_COMMENT
LAB_CGROUP=$LAB_CGROUP
ENV
}
