#!/usr/bin/env bash
# Sets up what is missing, builds the UI and launches the Waymark desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --prefix ui build
exec cargo run --release -p waymark-desktop "$@"
