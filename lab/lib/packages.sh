# shellcheck shell=bash
# The Debian packages that building ovl and running the lab need on this machine; the list lives
# in lab/packages.txt (also read by .ci/run). Used by lab/up and lab/deps.
ensure_packages() {
  local missing=() p
  for p in $(grep -v '^#' "$LAB_DIR/packages.txt"); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  (( ${#missing[@]} == 0 )) && return 0
  log "installing missing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
    die "could not install: ${missing[*]} (apt-get install -y ${missing[*]})"
}
