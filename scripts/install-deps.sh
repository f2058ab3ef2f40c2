#!/usr/bin/env bash
# Installs, from Debian's packages, whatever ropa needs to build and test that is missing.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libsqlite3-dev libsqlitecpp-dev libspdlog-dev libgtest-dev libgmock-dev
  libcli11-dev nlohmann-json3-dev nettle-dev libxlsxwriter-dev
  # ropa serve: the HTTP server, and libsodium for its accounts (Argon2id) and session tokens
  libcpp-httplib-dev libsodium-dev
  # ropa serve's TLS (OpenSSL, which cpp-httplib is built with); the TLS test makes a certificate with openssl
  libssl-dev openssl
  # country names for the exports (ISO 3166-1), compiled in at build time
  iso-codes
  sqlite3 python3
  # the Python package's test installs it with pip into a virtual environment
  python3-pip python3-venv python3-setuptools python3-wheel
  # the tests validate JSON exports against the published schema and read XLSX exports back
  python3-jsonschema python3-openpyxl
  # the Markdown export is rendered by an independent Markdown processor (hostile names stay text)
  python3-markdown
  # the HTML export is printed to PDF with headless Chromium and read back with pdftotext
  chromium poppler-utils
  # ropa serve is driven in headless Chromium through Selenium
  chromium-driver python3-selenium
  # the XLSX export is opened with LibreOffice headless (its own reader, not only openpyxl)
  libreoffice-calc-nogui
  # the fuzz test builds libFuzzer targets with clang and its sanitizer runtimes
  clang libclang-rt-14-dev
)

# the dpv export's test installs jsonld.js from the npm registry: Node.js and npm, unless a
# Node.js with its own npm is there already (NodeSource's package bundles it)
if ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
