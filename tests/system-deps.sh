#!/usr/bin/env bash
# Installs the Debian packages the portal needs, only when something is missing.
#   tests/system-deps.sh runtime   what the running portal needs (PDFs, translations)
#   tests/system-deps.sh test      that, plus what the tests need (PostgreSQL, Chromium, poppler,
#                                  haproxy for the several-app-servers test)
set -euo pipefail
mode=${1:-test}
packages=()
# Read the library cache once: `ldconfig -p | grep -q` fails under pipefail when grep stops early.
libraries=$(ldconfig -p)
command -v msgfmt >/dev/null || packages+=(gettext)
grep -q libharfbuzz-subset <<<"$libraries" || packages+=(libharfbuzz-subset0)
grep -q libpangoft2-1.0 <<<"$libraries" || packages+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "$mode" = test ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
  command -v chromium >/dev/null || packages+=(chromium)
  command -v pdftoppm >/dev/null || packages+=(poppler-utils)
  [ -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] || packages+=(fonts-noto-core)
  [ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null || packages+=(haproxy)
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
echo "Installerar Debian-paket: ${packages[*]}"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
