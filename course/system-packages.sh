#!/usr/bin/env bash
# Debian packages the course needs beyond Python (installed by `make setup`, once):
#   bubblewrap  the autograder's sandbox (bwrap)
#   chromium    the browser test drives Debian's Chromium through Playwright
set -euo pipefail
PACKAGES=(bubblewrap chromium)
BINARIES=(bwrap chromium)

missing=()
for i in "${!PACKAGES[@]}"; do
  command -v "${BINARIES[$i]}" >/dev/null 2>&1 || missing+=("${PACKAGES[$i]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "The course needs these system packages: ${missing[*]}. Install them with your package manager, then run make again." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "The course needs: ${missing[*]}. Run as root: apt-get install -y ${missing[*]}; then run make again." >&2
    exit 1
  fi
fi
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
