#!/usr/bin/env bash
# Installs code-server (the VS Code server and web workbench, from npm) for the end-to-end tests and
# links it as .e2e/code-server; reuses a finished install (marker file). See test/e2e/README.md.
#
# Why npm and not a desktop VS Code: these machines reach only the npm registry and Debian's
# archive, so @vscode/test-electron cannot download VS Code. code-server's npm tarball carries the
# real VS Code 1.100 server, workbench and extension host.
#
# Why the files live outside the repo, behind the .e2e/code-server symlink: VS Code gives the
# extension under development (extensionDevelopmentPath = the repo root) the first color, file icon
# and product icon themes found *under its folder*. With code-server's built-in extensions inside
# the repo, that is theme-defaults' Light+ and Minimal icons, whatever the settings say (seen here).
# Outside, the pinned settings apply. It also lets every clone on a machine (CI uses a fresh one)
# share one install.
#
# Needs: Node 20 (code-server 4.100.x refuses other majors), and the Debian packages from
# scripts/e2e/system-deps.sh (ripgrep for @vscode/ripgrep's binary, libkrb5-dev to build kerberos).
#
# Environment:
#   CODE_SERVER_VERSION    default 4.100.3 (4.104.0 also installs, but needs Node 22)
#   E2E_CODE_SERVER_HOME   where the files go; default ${XDG_CACHE_HOME:-~/.cache}/product-docs-e2e/code-server-<version>
#   E2E_DIR                default <repo>/.e2e (holds the code-server link and the install log)
#   E2E_FORCE_INSTALL=1    reinstall even when the marker file is present
set -euo pipefail

version="${CODE_SERVER_VERSION:-4.100.3}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
e2e_dir="${E2E_DIR:-$repo_root/.e2e}"
link="$e2e_dir/code-server"
install_dir="${E2E_CODE_SERVER_HOME:-${XDG_CACHE_HOME:-${HOME:?set HOME or E2E_CODE_SERVER_HOME}/.cache}/product-docs-e2e/code-server-$version}"
marker="$install_dir/.installed-$version"
package_dir="$install_dir/node_modules/code-server"
entry="$package_dir/out/node/entry.js"
log_file="$e2e_dir/install-code-server.log"

mkdir -p "$e2e_dir" "$(dirname "$install_dir")"
link_install() {
  # An install from before the symlink layout is a real folder: replace it.
  if [[ -e "$link" && ! -L "$link" ]]; then rm -rf "$link"; fi
  ln -sfn "$install_dir" "$link"
}
case "$(cd "$(dirname "$install_dir")" && pwd -P)/" in
  "$(cd "$repo_root" && pwd -P)/"*)
    echo "install-code-server: warning: $install_dir is inside the repo; screenshots get the dev-location themes" >&2 ;;
esac

# Two clones installing at once would share the folder: one waits for the other.
exec 9>"$install_dir.lock"
flock 9

if [[ "${E2E_FORCE_INSTALL:-}" != 1 && -f "$marker" && -f "$entry" ]]; then
  link_install
  echo "code-server $version already installed in $install_dir (linked as $link)"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads its binary from GitHub, which is unreachable here, unless
# its cache already holds the archive. The versions are those pinned in code-server's
# lib/vscode/npm-shrinkwrap.json (@vscode/ripgrep) and in that package's lib/postinstall.js (asset).
case "$version" in
  4.100.*) ripgrep_package_version=1.15.11 ripgrep_asset_version=v13.0.0-10 node_major=20 ;;
  4.104.*) ripgrep_package_version=1.15.14 ripgrep_asset_version=v13.0.0-13 node_major=22 ;;
  *)
    echo "install-code-server: no known ripgrep cache versions for code-server $version;" >&2
    echo "set RIPGREP_PACKAGE_VERSION and RIPGREP_ASSET_VERSION (see the comment above)" >&2
    ripgrep_package_version="${RIPGREP_PACKAGE_VERSION:?}"
    ripgrep_asset_version="${RIPGREP_ASSET_VERSION:?}"
    node_major="${CODE_SERVER_NODE_MAJOR:-20}"
    ;;
esac

actual_node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [[ "$actual_node_major" != "$node_major" ]]; then
  echo "install-code-server: code-server $version needs Node $node_major, this is Node $(node -v)" >&2
  exit 1
fi
for tool in rg krb5-config make g++ python3 tar; do
  if ! command -v "$tool" >/dev/null; then
    echo "install-code-server: '$tool' is missing; run scripts/e2e/system-deps.sh first" >&2
    exit 1
  fi
done

started=$SECONDS
echo "Installing code-server $version into $install_dir (log: $log_file)"
case "$install_dir" in
  / | "$HOME" | "$repo_root") echo "install-code-server: refusing to replace $install_dir" >&2; exit 1 ;;
esac
rm -rf "$install_dir"
mkdir -p "$install_dir" "$e2e_dir/tmp"

