#!/usr/bin/env bash
# The first-load size of the smallest Leptos app shaped like Reserver's (hydrated, routed, one
# server function read through a Resource), built exactly as scripts/build-site.sh builds the
# real bundle: the framework's share of the 250 KB budget. Needs `make build` done once (for
# wasm-bindgen and wasm-opt). Prints raw and brotli (q11) sizes.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=../..
TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/reserver/target}
TOOLS_DIR=${RESERVER_TOOLS_DIR:-$HOME/.cache/reserver/tools}
# The versions Reserver itself builds with.
cp "$ROOT/Cargo.lock" Cargo.lock
CARGO_TARGET_DIR=$TARGET_DIR cargo build --lib --target wasm32-unknown-unknown --profile wasm-release
OUT=$(mktemp -d)
trap 'rm -rf "$OUT" Cargo.lock' EXIT
wasm-bindgen --target web --out-dir "$OUT" --out-name floor --no-typescript \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/leptos_floor.wasm"
"$TOOLS_DIR/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  "$OUT/floor_bg.wasm" -o "$OUT/floor_bg.wasm"
node -e '
  const fs = require("fs"), zlib = require("zlib");
  let total = 0;
  for (const f of process.argv.slice(1)) {
    const data = fs.readFileSync(f);
    const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    total += br;
    console.log(`${require("path").basename(f)}: ${(data.length / 1024).toFixed(1)} KB raw, ${(br / 1024).toFixed(1)} KB brotli`);
  }
  console.log(`total: ${(total / 1024).toFixed(1)} KB brotli`);' "$OUT/floor_bg.wasm" "$OUT/floor.js"
