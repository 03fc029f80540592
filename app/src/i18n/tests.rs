//! Keeps the three languages complete: every file parses, every message exists in every
//! language, and every key the code asks for exists.

use super::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Message ids of one Fluent file (messages and terms start at column 0).
fn message_ids(source: &str) -> BTreeSet<String> {
    source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-'))
        .filter_map(|line| line.split_once('='))
        .map(|(id, _)| id.trim().to_owned())
        .collect()
}

#[test]
fn every_language_file_parses_without_errors() {
    for locale in Locale::ALL {
        let parsed = FluentResource::try_new(locale.source().to_owned());
        assert!(
            parsed.is_ok(),
            "{}.ftl has syntax errors: {:?}",
            locale.code(),
            parsed.err().map(|(_, e)| e)
        );
    }
}

#[test]
fn every_message_exists_in_every_language() {
    let english = message_ids(Locale::En.source());
    assert!(english.len() > 10, "en.ftl looks empty");
    for locale in [Locale::Es, Locale::Fr] {
        let other = message_ids(locale.source());
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}.ftl differs from en.ftl: missing {missing:?}, not in English {extra:?}",
            locale.code()
        );
    }
}

/// Keys passed to `t`, `tr`, `t_count` and `t_with` anywhere in the app's source.
fn keys_used_in_code(dir: &Path, keys: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("read app/src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            keys_used_in_code(&path, keys);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("read source");
            for call in [".t(\"", ".tr(\"", ".t_count(\"", ".t_with(\""] {
                for (index, _) in text.match_indices(call) {
                    let rest = &text[index + call.len()..];
                    if let Some(end) = rest.find('"') {
                        keys.insert(rest[..end].to_owned());
                    }
                }
            }
        }
    }
}

#[test]
fn every_key_used_in_code_is_translated() {
    let mut keys = BTreeSet::new();
    keys_used_in_code(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut keys,
    );
    assert!(keys.contains("nav-home"), "the scan found no keys");
    for locale in Locale::ALL {
        let ids = message_ids(locale.source());
        let missing: Vec<_> = keys.iter().filter(|k| !ids.contains(*k)).collect();
        assert!(
            missing.is_empty(),
            "{}.ftl lacks keys used in code: {missing:?}",
            locale.code()
        );
    }
}

#[test]
fn plurals_and_arguments_format_per_language() {
    let count = |locale, n: usize| {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(n));
        translate(locale, "home-resources-count", Some(&args))
    };
    assert_eq!(count(Locale::En, 0), "No resources yet.");
    assert_eq!(count(Locale::En, 1), "One resource.");
    assert_eq!(count(Locale::En, 3), "3 resources.");
    assert_eq!(count(Locale::Es, 3), "3 recursos.");
    assert_eq!(count(Locale::Fr, 1), "Une ressource.");
}

#[test]
fn a_missing_key_shows_itself_instead_of_nothing() {
    assert_eq!(translate(Locale::Fr, "no-such-key", None), "no-such-key");
}
