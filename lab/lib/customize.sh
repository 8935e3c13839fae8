# shellcheck shell=bash
# Runs once per cached tree, chrooted into it (see build_layer in rootfs.sh). Changing this
# file changes the cache key, so every machine rebuilds the layer on its next `lab/up`.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $LAYER_PACKAGES
apt-get clean
rm -rf /var/lib/apt/lists/*

# A non-root user with passwordless sudo and NOT in the docker group: ovl must use `sudo -n`.
id ovl >/dev/null 2>&1 || useradd --create-home --shell /bin/bash ovl
printf 'ovl ALL=(ALL) NOPASSWD:ALL\n' >/etc/sudoers.d/ovl
chmod 0440 /etc/sudoers.d/ovl
install -d -m 700 -o ovl -g ovl /home/ovl/.ssh
install -d -m 700 /root/.ssh

# Every host makes its own host keys at boot (lab/lib/boot-host.sh); none may be shared.
rm -f /etc/ssh/ssh_host_*
cat >/etc/ssh/sshd_config.d/ovl-lab.conf <<'CONF'
HostKey /etc/ssh/ssh_host_ed25519_key
HostKey /etc/ssh/ssh_host_ecdsa_key
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UseDNS no
CONF

# An empty machine-id makes systemd create a fresh one per boot, so hosts differ.
: >/etc/machine-id
rm -f /var/lib/dbus/machine-id

# Units that cannot work, or would change the whole machine, inside a namespace.
for unit in getty@tty1.service console-getty.service serial-getty@.service getty.target \
            systemd-modules-load.service systemd-sysctl.service systemd-udevd.service \
            systemd-udev-trigger.service systemd-hwdb-update.service sys-kernel-debug.mount \
            sys-kernel-tracing.mount sys-kernel-config.mount sys-fs-fuse-connections.mount \
            systemd-journald-audit.socket e2scrub_reap.service e2scrub_all.timer \
            systemd-firstboot.service systemd-binfmt.service proc-sys-fs-binfmt_misc.automount \
            systemd-remount-fs.service apt-daily.timer apt-daily-upgrade.timer fstrim.timer \
            systemd-ask-password-console.path systemd-ask-password-wall.path; do
  ln -sf /dev/null "/etc/systemd/system/$unit"
done
systemctl set-default multi-user.target >/dev/null 2>&1 || true
