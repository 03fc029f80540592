//! The browser entry point: takes over the server-rendered page.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The page's language is fetched (the server has it preloading already), and pages are
    // lazy routes: hydration waits for both, and only then is the page marked live.
    wasm_bindgen_futures::spawn_local(async {
        app::i18n::load_page_locale().await;
        if let Some(body) = leptos::prelude::document().body() {
            leptos::mount::hydrate_from_async(body, app::App)
                .await
                .forget();
            app::ui::mark_hydrated();
        }
    });
}
