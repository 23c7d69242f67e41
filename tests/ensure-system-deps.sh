#!/bin/sh
# Debian packages the tests need: chromium for the browser tests (playwright's own browser
# download does not work offline), nginx and apache2 to run and check the shipped server
# configurations, openssl for a throwaway certificate in `nginx -t`.
# Installs what is missing when we are root; otherwise fails loudly with what to do.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/sbin/nginx ] || missing="$missing nginx"
[ -x /usr/sbin/apache2 ] || missing="$missing apache2"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Es fehlen Debian-Pakete:$missing – werden mit apt-get installiert …"
  apt-get update -qq
  # The packages' own services are not needed (the tests start nginx themselves): a policy-rc.d
  # keeps apt from starting them, so nothing listens on port 80 after the install.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || true
  [ -n "$policy_added" ] && rm -f /usr/sbin/policy-rc.d
  missing_after=""
  [ -x /usr/bin/chromium ] || missing_after="$missing_after chromium"
  [ -x /usr/sbin/nginx ] || missing_after="$missing_after nginx"
  [ -x /usr/sbin/apache2 ] || missing_after="$missing_after apache2"
  command -v openssl >/dev/null 2>&1 || missing_after="$missing_after openssl"
  [ -z "$missing_after" ] && exit 0
  missing="$missing_after"
fi
echo "FEHLER: es fehlen Debian-Pakete:$missing. Bitte installieren: sudo apt-get install$missing" >&2
exit 1
