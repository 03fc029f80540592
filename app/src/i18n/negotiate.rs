//! Picks a request's language: the remembered choice (cookie) wins, then the browser's
//! `Accept-Language` preferences by quality, then English.

use super::{LANGUAGE_COOKIE, Locale};

pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
    cookie_header
        .and_then(remembered_choice)
        .or_else(|| accept_language.and_then(preferred_supported))
        .unwrap_or_default()
}

fn remembered_choice(cookie_header: &str) -> Option<Locale> {
    cookie_header
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == LANGUAGE_COOKIE)
        .and_then(|(_, value)| Locale::from_tag(value.trim().trim_matches('"')))
}

/// The supported language an `Accept-Language` header prefers most, if it names one.
pub fn preferred_supported(accept_language: &str) -> Option<Locale> {
    let mut ranges: Vec<(f32, Locale)> = accept_language
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let locale = Locale::from_tag(parts.next()?)?;
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (quality > 0.0).then_some((quality, locale))
        })
        .collect();
    // Stable sort: among equal qualities the header's order decides.
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.first().map(|(_, locale)| *locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_choice_beats_the_browser_preference() {
        assert_eq!(
            negotiate(Some("a=1; reserver_lang=fr; b=2"), Some("es")),
            Locale::Fr
        );
    }

    #[test]
    fn an_unknown_cookie_value_falls_back_to_accept_language() {
        assert_eq!(negotiate(Some("reserver_lang=de"), Some("es")), Locale::Es);
    }

    #[test]
    fn accept_language_is_read_by_quality_then_order() {
        assert_eq!(
            negotiate(None, Some("de-DE, fr;q=0.5, es;q=0.8")),
            Locale::Es
        );
        assert_eq!(negotiate(None, Some("fr-CA,es")), Locale::Fr);
        assert_eq!(negotiate(None, Some("es;q=0, fr;q=0.1")), Locale::Fr);
    }

    #[test]
    fn unsupported_or_garbled_preferences_give_english() {
        assert_eq!(negotiate(None, None), Locale::En);
        assert_eq!(negotiate(None, Some("de, ja;q=0.9")), Locale::En);
        assert_eq!(negotiate(Some(";;=="), Some("fr;q=abc")), Locale::En);
    }
}