# A private TMPDIR, so the ripgrep cache below is the one the postinstall looks at and nothing is
# left in the machine's /tmp.
export TMPDIR="$e2e_dir/tmp"
ripgrep_cache="$TMPDIR/vscode-ripgrep-cache-$ripgrep_package_version"
mkdir -p "$ripgrep_cache"
rg_stage="$(mktemp -d)"
cp "$(command -v rg)" "$rg_stage/rg"
tar -czf "$ripgrep_cache/ripgrep-$ripgrep_asset_version-x86_64-unknown-linux-musl.tar.gz" -C "$rg_stage" rg
rm -rf "$rg_stage"

# npm 11.19 reviews dependency install scripts: a package named with `false` in allowScripts is
# skipped, an unnamed one runs with an "install-scripts ... not yet covered by allowScripts" warning,
# and fails the install under strict-allow-scripts. code-server's own postinstall and argon2's build
# are approved below in our package.json. code-server's postinstall then runs `npm install` in
# lib/vscode and lib/vscode/extensions (project-scoped installs with code-server's package.json):
# those build node-pty, kerberos, spdlog, ... and unpack ripgrep, and they run as "not yet covered"
# with that warning. They cannot be approved from here: npm exports its config to the scripts' env,
# so an allow-scripts setting at this level (flag, env or .npmrc) reaches the nested npm as
# npm_config_allow_scripts, which npm rejects in a project-scoped install (EALLOWSCRIPTS, seen).
# So strict-allow-scripts and ignore-scripts are forced off instead (the env layer beats a user's
# .npmrc), and the checks after the install prove that every script ran.
cat >"$install_dir/package.json" <<EOF
{
  "name": "product-docs-e2e-code-server",
  "private": true,
  "description": "code-server for the end-to-end tests; installed by scripts/e2e/install-code-server.sh",
  "dependencies": { "code-server": "$version" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
unset npm_config_allow_scripts NPM_CONFIG_ALLOW_SCRIPTS
export npm_config_strict_allow_scripts=false
export npm_config_ignore_scripts=false
# code-server's postinstall refuses to run as root unless this is in its env. npm 11 itself no longer
# knows the setting and warns 'Unknown env config "unsafe-perm"': harmless.
export npm_config_unsafe_perm=true
# node-pty's install runs `npx node-gyp`, which would otherwise wait for a "Need to install" answer.
export npm_config_yes=true
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Scripts' output goes to the log, so a failure shows which package broke.
export npm_config_foreground_scripts=true

# argon2's prebuilt download fails (no GitHub here) and it then builds from source by itself.
if ! (cd "$install_dir" && npm install --no-package-lock --omit=dev) >"$log_file" 2>&1; then
  echo "install-code-server: npm install failed; the last lines of $log_file:" >&2
  tail -n 60 "$log_file" >&2
  exit 1
fi

# Check that the install scripts really ran: each of these is produced by one of them.
missing=0
for produced in \
  lib/vscode/node_modules/@vscode/ripgrep/bin/rg \
  lib/vscode/node_modules/node-pty/build/Release/pty.node \
  lib/vscode/node_modules/kerberos/build/Release/kerberos.node \
  lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node \
  lib/vscode/node_modules.asar \
  lib/vscode/extensions/node_modules; do
  if [[ ! -e "$package_dir/$produced" ]]; then
    echo "install-code-server: missing $produced: an install script did not run" >&2
    missing=1
  fi
done
if ! (cd "$package_dir" && node -e 'require("argon2")') 2>>"$log_file"; then
  echo "install-code-server: argon2 does not load: its build did not run" >&2
  missing=1
fi
if [[ $missing == 1 ]]; then
  grep -n -i -E "install-scripts|allowScripts|ERR" "$log_file" | tail -n 30 >&2 || true
  exit 1
fi

# Start it once: a broken native module shows up here rather than as a test timeout.
smoke_dir="$(mktemp -d)"
trap 'rm -rf "$smoke_dir"' EXIT
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
HOME="$smoke_dir" XDG_CONFIG_HOME="$smoke_dir/config" XDG_DATA_HOME="$smoke_dir/data" \
  setsid node "$entry" --auth none --bind-addr "127.0.0.1:$port" \
  --config "$smoke_dir/config.yaml" --user-data-dir "$smoke_dir/user-data" \
  --extensions-dir "$smoke_dir/extensions" --disable-telemetry --disable-update-check \
  >"$smoke_dir/server.log" 2>&1 &
server_pid=$!
healthy=0
for _ in $(seq 1 60); do
  if grep -q "HTTP server listening on" "$smoke_dir/server.log" &&
     node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
       "http://127.0.0.1:$port/healthz"; then
    healthy=1
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
kill -- "-$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
if [[ $healthy != 1 ]]; then
  echo "install-code-server: code-server did not start; its log:" >&2
  cat "$smoke_dir/server.log" >&2
  exit 1
fi

rm -rf "$e2e_dir/tmp"
echo "$version" >"$marker"
link_install
echo "code-server $version installed and started in $((SECONDS - started)) s ($(du -sh "$install_dir" | cut -f1)), linked as $link"
