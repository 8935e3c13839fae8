# shellcheck shell=bash
# Local images, since no registry is reachable: root-filesystem tarballs built once from files
# Debian packages install on this machine, cached under $LAB_CACHE/images, and `docker import`ed
# into every full host once its dockerd is up.
#   local/busybox:1   /bin/busybox from busybox-static plus its applet links
#   local/etcd:3.4    Debian's etcd and etcdctl at /usr/local/bin (as upstream images), with the
#                     glibc files they link against and a /tmp (ovl store runs etcdctl in it)
#   local/zookeeper:3.8  (only for a lab with --store zookeeper) Debian's ZooKeeper jars and their
#                     Class-Path closure, Debian's headless JRE 17 without JDK tools, busybox sh,
#                     and lib/zookeeper/{docker-entrypoint.sh,zkServer.sh}: the official image's
#                     ZOO_* conventions, /conf /data /datalog, `zkServer.sh start-foreground`

image_tar() { # $1 = busybox|etcd|zookeeper -> cached tarball path, keyed by the inputs' hashes
  local bin key
  case $1 in
    busybox) bin=/bin/busybox ;;
    etcd)    bin="/usr/bin/etcd /usr/bin/etcdctl" ;;
    zookeeper) bin="$ZK_JAVA_HOME/lib/server/libjvm.so $ZK_JAVA_HOME/lib/modules /usr/share/java/zookeeper.jar
                    /bin/busybox $LAB_LIB/zookeeper/docker-entrypoint.sh $LAB_LIB/zookeeper/zkServer.sh" ;;
  esac
  # shellcheck disable=SC2086 # bin is a list of files for etcd and zookeeper
  key=$( { sha256sum $bin; cat "$LAB_LIB/images.sh"; } | sha256sum | cut -c1-8)
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
  [[ -x /usr/bin/etcdctl ]] || die "/usr/bin/etcdctl missing: apt-get install etcd-client"
  tmp=$(mktemp -d)
  mkdir -p "$tmp/usr/local/bin" "$tmp/tmp" "$tmp/var/lib/etcd"
  chmod 1777 "$tmp/tmp"
  cp /usr/bin/etcd "$tmp/usr/local/bin/etcd"
  cp /usr/bin/etcdctl "$tmp/usr/local/bin/etcdctl"
  # Copy exactly what the dynamic linker loads, at the same paths (libc.so.6, ld-linux).
  for lib in $( { ldd /usr/bin/etcd; ldd /usr/bin/etcdctl; } | grep -o '/[^ ]*' | sort -u); do
    mkdir -p "$tmp$(dirname "$lib")"
    cp -L "$lib" "$tmp$lib"
  done
  mkdir -p "$(dirname "$out")"
  tar -C "$tmp" -cf "$out.tmp" . && mv "$out.tmp" "$out"
  rm -rf "$tmp"
}

# --- local/zookeeper:3.8 ---
ZK_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
# The JRE's native libraries for AWT, fonts, images, sound and smart cards: a server never loads
# them, and leaving them out leaves out what they link against (freetype, harfbuzz, glib, png,
# jpeg, lcms, alsa, pcsclite). Everything else of openjdk-17-jre-headless is copied.
ZK_JRE_DESKTOP_LIBS='libawt.so libawt_headless.so libfontmanager.so libjavajpeg.so libjsound.so liblcms.so'
ZK_JRE_DESKTOP_LIBS+=' libmlib_image.so libj2pcsc.so libsplashscreen.so'

manifest_class_path() { # $1 = jar -> the jars its manifest's Class-Path names, one per line
  busybox unzip -p "$1" META-INF/MANIFEST.MF 2>/dev/null | tr -d '\r' |
    awk '/^ / { cur = cur substr($0, 2); next } { if (cur != "") print cur; cur = $0 } END { if (cur != "") print cur }' |
    sed -n 's/^Class-Path: //p' | tr ' ' '\n' | grep . || true
}

