#!/usr/bin/env bash
# Builds the deployable release into dist/: the `reserver` binary and, beside it, site/ with
# the hydration bundle (in pkg/<build id>/, named by pkg/bundle.txt: reserver.js,
# reserver_bg.wasm, each page's code in *.wasm chunks, their loader and
# __wasm_split_manifest.json; pkg/reserver.css; pkg/locales/*.ftl, the messages of each
# language) and public/.
# The binary finds dist/site by itself; copy the two together to deploy.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_DIR=${CARGO_TARGET_DIR:-target}
TOOLS_DIR=${RESERVER_TOOLS_DIR:-$HOME/.cache/reserver/tools}
DIST=dist
SITE=$DIST/site
NAME=reserver

echo "==> building the browser bundle (wasm32, profile wasm-release)"
# --emit-relocs keeps what wasm-split needs to cut the module along the lazy routes.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Clink-args=--emit-relocs" \
  cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
cargo build -p wasm-split-tool --release

rm -rf "$SITE.tmp" && mkdir -p "$SITE.tmp/pkg"
echo "==> splitting the lazy routes out of the first-load module"
"$TARGET_DIR/release/wasm-split" "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm" \
  "$SITE.tmp/pkg" "$NAME" > /dev/null
# The chunks import from the main module by its export names, which wasm-bindgen must keep.
wasm-bindgen --target web --out-dir "$SITE.tmp/pkg" --out-name "$NAME" --no-typescript \
  --keep-lld-exports --no-demangle "$SITE.tmp/pkg/${NAME}_split.wasm"
rm "$SITE.tmp/pkg/${NAME}_split.wasm"
echo "==> optimising the WASM for size (wasm-opt -Oz)"
# The main module and every chunk, two at a time (there are hundreds of small chunks); the
# chunks' name sections, which the output drops anyway, make wasm-opt warn once per chunk.
printf '%s\0' "$SITE.tmp/pkg"/*.wasm | xargs -0 -P 2 -I{} \
  "$TOOLS_DIR/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types {} -o {} 2>&1 |
  { grep -v '^warning: unknown name subsection' || true; } >&2
# The build's code goes in a folder named by its content, which the server names in pages
# (pkg/bundle.txt): a page loaded before an upgrade never fetches a chunk of the new build,
# whose pieces would not fit the module it runs, and browsers keep the code without asking.
BUILD_ID=$(cat "$SITE.tmp/pkg"/*.wasm "$SITE.tmp/pkg"/*.js | sha256sum | cut -c1-16)
mkdir "$SITE.tmp/pkg/$BUILD_ID"
mv "$SITE.tmp/pkg"/*.wasm "$SITE.tmp/pkg"/*.js "$SITE.tmp/pkg/__wasm_split_manifest.json" \
  "$SITE.tmp/pkg/$BUILD_ID/"
echo "$BUILD_ID" > "$SITE.tmp/pkg/bundle.txt"
cp style/main.css "$SITE.tmp/pkg/$NAME.css"
# The browser fetches only the language it shows (the server has all three built in).
mkdir -p "$SITE.tmp/pkg/locales" && cp app/locales/*.ftl "$SITE.tmp/pkg/locales/"
echo "==> pre-compressing the bundle (brotli q11, gzip -9); the server sends these as-is"
node -e '
  const fs = require("fs"), zlib = require("zlib");
  for (const f of process.argv.slice(1)) {
    const data = fs.readFileSync(f);
    fs.writeFileSync(f + ".br", zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(f + ".gz", zlib.gzipSync(data, { level: 9 }));
  }' "$SITE.tmp/pkg/$BUILD_ID"/*.wasm "$SITE.tmp/pkg/$BUILD_ID"/*.js "$SITE.tmp/pkg/$NAME.css" \
  "$SITE.tmp/pkg/locales"/*.ftl
cp -r public/. "$SITE.tmp/"

echo "==> building the server (release)"
cargo build -p server --release
mkdir -p "$DIST"
rm -rf "$SITE" && mv "$SITE.tmp" "$SITE"
cp "$TARGET_DIR/release/reserver" "$DIST/reserver"
echo "==> built $DIST/reserver and $SITE"
