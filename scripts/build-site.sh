#!/usr/bin/env bash
# Builds the deployable release into dist/: the `reserver` binary and, beside it, site/ with
# the hydration bundle (pkg/reserver.js, pkg/reserver_bg.wasm, pkg/reserver.css) and public/.
# The binary finds dist/site by itself; copy the two together to deploy.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_DIR=${CARGO_TARGET_DIR:-target}
TOOLS_DIR=${RESERVER_TOOLS_DIR:-$HOME/.cache/reserver/tools}
DIST=dist
SITE=$DIST/site
NAME=reserver

echo "==> building the browser bundle (wasm32, profile wasm-release)"
cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release

rm -rf "$SITE.tmp" && mkdir -p "$SITE.tmp/pkg"
wasm-bindgen --target web --out-dir "$SITE.tmp/pkg" --out-name "$NAME" --no-typescript \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"
echo "==> optimising the WASM for size (wasm-opt -Oz)"
"$TOOLS_DIR/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  "$SITE.tmp/pkg/${NAME}_bg.wasm" -o "$SITE.tmp/pkg/${NAME}_bg.wasm"
cp style/main.css "$SITE.tmp/pkg/$NAME.css"
echo "==> pre-compressing the bundle (brotli q11, gzip -9); the server sends these as-is"
node -e '
  const fs = require("fs"), zlib = require("zlib");
  for (const f of process.argv.slice(1)) {
    const data = fs.readFileSync(f);
    fs.writeFileSync(f + ".br", zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(f + ".gz", zlib.gzipSync(data, { level: 9 }));
  }' "$SITE.tmp/pkg/${NAME}_bg.wasm" "$SITE.tmp/pkg/$NAME.js" "$SITE.tmp/pkg/$NAME.css"
cp -r public/. "$SITE.tmp/"

echo "==> building the server (release)"
cargo build -p server --release
mkdir -p "$DIST"
rm -rf "$SITE" && mv "$SITE.tmp" "$SITE"
cp "$TARGET_DIR/release/reserver" "$DIST/reserver"
echo "==> built $DIST/reserver and $SITE"
