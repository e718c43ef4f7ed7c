# Source this file: it puts the pinned Node and pnpm on PATH, installing them into .tools/ once.
# The machine's own Node may be older than the project needs, so the project brings its own.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_node_version="$(cat "$_root/.node-version")"
_pnpm_version="$(sed -n 's/.*"packageManager": "pnpm@\([0-9.]*\)".*/\1/p' "$_root/package.json")"
_tools="$_root/.tools"
if [ "$("$_tools/node_modules/.bin/node" --version 2>/dev/null)" != "v$_node_version" ] ||
   [ "$("$_tools/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$_pnpm_version" ]; then
  echo "toolchain: installing node $_node_version and pnpm $_pnpm_version into .tools/" >&2
  mkdir -p "$_tools"
  npm install --prefix "$_tools" --no-save --no-audit --no-fund --loglevel=error \
    "node@$_node_version" "pnpm@$_pnpm_version" >&2
fi
export PATH="$_tools/node_modules/.bin:$_root/node_modules/.bin:$PATH"
unset _root _node_version _pnpm_version _tools
