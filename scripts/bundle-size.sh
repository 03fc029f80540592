#!/usr/bin/env bash
# Prints the first-load size of the browser bundle in dist/site/pkg (after `make build`):
# raw, gzip -9 and brotli (quality 11), as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../dist/site/pkg"
node - reserver_bg.wasm reserver.js reserver.css <<'JS'
const fs = require("fs");
const zlib = require("zlib");
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const files = process.argv.slice(2);
let total = { raw: 0, gz: 0, br: 0 };
console.log("| file | raw | gzip | brotli |\n|---|---|---|---|");
for (const f of files) {
  const data = fs.readFileSync(f);
  const gz = zlib.gzipSync(data, { level: 9 }).length;
  const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total.raw += data.length; total.gz += gz; total.br += br;
  console.log(`| ${f} | ${kb(data.length)} | ${kb(gz)} | ${kb(br)} |`);
}
console.log(`| **total** | ${kb(total.raw)} | ${kb(total.gz)} | ${kb(total.br)} |`);
JS
