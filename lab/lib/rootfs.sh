# shellcheck shell=bash
# Root trees for full hosts, cached per machine under $LAB_CACHE:
#   rootfs/<suite>-<key>/          debootstrap result, key = hash of suite + package list
#   layers/<suite>-<key>-<ckey>/   overlayfs upper layer with the lab's customisation on top,
#                                  ckey = hash of customize.sh + extra packages
# Each host then mounts overlayfs: lower = layer:rootfs, upper = its own directory.
# Everything is built in a temporary directory and renamed when complete, so an interrupted
# build is never mistaken for a finished one.

# The engine of a host picks the Debian suite.
suite_for_engine() {
  case $1 in
    20.10) echo bookworm ;;
    26)    echo trixie ;;
    *) die "unknown engine '$1': use 20.10 (Debian 12) or 26 (Debian 13)" ;;
  esac
}

debootstrap_packages() {
  local common=systemd,systemd-sysv,dbus,openssh-server,docker.io,iproute2,iptables,procps,sudo
  case $1 in
    bookworm) echo "$common" ;;
    trixie)   echo "${common/docker.io/docker.io,docker-cli}" ;;  # Docker 26's client is separate
  esac
}
# Packages added in the cached layer: probes a real host would have.
LAYER_PACKAGES="iputils-ping netcat-openbsd curl"

short_hash() { sha256sum | cut -c1-8; }

rootfs_dir() {
  local key
  key=$(printf '%s|%s' "$1" "$(debootstrap_packages "$1")" | short_hash)
  printf '%s/rootfs/%s-%s' "$LAB_CACHE" "$1" "$key"
}
layer_dir() {
  local key
  key=$( { cat "$LAB_LIB/customize.sh"; echo "$LAYER_PACKAGES"; } | short_hash)
  printf '%s/layers/%s-%s' "$LAB_CACHE" "$(basename "$(rootfs_dir "$1")")" "$key"
}

debian_mirror() { # the machine's own Debian mirror
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [[ -n $uri ]] || uri=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  printf '%s' "${uri:-http://deb.debian.org/debian}"
}

build_rootfs() { # $1 = suite; no-op when cached
  local suite=$1 dir tmp
  dir=$(rootfs_dir "$suite")
  [[ -d $dir ]] && return 0
  tmp="$dir.tmp"
  rm -rf "$tmp"
  log "building Debian $suite root tree in $dir (once per machine, about a minute)"
  debootstrap --variant=minbase --include="$(debootstrap_packages "$suite")" \
    "$suite" "$tmp" "$(debian_mirror)" >"$tmp.log" 2>&1 ||
    die "debootstrap $suite failed; see $tmp.log"
  mv "$tmp" "$dir"
  rm -f "$tmp.log"
}

build_layer() { # $1 = suite; no-op when cached
  local suite=$1 base dir tmp
  base=$(rootfs_dir "$suite")
  dir=$(layer_dir "$suite")
  [[ -d $dir ]] && return 0
  tmp="$dir.tmp"
  rm -rf "$tmp" "$tmp.work" "$tmp.mnt"
  mkdir -p "$tmp/upper" "$tmp.work" "$tmp.mnt"
  log "customising the $suite tree (cached in $dir)"
  # In a private mount namespace, so nothing stays mounted if this is interrupted.
  unshare --mount --propagation private bash -euo pipefail -c '
    base=$1 upper=$2 work=$3 mnt=$4 lib=$5 pkgs=$6
    mount -t overlay overlay -o "lowerdir=$base,upperdir=$upper,workdir=$work" "$mnt"
    mount -t proc proc "$mnt/proc"
    mount --rbind /dev "$mnt/dev"
    cp /etc/resolv.conf "$mnt/etc/resolv.conf"
    cp "$lib/customize.sh" "$mnt/tmp/customize.sh"
    chroot "$mnt" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LAYER_PACKAGES="$pkgs" \
      bash /tmp/customize.sh
    rm -f "$mnt/tmp/customize.sh"
  ' _ "$base" "$tmp/upper" "$tmp.work" "$tmp.mnt" "$LAB_LIB" "$LAYER_PACKAGES" >"$tmp.log" 2>&1 ||
    die "customising the $suite tree failed; see $tmp.log"
  mv "$tmp/upper" "$dir"
  rm -rf "$tmp" "$tmp.work" "$tmp.mnt" "$tmp.log"
}

prepare_tree() { # $1 = engine; builds whatever is missing, under the machine-wide lock
  local suite
  suite=$(suite_for_engine "$1")
  mkdir -p "$LAB_CACHE/rootfs" "$LAB_CACHE/layers"
  build_rootfs "$suite"
  build_layer "$suite"
}
