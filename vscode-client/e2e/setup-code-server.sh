#!/usr/bin/env bash
# A real VS Code for the end-to-end test: code-server 4.100.3 (VS Code 1.100.3, the last
# release that runs on Node 20) from the npm registry, with the steps its postinstall would
# take done by hand (they fail as root or download from the internet). Cached: a second run
# does nothing. Prints the code-server entry point.
set -euo pipefail
VERSION=4.100.3
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$HERE/.cache/code-server-$VERSION"
PKG="$ROOT/node_modules/code-server"
if [ -f "$ROOT/.ready" ]; then
  echo "$PKG/out/node/entry.js"
  exit 0
fi
for program in rg chromium; do
  command -v "$program" >/dev/null || { echo "setup-code-server: $program is missing (apt-get install ripgrep chromium)" >&2; exit 1; }
done
rm -rf "$ROOT"
mkdir -p "$ROOT"
cd "$ROOT"
export npm_config_loglevel=error npm_config_audit=false npm_config_fund=false
echo '{"name": "answerlint-e2e-code-server", "private": true}' > package.json
npm install --ignore-scripts "code-server@$VERSION" >&2
cd "$PKG/lib/vscode"
npm install --omit=dev --ignore-scripts >&2
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild >&2
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
(cd extensions && npm install --omit=dev >&2)
cd "$ROOT"  # npm hoists argon2 next to code-server
npm rebuild argon2 >&2
test -d node_modules/argon2/lib || { echo "setup-code-server: argon2 did not build" >&2; exit 1; }
touch "$ROOT/.ready"
echo "$PKG/out/node/entry.js"
