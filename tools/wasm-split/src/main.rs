//! `wasm-split <input.wasm> <pkg dir> <name>`: splits the browser bundle built with
//! `--emit-relocs` along its split points (`lazy_view!` in app/src/ui/lazy.rs). Writes the main module
//! to `<pkg dir>/<name>_split.wasm` (for wasm-bindgen), the chunks and their loader
//! (`__wasm_split.______________________.js`, the name Leptos links to) into `<pkg dir>`, and
//! `__wasm_split_manifest.json`, from which the server preloads the chunks a page needs.

use std::path::PathBuf;
use std::process::ExitCode;

/// The loader's name as Leptos's `HydrationScripts` expects it.
const LOADER: &str = "./__wasm_split.______________________.js";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, pkg, name] = args.as_slice() else {
        eprintln!("usage: wasm-split <input.wasm> <pkg dir> <name>");
        return ExitCode::from(2);
    };
    match split(input.into(), pkg.into(), name) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wasm-split: {error}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: PathBuf, pkg: PathBuf, name: &str) -> Result<(), Box<dyn std::error::Error>> {
    let wasm = std::fs::read(&input)?;
    let main_out = pkg.join(format!("{name}_split.wasm"));
    let main_module = format!("./{name}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = &pkg;
    options.main_out_path = &main_out;
    options.main_module = &main_module;
    options.link_name = LOADER;
    let split = wasm_split_cli_support::transform(options).map_err(|e| e.to_string())?;
    let manifest = serde_json::to_string(&split.prefetch_map)?;
    std::fs::write(pkg.join("__wasm_split_manifest.json"), manifest)?;
    for module in &split.split_modules {
        println!("{}", module.display());
    }
    Ok(())
}
