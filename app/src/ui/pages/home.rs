//! `/`: what Reserver is, and the resources that can be booked.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::ui::forms::load_error;
// `Resource` is also Leptos's async-data type; the catalog's one is named by its module here.
use crate::resources::{self, server_fns::list_resources};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let catalog = Resource::new(|| (), |_| list_resources());

    view! {
        <section class="hero">
            <h1>{i18n.tr("home-heading")}</h1>
            <p>{i18n.tr("home-intro")}</p>
        </section>
        <section class="resources" aria-labelledby="resources-heading">
            <h2 id="resources-heading">{i18n.tr("home-resources-heading")}</h2>
            <Suspense fallback=move || view! { <p aria-busy="true">{i18n.tr("loading")}</p> }>
                {move || Suspend::new(async move {
                    match catalog.await {
                        Ok(page) => view! { <ResourceList resources=page.data total=page.total_count.unwrap_or_default() /> }.into_any(),
                        Err(error) => load_error(&error),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ResourceList(resources: Vec<resources::Resource>, total: u64) -> impl IntoView {
    let i18n = use_i18n();
    let count = usize::try_from(total).unwrap_or(usize::MAX);
    let empty = resources.is_empty();
    view! {
        <p class="count">{move || i18n.t_count("home-resources-count", "count", count)}</p>
        <Show when=move || empty>
            <p>{i18n.tr("home-resources-empty")}</p>
        </Show>
        <ul class="resource-list">
            {resources
                .into_iter()
                .map(|resource| {
                    view! {
                        <li class="resource-card" data-status=resource.status.as_str()>
                            <h3>{resource.name}</h3>
                            <p>{resource.description}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
