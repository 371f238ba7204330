#!/usr/bin/env bash
# Sets up what is missing and runs every test: formatting and lints, the UI's
# type check and unit tests, all Rust tests, and the end-to-end tests that drive
# the real desktop app under a virtual display.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh

echo "== UI: type check, unit tests, build"
npm run --prefix ui check
npm run --prefix ui test
npm run --prefix ui build

echo "== Rust: format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

echo "== Supply chain: licences, banned crates and sources; the UI's shipped packages"
# No network needed for these three (advisories are a release step: see the README).
cargo deny check licenses bans sources
# What ships in the app (not the build tools); there are no exceptions today.
npm audit --prefix ui --omit=dev

echo "== Rust: build every binary the tests run"
cargo build --workspace

echo "== Rust: all tests, end-to-end included (under Xvfb, with a credential store of their own)"
# Bounded, so a hung WebDriver call fails the run instead of stalling CI.
timeout --kill-after=1m 40m \
  dbus-run-session -- bash scripts/with-keyring.sh \
  xvfb-run -a -s "-screen 0 1280x900x24" cargo test --workspace

echo "== TypeScript types generated from Rust are committed and current"
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  echo "ui/src/bindings changed: the Rust types moved on; commit the regenerated files" >&2
  exit 1
fi
