#!/usr/bin/env bash
# Installs the coding agents that test/agents drives (versions pinned in
# test/agents/pinned-agents.json) into a cache outside the repo, one npm prefix per agent:
#   ${SWITCHBOARD_AGENTS_CACHE:-$HOME/.cache/switchboard/agents}/<id>-<version>/node_modules/.bin/<bin>
# Idempotent: an agent whose pinned version is already there is skipped. Each package brings its
# native binary as an optional dependency; the ones whose postinstall copies that binary into
# place (Claude Code, opencode) run their scripts, the others install with --ignore-scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${SWITCHBOARD_AGENTS_CACHE:-$HOME/.cache/switchboard/agents}"
mkdir -p "$cache"

node -e '
  const pins = require("./test/agents/pinned-agents.json")
  for (const [id, p] of Object.entries(pins))
    console.log([id, p.package, p.version, p.bin, p.postinstall ? "scripts" : "ignore-scripts"].join(" "))
' | while read -r id pkg version bin scripts; do
  prefix="$cache/$id-$version"
  # The marker is written last, so a broken or interrupted install is redone.
  if [ -f "$prefix/.installed" ] && [ -x "$prefix/node_modules/.bin/$bin" ]; then
    echo "install-agents: $pkg@$version present"
    continue
  fi
  echo "install-agents: installing $pkg@$version"
  # Earlier pins of this agent go: each install is a few hundred MB.
  for old in "$cache/$id"-*; do [ "$old" = "$prefix" ] || rm -rf "$old"; done
  rm -rf "$prefix"
  mkdir -p "$prefix"
  flags=(--prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --loglevel=error)
  [ "$scripts" = ignore-scripts ] && flags+=(--ignore-scripts)
  # A postinstall that starts the agent (opencode runs `--version`) makes its dirs here, not in ~.
  scratch="$prefix/.install-home"
  if ! XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
    XDG_STATE_HOME="$scratch/state" npm install "${flags[@]}" "$pkg@$version" >"$prefix/install.log" 2>&1; then
    cat "$prefix/install.log" >&2
    echo "install-agents: could not install $pkg@$version" >&2
    exit 1
  fi
  rm -rf "$scratch"
  touch "$prefix/.installed"
done
