#!/usr/bin/env bash
# Installs the Debian packages given as arguments when any is missing (needs root or sudo).
set -euo pipefail
missing=()
for package in "$@" python3-venv; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# python3-venv is only needed when the interpreter cannot make a virtualenv by itself.
if python3 -c 'import ensurepip, venv' 2>/dev/null; then
  missing=("${missing[@]/python3-venv}")
fi
read -r -a missing <<<"${missing[*]}"
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
