#!/usr/bin/env bash
# Installs the Debian packages the end-to-end tests need, when they are not installed yet (CI runs
# as root on a fresh machine). Skips apt entirely when everything is there. See test/e2e/README.md.
#   chromium                             the browser that Playwright drives (never `playwright install`)
#   fonts-liberation, fonts-dejavu-core  text in the workbench and its screenshots
#   libkrb5-dev                          headers to build code-server's `kerberos` native module
#   ripgrep                              the `rg` binary packed for @vscode/ripgrep's postinstall
#   make, g++                            node-gyp builds (argon2, node-pty, kerberos, spdlog, ...)
set -euo pipefail

packages=(chromium fonts-liberation fonts-dejavu-core libkrb5-dev ripgrep make g++)

missing=()
for package in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system-deps: all present (${packages[*]})"
  exit 0
fi

sudo=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "system-deps: missing ${missing[*]}; run this script as root" >&2
    exit 1
  fi
fi

echo "system-deps: installing ${missing[*]}"
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# Recommends are left out: chromium's pull in desktop services that a headless run never uses.
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "system-deps: done in $((SECONDS - started)) s"
