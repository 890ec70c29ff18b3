#!/usr/bin/env bash
# Provides Debian's Chromium for the console's browser tests (driven by playwright-core; never a
# browser download). Sourced by scripts/test.
passage_chromium_provide() {
  command -v chromium >/dev/null 2>&1 && return 0
  echo "[chromium] not installed; installing Debian's chromium package" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >&2
}
