//! Translations: the Fluent bundles of every supported language, how a request's language is
//! chosen (cookie, then `Accept-Language`, then English) and the reactive `I18n` handle views
//! use to read strings. The server and the browser share this code, so both render the same
//! language and hydration never sees a mismatch.

mod negotiate;

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use unic_langid::{LanguageIdentifier, langid};

pub use negotiate::{negotiate, preferred_supported};

/// Name of the cookie that remembers the language a person picked.
pub const LANGUAGE_COOKIE: &str = "reserver_lang";

/// A language the interface is translated into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Es,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Es, Locale::Fr];

    /// The BCP 47 code used in `<html lang>`, the cookie and `Accept-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::Fr => "fr",
        }
    }

    /// The Fluent key of the language's own name ("Español").
    pub fn name_key(self) -> &'static str {
        match self {
            Locale::En => "lang-en",
            Locale::Es => "lang-es",
            Locale::Fr => "lang-fr",
        }
    }

    /// Parses a language tag such as `fr`, `es-MX` or `EN_gb` by its primary language.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Locale::En => langid!("en"),
            Locale::Es => langid!("es"),
            Locale::Fr => langid!("fr"),
        }
    }

    /// The language's Fluent file. The server and the tests hold all three; the browser
    /// loads only the one it shows ([`load`]), from `/pkg/locales/`.
    #[cfg(not(feature = "hydrate"))]
    fn source(self) -> &'static str {
        match self {
            Locale::En => include_str!("../../locales/en.ftl"),
            Locale::Es => include_str!("../../locales/es.ftl"),
            Locale::Fr => include_str!("../../locales/fr.ftl"),
        }
    }

    /// Where the browser fetches the language's Fluent file (the release build copies
    /// `app/locales/` there).
    pub fn url(self) -> String {
        format!("/pkg/locales/{}.ftl", self.code())
    }

    fn index(self) -> usize {
        match self {
            Locale::En => 0,
            Locale::Es => 1,
            Locale::Fr => 2,
        }
    }
}

/// A language's messages, parsed from its Fluent `source`.
fn parse(locale: Locale, source: String) -> FluentBundle<FluentResource> {
    // A syntax error can only come from a broken build (the tests parse every file); keep
    // what parsed.
    let resource = FluentResource::try_new(source).unwrap_or_else(|(partial, _errors)| partial);
    let mut bundle = FluentBundle::new_concurrent(vec![locale.langid()]);
    // Unicode isolation marks only matter for mixed-direction text; all three languages are
    // left-to-right and the marks would leak into copied text.
    bundle.set_use_isolating(false);
    // Every message id is unique per file (tested), so adding cannot fail.
    let _ = bundle.add_resource(resource);
    bundle
}

/// Each language's bundle, once parsed.
static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 3] = [const { OnceLock::new() }; 3];

/// The messages of `locale`, parsed on first use.
#[cfg(not(feature = "hydrate"))]
fn bundle(locale: Locale) -> Option<&'static FluentBundle<FluentResource>> {
    Some(BUNDLES[locale.index()].get_or_init(|| parse(locale, locale.source().to_owned())))
}

/// The messages of `locale`, once [`load`] has fetched them.
#[cfg(feature = "hydrate")]
fn bundle(locale: Locale) -> Option<&'static FluentBundle<FluentResource>> {
    BUNDLES[locale.index()].get()
}

/// Fetches and parses the Fluent file of `locale` unless it is already loaded; false when it
/// could not be fetched (the page then stays in the language it has).
#[cfg(feature = "hydrate")]
async fn load(locale: Locale) -> bool {
    let slot = &BUNDLES[locale.index()];
    if slot.get().is_some() {
        return true;
    }
    let source = match gloo_net::http::Request::get(&locale.url()).send().await {
        Ok(response) if response.ok() => response.text().await.ok(),
        _ => None,
    };
    let Some(source) = source else {
        return false;
    };
    let _ = slot.set(parse(locale, source));
    true
}

