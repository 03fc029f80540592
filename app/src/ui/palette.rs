//! The command palette: Ctrl+K (⌘K on a Mac), or the header's button, opens a modal list of
//! commands filtered as you type. Arrow keys choose, Enter runs, Escape closes.
//!
//! Commands: a new booking, today's bookings, what of each resource type is free now, going
//! to a resource by name (searched on the server as you type), and switching language.
//!
//! Only the button is in the code every page loads: the palette's own code is a lazy chunk,
//! fetched the first time it is opened.

use leptos::prelude::*;

use crate::i18n::{I18n, Locale, use_i18n};
use crate::reservations::home_fns::{PaletteOffer, palette_choices};
use crate::ui::forms::show_modal_when_in_document;
use crate::ui::lazy::{NotLoaded, lazy_view};

/// What a command does.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Run {
    Go(String),
    Language(Locale),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Command {
    label: String,
    run: Run,
}

/// Whether every word of `query` is in `label`, ignoring case.
pub fn matches(label: &str, query: &str) -> bool {
    let label = label.to_lowercase();
    query
        .split_whitespace()
        .all(|word| label.contains(&word.to_lowercase()))
}

/// The commands for `query`: the fixed ones whose label matches, then the resources the
/// server found for it.
fn commands(i18n: I18n, choices: &PaletteOffer, query: &str) -> Vec<Command> {
    let go = |label: String, href: String| Command {
        label,
        run: Run::Go(href),
    };
    let mut fixed = vec![
        go(i18n.t("palette-new-booking"), "/#free-now".to_owned()),
        go(i18n.t("palette-today"), "/#today".to_owned()),
    ];
    fixed.extend(choices.types.iter().map(|t| {
        go(
            i18n.t_with("palette-available-now", "type", &t.name),
            format!("/?type={}#free-now", t.id),
        )
    }));
    fixed.extend(Locale::ALL.into_iter().map(|locale| Command {
        label: i18n.t_with("palette-language", "language", &i18n.t(locale.name_key())),
        run: Run::Language(locale),
    }));
    fixed.retain(|c| matches(&c.label, query));
    fixed.extend(choices.resources.iter().map(|r| {
        go(
            i18n.t_with("palette-go-to", "name", &r.name),
            format!("/resources/{}", r.id),
        )
    }));
    fixed
}

/// The header's button (and Ctrl+K); the palette dialog, once wanted, with its code.
#[component]
pub fn CommandPalette() -> impl IntoView {
    let i18n = use_i18n();
    // How many times the palette has been asked for: the dialog opens on each change.
    let requests = RwSignal::new(0u32);
    let wanted = Memo::new(move |_| requests.get() > 0);
    // Its code could not be fetched (offline, or a new version since the page was loaded).
    let failed = RwSignal::new(false);
    let open = move || {
        failed.set(false);
        requests.update(|n| *n += 1);
    };
    let _shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            open();
        }
    });
    let asked = requests.read_only();
    let dialog = move || async move {
        palette_dialog(asked).await.unwrap_or_else(|NotLoaded| {
            // Asked for again, the palette tries to fetch its code again.
            requests.set(0);
            failed.set(true);
            ().into_any()
        })
    };
    view! {
        <button type="button" class="palette-button secondary" aria-keyshortcuts="Control+K Meta+K" on:click=move |_| open()>
            {i18n.tr("palette-open")} " " <kbd aria-hidden="true">"Ctrl K"</kbd>
        </button>
        <Suspense>
            {move || wanted.get().then(|| Suspend::new(dialog()))}
        </Suspense>
        <p class="palette-failed" role="alert">
            {move || failed.get().then(|| i18n.tr("palette-not-loaded"))}
        </p>
    }
}

lazy_view! {
    /// The palette dialog, loaded on first use.
    fn palette_dialog(requests: ReadSignal<u32>) {
        view! { <PaletteDialog requests /> }.into_any()
    }
    preload __preload_palette_dialog
}

/// The palette itself: opens (again) whenever `requests` changes.
#[component]
fn PaletteDialog(requests: ReadSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let choices = RwSignal::new(PaletteOffer::default());
    let is_open = RwSignal::new(false);

    Effect::new(move |_| {
        requests.track();
        query.set(String::new());
        active.set(0);
        is_open.set(true);
        show_modal_when_in_document(dialog, Some(input));
    });
    let close = move || {
        if let Some(element) = dialog.get_untracked() {
            element.close();
        }
    };
    // The types and matching resources, read again as the query changes while open.
    Effect::new(move |_| {
        let q = query.get();
        if !is_open.get() {
            return;
        }
        leptos::task::spawn_local(async move {
            // Signed out, the palette still offers its fixed commands.
            let found = palette_choices(q.clone()).await.unwrap_or_default();
            if query.get_untracked() == q {
                choices.set(found);
                active.set(0);
            }
        });
    });
    let list = Memo::new(move |_| choices.with(|c| commands(i18n, c, &query.get())));
    let run = move |index: usize| {
        let Some(command) = list.with_untracked(|l| l.get(index).cloned()) else {
            return;
        };
        close();
        match command.run {
            Run::Language(locale) => i18n.set_locale(locale),
            Run::Go(href) => {
                #[cfg(feature = "hydrate")]
                let _ = window().location().assign(&href);
                #[cfg(not(feature = "hydrate"))]
                let _ = href;
            }
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = list.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + count - 1) % count);
            }
            "Enter" => {
                ev.prevent_default();
                run(active.get_untracked());
            }
            _ => {}
        }
    };
    let option_id = |index: usize| format!("palette-option-{index}");
    let options = move || {
        list.get()
            .into_iter()
            .enumerate()
            .map(|(index, command)| {
                view! {
                    <li
                        id=option_id(index)
                        role="option"
                        aria-selected=move || (active.get() == index).to_string()
                        on:click=move |_| run(index)
                        on:pointermove=move |_| active.set(index)
                    >
                        {command.label}
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <dialog node_ref=dialog class="palette" aria-labelledby="palette-heading" on:close=move |_| is_open.set(false)>
            <h2 id="palette-heading" class="visually-hidden">{i18n.tr("palette-heading")}</h2>
            <label for="palette-input">{i18n.tr("palette-label")}</label>
            <input
                node_ref=input
                id="palette-input"
                type="text"
                role="combobox"
                autocomplete="off"
                aria-expanded="true"
                aria-controls="palette-list"
                aria-autocomplete="list"
                aria-activedescendant=move || (!list.with(Vec::is_empty)).then(|| option_id(active.get()))
                prop:value=query
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=on_key
            />
            <ul id="palette-list" role="listbox" aria-label=i18n.tr("palette-heading")>{options}</ul>
            {move || list.with(Vec::is_empty).then(|| view! { <p class="empty">{i18n.tr("palette-nothing")}</p> })}
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_typed_word_must_be_in_the_label() {
        assert!(matches("Available Room now", "room"));
        assert!(matches("Available Room now", "AVAIL  now"));
        assert!(matches("Anything", ""));
        assert!(!matches("Available Room now", "desk"));
        assert!(!matches("Available Room now", "room desk"));
    }
}
