#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, run and test Waymark.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config file curl
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev libxdo-dev
  webkit2gtk-driver xvfb xauth dbus-x11 xdotool gnome-keyring
  nodejs npm
  poppler-utils python3-docx libreoffice-writer-nogui imagemagick
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# Node may come from elsewhere than Debian (nvm, NodeSource): accept any node >= 20.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: installing Rust through rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt
  export PATH="$HOME/.cargo/bin:$PATH"
fi

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

if ! cargo deny --version >/dev/null 2>&1; then
  echo "setup: installing cargo-deny"
  cargo install cargo-deny --locked --quiet
fi

echo "setup: installing the UI's npm packages"
npm ci --prefix ui --no-audit --no-fund --loglevel=error

# The date tests run the app under a US and a British locale (tests/tests/e2e_dates.rs).
if ! { locale -a | grep -qix 'en_GB\.utf-\?8' && locale -a | grep -qix 'en_US\.utf-\?8'; }; then
  echo "setup: generating the en_GB.UTF-8 and en_US.UTF-8 locales"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if ! dpkg -s locales >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends locales
  fi
  if [ -f /etc/locale.gen ]; then
    $SUDO sed -i -E 's/^# *((en_GB|en_US)\.UTF-8 UTF-8)/\1/' /etc/locale.gen
    $SUDO locale-gen
  else
    $SUDO locale-gen en_GB.UTF-8 en_US.UTF-8 # Ubuntu: named, not read from /etc/locale.gen
  fi
fi
