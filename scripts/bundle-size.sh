#!/usr/bin/env bash
# Prints the first-load size of the browser bundle in dist/site/pkg (after `make build`) as
# Markdown tables, raw, gzip -9 and brotli (quality 11): the files every page loads (main
# module, its JS, the chunk loader, the CSS, the page language's messages), then for each group
# of pages (app/src/ui/routes.rs) the chunks it loads (from __wasm_split_manifest.json) and a
# first visit's whole download. The last line names the heaviest.
set -euo pipefail
cd "$(dirname "$0")/../dist/site/pkg"
BUILD=$(cat bundle.txt) node - <<'JS'
const fs = require("fs");
// The build's code is in its own folder (scripts/build-site.sh); the rows name the files alone.
const code = (f) => `${process.env.BUILD}/${f}`;
const zlib = require("zlib");
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const sizes = (f) => {
  const data = fs.readFileSync(f);
  return {
    raw: data.length,
    gz: zlib.gzipSync(data, { level: 9 }).length,
    br: zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const add = (a, b) => ({ raw: a.raw + b.raw, gz: a.gz + b.gz, br: a.br + b.br });
const zero = { raw: 0, gz: 0, br: 0 };
const row = (name, s) => `| ${name} | ${kb(s.raw)} | ${kb(s.gz)} | ${kb(s.br)} |`;

const loader = fs.readdirSync(process.env.BUILD).filter((f) => f.startsWith("__wasm_split.") && f.endsWith(".js"));
// A page also fetches the messages of its language (English measured; es and fr are a little longer).
const base = [...["reserver_bg.wasm", "reserver.js", ...loader].map(code), "reserver.css", "locales/en.ftl"];
let shared = zero;
console.log("| every page loads | raw | gzip | brotli |\n|---|---|---|---|");
for (const f of base) {
  const s = sizes(f);
  shared = add(shared, s);
  console.log(row(f.replace(`${process.env.BUILD}/`, ""), s));
}
console.log(row("**total**", shared));

const manifest = fs.existsSync(code("__wasm_split_manifest.json"))
  ? JSON.parse(fs.readFileSync(code("__wasm_split_manifest.json"), "utf8"))
  : {};
const splits = Object.entries(manifest)
  .map(([split, stems]) => {
    const chunks = [...new Set(stems)].map((stem) => sizes(code(`${stem}.wasm`))).reduce(add, zero);
    return { page: split, chunks, first: add(shared, chunks) };
  })
  .sort((a, b) => b.first.br - a.first.br);
// Page groups are named `*_page` or `*_pages` (routes.rs); any other split is a piece a page
// loads after the page is up (the booking dialog) or when it is first used (the command
// palette), not part of a first load.
const pages = splits.filter((s) => /_pages?$/.test(s.page));
const onUse = splits.filter((s) => !/_pages?$/.test(s.page));
if (pages.length > 0) {
  console.log("\n| pages (lazy group) | its chunks, brotli | first load, raw | gzip | brotli |\n|---|---|---|---|---|");
  for (const p of pages) {
    console.log(`| ${p.page} | ${kb(p.chunks.br)} | ${kb(p.first.raw)} | ${kb(p.first.gz)} | ${kb(p.first.br)} |`);
  }
  console.log(`\nHeaviest first load: ${pages[0].page}, ${kb(pages[0].first.br)} brotli.`);
}
if (onUse.length > 0) {
  console.log("\n| loaded after the page or on first use | its chunks, brotli (some shared with the page's) |\n|---|---|");
  for (const s of onUse) console.log(`| ${s.page} | ${kb(s.chunks.br)} |`);
}
JS