jar_closure() { # jars... -> them and every jar their Class-Path names, transitively (existing only)
  local -A seen=()
  local queue=("$@") j x
  while (( ${#queue[@]} )); do
    j=${queue[0]} queue=("${queue[@]:1}")
    [[ -n ${seen[$j]:-} ]] && continue
    seen[$j]=1
    [[ -e $j ]] || continue # jline.jar: only zkCli.sh needs it, and Debian does not ship it
    for x in $(manifest_class_path "$j"); do queue+=("$x"); done
  done
  for j in "${!seen[@]}"; do [[ -e $j ]] && printf '%s\n' "$j"; done | sort
}

copy_with_libs() { # $1 = tree; $2... = ELF files already in the tree (paths as on this machine)
  local tmp=$1 lib
  shift
  for lib in $(for f in "$@"; do ldd "$f"; done | grep -o '/[^ ]*' | sort -u); do
    [[ -e $tmp$lib ]] && continue
    mkdir -p "$tmp$(dirname "$lib")"
    cp -L "$lib" "$tmp$lib"
  done
}

build_zookeeper_tar() {
  local out tmp f rel elves=() jar
  out=$(image_tar zookeeper)
  [[ -f $out ]] && return 0
  [[ -f /usr/share/java/zookeeper.jar ]] || die "/usr/share/java/zookeeper.jar missing: apt-get install zookeeper"
  [[ -x $ZK_JAVA_HOME/bin/java ]] || die "$ZK_JAVA_HOME/bin/java missing: apt-get install openjdk-17-jre-headless"
  tmp=$(mktemp -d)
  mkdir -p "$tmp/usr/share/java" "$tmp/apache-zookeeper/bin" "$tmp/conf" "$tmp/data" "$tmp/datalog" "$tmp/logs"
  # The JRE: the files of openjdk-17-jre-headless under JAVA_HOME (conf/ links into
  # /etc/java-17-openjdk are copied as files), without docs, man pages, JDK tools, bin/ other than
  # java, ct.sym (javac's) and the CDS archive for heaps over 32 GB.
  while read -r f; do
    rel=${f#"$ZK_JAVA_HOME"/}
    case $rel in
      bin/java) ;;
      bin/*|docs|docs/*|man/*|lib/ct.sym|lib/server/classes_nocoops.jsa) continue ;;
    esac
    case " $ZK_JRE_DESKTOP_LIBS " in *" ${rel#lib/} "*) continue ;; esac
    [[ -d $f ]] && continue
    [[ -e $f ]] || continue # dangling (docs, the cacerts link: ZooKeeper here speaks no TLS)
    mkdir -p "$tmp$(dirname "$f")"
    cp -L "$f" "$tmp$f"
    [[ $f == */bin/java || $f == *.so ]] && elves+=("$f")
  done < <(dpkg -L openjdk-17-jre-headless | grep "^$ZK_JAVA_HOME/")
  # Exactly the shared libraries java and the JRE's libraries load (libjvm.so is the JRE's own).
  copy_with_libs "$tmp" "${elves[@]}"
  # ZooKeeper: Debian's jar, its Class-Path closure, a logger binding (stderr) and servlet-api
  # (Jetty's, for the admin server when it is switched on).
  for jar in $(jar_closure /usr/share/java/zookeeper.jar /usr/share/java/slf4j-simple.jar /usr/share/java/servlet-api.jar); do
    cp -L "$jar" "$tmp/usr/share/java/$(basename "$jar")"
  done
  # busybox sh and its applets, as local/busybox:1
  mkdir -p "$tmp/bin" "$tmp/tmp" "$tmp/etc"
  chmod 1777 "$tmp/tmp"
  cp /bin/busybox "$tmp/bin/busybox"
  for f in $(/bin/busybox --list); do [[ -e $tmp/bin/$f ]] || ln -s busybox "$tmp/bin/$f"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$tmp/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$tmp/etc/group"
  install -m 755 "$LAB_LIB/zookeeper/docker-entrypoint.sh" "$tmp/docker-entrypoint.sh"
  install -m 755 "$LAB_LIB/zookeeper/zkServer.sh" "$tmp/apache-zookeeper/bin/zkServer.sh"
  mkdir -p "$(dirname "$out")"
  tar -C "$tmp" -cf "$out.tmp" . && mv "$out.tmp" "$out"
  rm -rf "$tmp"
}

build_images() { # $1 = store of the lab (etcd|zookeeper)
  build_busybox_tar
  build_etcd_tar
  if [[ ${1:-etcd} == zookeeper ]]; then build_zookeeper_tar; fi
}

import_images() { # $1 = host (h1), $2 = store (etcd|zookeeper); runs the host's own docker client via nsenter
  local h=$1
  if [[ ${2:-etcd} == zookeeper ]]; then
    in_host "$h" docker import \
      -c "ENV PATH=/apache-zookeeper/bin:$ZK_JAVA_HOME/bin:/bin" -c "ENV JAVA_HOME=$ZK_JAVA_HOME" \
      -c 'ENV ZOO_CONF_DIR=/conf' -c 'ENV ZOO_DATA_DIR=/data' -c 'ENV ZOO_DATA_LOG_DIR=/datalog' \
      -c 'WORKDIR /apache-zookeeper' -c 'ENTRYPOINT ["/docker-entrypoint.sh"]' \
      -c 'CMD ["zkServer.sh", "start-foreground"]' \
      - local/zookeeper:3.8 <"$(image_tar zookeeper)" >/dev/null
  fi
  in_host "$h" docker import \
    -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - local/busybox:1 <"$(image_tar busybox)" >/dev/null
  # Also under the public name ovl net verify defaults to, as `docker pull busybox` would leave it.
  in_host "$h" docker tag local/busybox:1 busybox:latest
  in_host "$h" docker import \
    -c 'ENV PATH=/usr/local/bin:/bin' -c 'CMD ["/usr/local/bin/etcd"]' \
    - local/etcd:3.4 <"$(image_tar etcd)" >/dev/null
}
