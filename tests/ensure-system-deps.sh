#!/bin/sh
# Debian packages the site needs (offline: nothing is downloaded at build or test time).
#   sh tests/ensure-system-deps.sh build   – building: WeasyPrint's Pango/HarfBuzz and the fonts
#                                            of the PDFs (fonts-noto-core: Latin, Cyrillic, Arabic)
#   sh tests/ensure-system-deps.sh         – testing: the above plus Debian's chromium (playwright's
#                                            own browser download does not work offline), nginx and
#                                            apache2 to run and check the shipped server
#                                            configurations, openssl for a throwaway certificate
# Installs what is missing when we are root; otherwise fails loudly with what to do.
set -eu
BUILD_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core"
packages="$BUILD_PACKAGES"
[ "${1:-test}" = "build" ] || packages="$packages chromium nginx apache2 openssl"

missing_packages() {
  missing=""
  for pkg in $packages; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  echo "$missing"
}

missing=$(missing_packages)
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Es fehlen Debian-Pakete:$missing – werden mit apt-get installiert …"
  apt-get update -qq
  # The packages' own services are not needed (the tests start nginx themselves): a policy-rc.d
  # keeps apt from starting them, so nothing listens on port 80 after the install.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || true
  [ -n "$policy_added" ] && rm -f /usr/sbin/policy-rc.d
  missing=$(missing_packages)
  [ -z "$missing" ] && exit 0
fi
echo "FEHLER: es fehlen Debian-Pakete:$missing. Bitte installieren: sudo apt-get install$missing" >&2
exit 1