/// Looks a message up in `locale`, formatting it with `args`. A missing key renders as the
/// key itself, so a gap is visible rather than blank; the tests keep that from shipping.
pub fn translate(locale: Locale, key: &str, args: Option<&FluentArgs>) -> String {
    let Some(bundle) = bundle(locale) else {
        return key.to_owned();
    };
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// The Fluent keys of the days of the week, Monday first.
pub const WEEKDAY_KEYS: [&str; 7] = [
    "weekday-0",
    "weekday-1",
    "weekday-2",
    "weekday-3",
    "weekday-4",
    "weekday-5",
    "weekday-6",
];

/// The Fluent keys of the months, January first.
const MONTH_KEYS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

/// The translation of `key` in `locale` with text arguments, outside any view (the server
/// writing a notification's words, say).
pub fn translate_with(locale: Locale, key: &str, values: &[(&'static str, &str)]) -> String {
    let mut args = FluentArgs::new();
    for (name, value) in values {
        args.set(*name, FluentValue::from((*value).to_owned()));
    }
    translate(locale, key, Some(&args))
}

/// A date written out for `locale`: "Monday, 23 November", "lunes, 23 de noviembre",
/// "lundi 23 novembre".
pub fn long_date(locale: Locale, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let weekday = translate(
        locale,
        WEEKDAY_KEYS[date.weekday().num_days_from_monday() as usize],
        None,
    );
    let month = translate(locale, MONTH_KEYS[date.month0() as usize], None);
    translate_with(
        locale,
        "date-long",
        &[
            ("weekday", &weekday),
            ("day", &date.day().to_string()),
            ("month", &month),
        ],
    )
}

/// The reactive language of the page, provided once by the app and read by every view.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    pub fn locale(self) -> Locale {
        self.locale.get()
    }

    /// The translation of `key` in the current language; re-renders when the language changes.
    pub fn t(self, key: &str) -> String {
        translate(self.locale.get(), key, None)
    }

    /// The translation of `key` with one numeric argument (plurals, counts).
    pub fn t_count(self, key: &str, name: &'static str, value: usize) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value));
        translate(self.locale.get(), key, Some(&args))
    }

    /// The translation of `key` with one text argument.
    pub fn t_with(self, key: &str, name: &'static str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value.to_owned()));
        translate(self.locale.get(), key, Some(&args))
    }

    /// The translation of `key` with several text arguments.
    pub fn t_args(self, key: &str, values: &[(&'static str, &str)]) -> String {
        translate_with(self.locale.get(), key, values)
    }

    /// A date written out for the current language: "Monday, 23 November",
    /// "lunes, 23 de noviembre", "lundi 23 novembre".
    pub fn date(self, date: chrono::NaiveDate) -> String {
        long_date(self.locale.get(), date)
    }

    /// A month and its year: "November 2026", "noviembre de 2026".
    pub fn month_year(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = self.t(MONTH_KEYS[date.month0() as usize]);
        self.t_args(
            "month-year",
            &[("month", &month), ("year", &date.year().to_string())],
        )
    }

    /// A number with one decimal, written for the current language: "12.5" in English,
    /// "12,5" in Spanish and French.
    pub fn decimal(self, value: f64) -> String {
        let text = format!("{value:.1}");
        match self.locale.get() {
            Locale::En => text,
            Locale::Es | Locale::Fr => text.replace('.', ","),
        }
    }

    /// A view child that follows the language: `{i18n.tr("nav-home")}`.
    pub fn tr(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    /// Remembers the choice for the next visit at once (a reload right away renders in it),
    /// and switches the page's language; in the browser, once its messages have arrived.
    pub fn set_locale(self, locale: Locale) {
        #[cfg(feature = "hydrate")]
        {
            remember_choice(locale);
            leptos::task::spawn_local(async move {
                if load(locale).await {
                    self.locale.set(locale);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        self.locale.set(locale);
    }
}

/// Chooses the page language and makes it available to every view below.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(initial_locale()),
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        locale: RwSignal::new(Locale::En),
    })
}

/// On the server: from the request's cookie and `Accept-Language`.
#[cfg(feature = "ssr")]
fn initial_locale() -> Locale {
    use http::header::{ACCEPT_LANGUAGE, COOKIE};
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Locale::En;
    };
    let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
    negotiate(header(COOKIE), header(ACCEPT_LANGUAGE))
}

/// In the browser: the language the server rendered (`<html lang>`), so hydration matches.
#[cfg(not(feature = "ssr"))]
fn initial_locale() -> Locale {
    #[cfg(feature = "hydrate")]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| Locale::from_tag(&lang))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    Locale::En
}

/// Loads the language the server rendered the page in; hydration waits for it so the page's
/// strings are there when it takes over.
#[cfg(feature = "hydrate")]
pub async fn load_page_locale() {
    load(initial_locale()).await;
}

#[cfg(feature = "hydrate")]
fn remember_choice(locale: Locale) {
    use wasm_bindgen::JsCast;
    if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
        let cookie = format!(
            "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            locale.code()
        );
        // Writing a cookie only fails in sandboxed documents; the switch still applies now.
        let _ = doc.set_cookie(&cookie);
    }
}

#[cfg(test)]
mod tests;
