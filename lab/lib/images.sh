# shellcheck shell=bash
# Local images, since no registry is reachable: root-filesystem tarballs built once from files
# Debian packages install on this machine, cached under $LAB_CACHE/images, and `docker import`ed
# into every full host once its dockerd is up.
#   local/busybox:1   /bin/busybox from busybox-static plus its applet links
#   local/etcd:3.4    Debian's etcd at /usr/local/bin/etcd (as upstream images), with the glibc
#                     files it links against and a /tmp

image_tar() { # $1 = busybox|etcd -> cached tarball path, keyed by the binary's hash
  local bin key
  case $1 in
    busybox) bin=/bin/busybox ;;
    etcd)    bin=/usr/bin/etcd ;;
  esac
  key=$( { sha256sum "$bin"; cat "$LAB_LIB/images.sh"; } | sha256sum | cut -c1-8)
  printf '%s/images/%s-%s.tar' "$LAB_CACHE" "$1" "$key"
}

build_busybox_tar() {
  local out tmp
  out=$(image_tar busybox)
  [[ -f $out ]] && return 0
  [[ -x /bin/busybox ]] || die "/bin/busybox missing: apt-get install busybox-static"
  tmp=$(mktemp -d)
  mkdir -p "$tmp/bin" "$tmp/tmp" "$tmp/etc"
  cp /bin/busybox "$tmp/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [[ -e $tmp/bin/$applet ]] || ln -s busybox "$tmp/bin/$applet"
  done
  chmod 1777 "$tmp/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$tmp/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$tmp/etc/group"
  mkdir -p "$(dirname "$out")"
  tar -C "$tmp" -cf "$out.tmp" . && mv "$out.tmp" "$out"
  rm -rf "$tmp"
}

build_etcd_tar() {
  local out tmp lib
  out=$(image_tar etcd)
  [[ -f $out ]] && return 0
  [[ -x /usr/bin/etcd ]] || die "/usr/bin/etcd missing: apt-get install etcd-server"
  tmp=$(mktemp -d)
  mkdir -p "$tmp/usr/local/bin" "$tmp/tmp" "$tmp/var/lib/etcd"
  chmod 1777 "$tmp/tmp"
  cp /usr/bin/etcd "$tmp/usr/local/bin/etcd"
  # Copy exactly what the dynamic linker loads, at the same paths (libc.so.6, ld-linux).
  for lib in $(ldd /usr/bin/etcd | grep -o '/[^ ]*'); do
    mkdir -p "$tmp$(dirname "$lib")"
    cp -L "$lib" "$tmp$lib"
  done
  mkdir -p "$(dirname "$out")"
  tar -C "$tmp" -cf "$out.tmp" . && mv "$out.tmp" "$out"
  rm -rf "$tmp"
}

build_images() {
  build_busybox_tar
  build_etcd_tar
}

import_images() { # $1 = host (h1); runs the host's own docker client via nsenter
  local h=$1
  in_host "$h" docker import \
    -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - local/busybox:1 <"$(image_tar busybox)" >/dev/null
  in_host "$h" docker import \
    -c 'ENV PATH=/usr/local/bin:/bin' -c 'CMD ["/usr/local/bin/etcd"]' \
    - local/etcd:3.4 <"$(image_tar etcd)" >/dev/null
}
