#!/usr/bin/env bash
# Installs everything Segscope needs to build, test and run on Debian 12 (bookworm).
# Idempotent: does nothing when every package is already installed.
# Works as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache clang clang-format libclang-rt-14-dev
  # Qt 6.4 as Debian ships it
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
  libqt6sql6-sqlite qt6-svg-dev qtkeychain-qt6-dev
  libgl-dev libvulkan-dev
  # image pipeline
  libdeflate-dev zlib1g-dev
  # GUI tests, screenshots and packaging checks
  xvfb xauth imagemagick fonts-dejavu-core desktop-file-utils appstream
  # packages and icons: cpack's DEB generator runs dpkg-shlibdeps and file; render-icons.sh
  dpkg-dev file librsvg2-bin
  # used by tests and benchmarks
  curl python3
  # each test program's private session bus, and the keychain tests' Secret Service
  dbus dbus-daemon gnome-keyring libsecret-tools
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-debian-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
else
  command -v sudo >/dev/null || { echo "install-debian-deps: run as root or install sudo" >&2; exit 1; }
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
