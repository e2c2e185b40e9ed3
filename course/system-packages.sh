#!/usr/bin/env bash
# Debian packages the course needs beyond Python, for grading and the test suite only
# (`make lab` needs none of them):
#   bubblewrap  the autograder's sandbox (bwrap): `make grade`, `make test`
#   chromium    the browser test drives Debian's Chromium through Playwright: `make test`
# Usage: course/system-packages.sh [PACKAGE...]   (default: both). Installs what is missing with
# apt-get where it can (as root, or with sudo); otherwise prints one message saying what to
# install, and exits 1.
set -euo pipefail
binary() { case "$1" in bubblewrap) echo bwrap ;; *) echo "$1" ;; esac; }   # bash 3.2 (macOS): no associative arrays
if [ $# -eq 0 ]; then PACKAGES=(bubblewrap chromium); else PACKAGES=("$@"); fi

missing=()
for p in "${PACKAGES[@]}"; do
  command -v "$(binary "$p")" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

why="grading and the test suite need: ${missing[*]} (\`make lab\` does not)."
if [ "$(uname -s)" != Linux ]; then
  echo "Missing system packages: $why bubblewrap exists only on Linux: grade and run the test suite on a Linux machine (or pass --no-sandbox to make grade, at your own risk)." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
if ! command -v apt-get >/dev/null 2>&1 || { [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; }; then
  echo "Missing system packages: $why Install them with your package manager (Debian/Ubuntu, as root: apt-get install -y ${missing[*]}), then run make again." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
