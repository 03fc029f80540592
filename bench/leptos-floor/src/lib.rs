//! The smallest Leptos 0.8 app shaped like Reserver's (hydrated, routed, one server function):
//! what the framework alone puts in a first load. Measured by `run.sh`; not part of the product.
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Item {
    pub id: i64,
    pub name: String,
}

#[server]
pub async fn items() -> Result<Vec<Item>, ServerFnError> {
    Ok(vec![])
}

#[component]
fn Home() -> impl IntoView {
    let count = RwSignal::new(0);
    view! { <h1>"Home"</h1><button on:click=move |_| count.update(|c| *c += 1)>{count}</button> }
}

#[component]
fn List() -> impl IntoView {
    let data = Resource::new(|| (), |_| items());
    view! {
        <h1>"List"</h1>
        <Suspense fallback=|| "…">
            <ul>{move || data.get().map(|r| r.unwrap_or_default().into_iter().map(|i| view! { <li>{i.name}</li> }).collect_view())}</ul>
        </Suspense>
    }
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <nav><A href="/">"Home"</A><A href="/list">"List"</A></nav>
            <main>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/list") view=List/>
                </Routes>
            </main>
        </Router>
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
