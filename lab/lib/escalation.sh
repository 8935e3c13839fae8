# shellcheck shell=bash
# Hosts whose privilege escalation is not passwordless sudo (lab/up --sudo-password, --doas), as
# operators have them. Applied inside a running host, into its own overlay upper layer.

# The password of user ovl on --sudo-password hosts: one per lab, made by up, mode 0600. Letters
# and digits, then a space and shell quote characters, so a password that a shell would mangle is
# what ovl must pass untouched.
sudo_password_file() { printf '%s/sudo-password' "$LAB_STATE"; }

write_sudo_password() {
  local f
  f=$(sudo_password_file)
  (umask 077; printf '%s %s\n' "$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 16 || true)" "\$'\"!" >"$f")
}

# User ovl gets the lab's password and a sudoers rule without NOPASSWD: sudo asks for it (on
# stdin with -S, as ovl's become-password-env gives it). Root's login is unchanged.
setup_sudo_password() { # $1 = hK
  local h=$1
  { printf 'ovl:'; cat "$(sudo_password_file)"; } | in_host "$h" chpasswd
  in_host "$h" sh -c 'printf "ovl ALL=(ALL) ALL\n" >/etc/sudoers.d/ovl && chmod 0440 /etc/sudoers.d/ovl'
}

# Debian's doas (package opendoas; 'doas' is its transitional name) from this machine's apt, cached once; the lab trees have no network.
doas_deb() {
  local dir=$LAB_CACHE/debs deb
  mkdir -p "$dir"
  deb=$(find "$dir" -maxdepth 1 -name 'opendoas_*.deb' | sort | tail -n 1)
  if [[ -z $deb ]]; then
    (cd "$dir" && { apt-get download -qq -o APT::Sandbox::User=root opendoas >/dev/null ||
      { apt-get update -qq && apt-get download -qq -o APT::Sandbox::User=root opendoas >/dev/null; }; }) ||
      die "apt-get download opendoas failed"
    deb=$(find "$dir" -maxdepth 1 -name 'opendoas_*.deb' | sort | tail -n 1)
  fi
  [[ -n $deb ]] || die "no opendoas package in $dir"
  printf '%s' "$deb"
}

# doas installed with `permit nopass ovl as root`, and ovl's sudo rule removed: on this host
# ovl becomes root through doas only, so a test that works there did not use sudo.
setup_doas() { # $1 = hK, $2 = the .deb
  local h=$1 deb=$2
  in_host "$h" sh -c 'cat >/tmp/ovl-lab-doas.deb' <"$deb"
  in_host "$h" sh -c 'DEBIAN_FRONTEND=noninteractive dpkg -i /tmp/ovl-lab-doas.deb >/dev/null && rm -f /tmp/ovl-lab-doas.deb'
  in_host "$h" sh -c 'printf "permit nopass ovl as root\n" >/etc/doas.conf && chmod 0400 /etc/doas.conf && rm -f /etc/sudoers.d/ovl'
}

# "h2,h4" -> "h2 h4": full hosts only, each once, in host order; $2 names the option for errors.
pick_full_hosts() { # $1 = list, $2 = option, $3 = number of full hosts
  local list=$1 opt=$2 n=$3 out="" k m
  [[ -n $list ]] || return 0
  local wanted
  IFS=, read -ra wanted <<<"$list"
  for m in "${wanted[@]}"; do
    [[ $m =~ ^h([1-9][0-9]*)$ && ${BASH_REMATCH[1]} -le $n ]] ||
      die "$opt entry '$m': name full hosts h1..h$n"
  done
  for (( k = 1; k <= n; k++ )); do
    for m in "${wanted[@]}"; do [[ $m == "h$k" ]] && { out+="h$k "; break; }; done
  done
  printf '%s' "${out% }"
}
