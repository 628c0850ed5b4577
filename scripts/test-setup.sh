#!/usr/bin/env bash
# Ensures the system tools the tests need: Chromium (Playwright runs /usr/bin/chromium)
# and Dovecot with IMAP (e2e/fixtures/dovecot.ts starts its own instance on a high port).
set -euo pipefail

PKGS="chromium dovecot-imapd"

have_all() {
  [ -x /usr/bin/chromium ] || return 1
  # dovecot lives in /usr/sbin, which is not on every user's PATH
  command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || return 1
  # dovecot-core alone has no IMAP server; the imap binary comes from dovecot-imapd
  [ -x /usr/lib/dovecot/imap ] || [ -x /usr/libexec/dovecot/imap ] || return 1
}

if have_all; then
  echo "test-setup: chromium and dovecot present"
  exit 0
fi

if [ ! -f /etc/debian_version ] || [ "$(id -u)" != 0 ]; then
  echo "test-setup: please install Debian packages $PKGS (apt-get install $PKGS)" >&2
  exit 1
fi

echo "test-setup: installing $PKGS"
apt-get update
# shellcheck disable=SC2086 # word splitting of PKGS is intended
DEBIAN_FRONTEND=noninteractive apt-get install -y $PKGS

# Installing dovecot-imapd may start the system Dovecot on port 143. Stop only that one:
# the init script and `dovecot stop` without -c both act on the default config, whose
# base_dir (/run/dovecot) differs from the temp base_dirs our tests use.
service dovecot stop >/dev/null 2>&1 || true
systemctl stop dovecot >/dev/null 2>&1 || true
dovecot stop >/dev/null 2>&1 || /usr/sbin/dovecot stop >/dev/null 2>&1 || true

if ! have_all; then
  echo "test-setup: install finished but chromium/dovecot still missing; please install $PKGS" >&2
  exit 1
fi
echo "test-setup: chromium and dovecot present"
