//! `/admin/resources`: find, create, import and export resources; `/admin/resources/{id}`:
//! edit one, with the rules of its own level; `/admin/types`: resource types and colours.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::i18n::use_i18n;
use crate::resources::admin_fns::{
    CatalogChoices, DeleteResource, DeleteType, SaveResource, SaveType, admin_catalog,
    admin_resource,
};
use crate::resources::{self, ResourceStatus, RuleScope, attributes_text};
use crate::ui::forms::{Field, FormError, Saved};
use crate::ui::id_param;
use crate::ui::pages::admin_rules::LevelRulesEditor;
use crate::ui::pages::csv_import::CsvImport;

#[component]
pub fn AdminResourcesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q").unwrap_or_default());
    let create = ServerAction::<SaveResource>::new();
    let catalog = Resource::new(search, admin_catalog);
    // A new resource opens in its own editor, where its rules are set next.
    Effect::new(move |_| {
        if let Some(Ok(resource)) = create.value().get() {
            use_navigate()(
                &format!("/admin/resources/{}", resource.id),
                Default::default(),
            );
        }
    });
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <h1>{i18n.tr("admin-catalog-heading")}</h1>
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match catalog.await {
                    Ok(catalog) => {
                        let choices = catalog.choices.clone();
                        view! {
                            <CatalogLinks installation_wide=choices.installation_wide />
                            <Form method="GET" action="" attr:class="inline-form" attr:role="search">
                                <label for="admin-catalog-search">{i18n.tr("catalog-search")}</label>
                                <input id="admin-catalog-search" type="search" name="q" value=search() />
                                <button type="submit">{i18n.tr("catalog-apply")}</button>
                            </Form>
                            <p role="status">{move || i18n.t_count("admin-catalog-count", "count", usize::try_from(catalog.total).unwrap_or(usize::MAX))}</p>
                            <ResourceTable resources=catalog.resources />
                            <section aria-labelledby="new-resource-heading">
                                <h2 id="new-resource-heading">{i18n.tr("admin-catalog-new")}</h2>
                                <ActionForm action=create attr:class="stacked-form">
                                    <ResourceFields resource=None choices />
                                    <FormError error=create_error />
                                    <button type="submit" disabled=move || create.pending().get()>{i18n.tr("admin-catalog-create")}</button>
                                </ActionForm>
                            </section>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                }
            })}
        </Transition>
        <CsvImport />
    }
}

/// Links to the installation-wide catalog pages, for those who may change them.
#[component]
fn CatalogLinks(installation_wide: bool) -> impl IntoView {
    let i18n = use_i18n();
    installation_wide.then(|| {
        view! {
            <nav class="sub-nav" aria-label=i18n.tr("admin-catalog-more")>
                <a href="/admin/types">{i18n.tr("admin-types-heading")}</a>
                " · "
                <a href="/admin/rules">{i18n.tr("admin-rules-global-heading")}</a>
            </nav>
        }
    })
}

#[component]
fn ResourceTable(resources: Vec<resources::Resource>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{i18n.tr("admin-catalog-heading")}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.tr("admin-catalog-name")}</th>
                    <th scope="col">{i18n.tr("catalog-type")}</th>
                    <th scope="col">{i18n.tr("resource-group")}</th>
                    <th scope="col">{i18n.tr("catalog-status")}</th>
                </tr>
            </thead>
            <tbody>
                {resources
                    .into_iter()
                    .map(|r| {
                        let href = format!("/admin/resources/{}", r.id);
                        view! {
                            <tr>
                                <th scope="row"><a href=href>{r.name}</a></th>
                                <td>{r.resource_type.unwrap_or_default()}</td>
                                <td>{r.group_path.unwrap_or_default()}</td>
                                <td>{i18n.tr(r.status.label_key())}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The fields of the resource form, filled from `resource` when editing.
#[component]
fn ResourceFields(resource: Option<resources::Resource>, choices: CatalogChoices) -> impl IntoView {
    let i18n = use_i18n();
    let r = resource.as_ref();
    let id = r.map(|r| r.id.to_string()).unwrap_or_default();
    let type_id = r.and_then(|r| r.resource_type_id);
    let group_id = r.and_then(|r| r.group_id);
    let status = r.map_or(ResourceStatus::Available, |r| r.status);
    let description = r.map(|r| r.description.clone()).unwrap_or_default();
    let attributes = r
        .map(|r| attributes_text(&r.attributes))
        .unwrap_or_default();
    let approvers = r
        .map(|r| {
            r.approvers
                .iter()
                .map(|a| a.username.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    view! {
        <input type="hidden" name="id" value=id />
        <Field label="admin-catalog-name" name="name" value=r.map(|r| r.name.clone()).unwrap_or_default() />
        <div class="field">
            <label for="field-description">{i18n.tr("admin-description")}</label>
            <textarea id="field-description" name="description" rows="3">{description}</textarea>
        </div>
        <div class="field">
            <label for="field-resource_type">{i18n.tr("catalog-type")}</label>
            <select id="field-resource_type" name="resource_type">
                <option value="" selected=type_id.is_none()>{i18n.tr("admin-none")}</option>
                {choices.types.into_iter().map(|t| view! {
                    <option value=t.id selected=type_id == Some(t.id)>{t.name}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="field-group_id">{i18n.tr("resource-group")}</label>
            <select id="field-group_id" name="group_id">
                <option value="" selected=group_id.is_none()>{i18n.tr("admin-none")}</option>
                {choices.groups.into_iter().map(|g| view! {
                    <option value=g.id selected=group_id == Some(g.id)>{g.path}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="field-status">{i18n.tr("catalog-status")}</label>
            <select id="field-status" name="status">
                {ResourceStatus::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=s == status>{i18n.tr(s.label_key())}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="field-capacity">{i18n.tr("resource-capacity-label")}</label>
            <input id="field-capacity" name="capacity" type="number" min="1" step="1"
                value=r.and_then(|r| r.capacity).map(|c| c.to_string()).unwrap_or_default() />
        </div>
        <Field label="resource-timezone" name="timezone" hint="admin-catalog-timezone-hint"
            value=r.map_or_else(|| "UTC".to_owned(), |r| r.timezone.clone()) />
        <Field label="catalog-tags" name="tags" required=false hint="admin-catalog-tags-hint"
            value=r.map(|r| r.tags.join(", ")).unwrap_or_default() />
        <label class="choice">
            <input type="checkbox" name="requires_approval" checked=r.is_some_and(|r| r.requires_approval) />
            " " {i18n.tr("resource-approval-needed")}
        </label>
        <Field label="admin-catalog-approvers" name="approvers" required=false hint="admin-catalog-approvers-hint" value=approvers />
        <div class="field">
            <label for="field-attributes">{i18n.tr("admin-catalog-attributes")}</label>
            <textarea id="field-attributes" name="attributes" rows="3" aria-describedby="field-attributes-hint">{attributes}</textarea>
            <p class="hint" id="field-attributes-hint">{i18n.tr("admin-catalog-attributes-hint")}</p>
        </div>
    }
}

#[component]
pub fn AdminResourcePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param();
    let save = ServerAction::<SaveResource>::new();
    let delete = ServerAction::<DeleteResource>::new();
    let editor = Resource::new(
        move || (id(), save.version().get()),
        |(id, _)| admin_resource(id),
    );
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            use_navigate()("/admin/resources", Default::default());
        }
    });
    let save_error = Signal::derive(move || save.value().get().and_then(Result::err));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <p><a href="/admin/resources">{i18n.tr("admin-catalog-back")}</a></p>
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => {
                        let resource = editor.resource;
                        let name = resource.name.clone();
                        let resource_id = resource.id;
                        view! {
                            <h1>{resource.name.clone()}</h1>
                            <p><a href=format!("/resources/{resource_id}")>{i18n.tr("admin-catalog-public-page")}</a></p>
                            <ActionForm action=save attr:class="stacked-form">
                                <ResourceFields resource=Some(resource) choices=editor.choices />
                                <FormError error=save_error />
                                <Saved value=save.value() key="profile-saved" />
                                <button type="submit" disabled=move || save.pending().get()>{i18n.tr("profile-save")}</button>
                            </ActionForm>
                            <LevelRulesEditor scope=RuleScope::Resource(resource_id) />
                            <section aria-labelledby="delete-resource-heading">
                                <h2 id="delete-resource-heading">{i18n.tr("admin-catalog-delete-heading")}</h2>
                                <ActionForm action=delete attr:class="inline-form">
                                    <input type="hidden" name="id" value=resource_id />
                                    <button type="submit" class="danger">
                                        {move || i18n.t_with("admin-catalog-delete-named", "name", &name)}
                                    </button>
                                </ActionForm>
                                <FormError error=delete_error />
                            </section>
                        }
                        .into_any()
                    }
                    Err(e) => view! {
                        <h1>{i18n.tr("admin-catalog-heading")}</h1>
                        <p class="error" role="alert">{i18n.tr(e.message_key())}</p>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn AdminTypesPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveType>::new();
    let delete = ServerAction::<DeleteType>::new();
    let catalog = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| admin_catalog(String::new()),
    );
    let error = Signal::derive(move || {
        [
            save.value().get().and_then(Result::err),
            delete.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
        <p><a href="/admin/resources">{i18n.tr("admin-catalog-back")}</a></p>
        <h1>{i18n.tr("admin-types-heading")}</h1>
        <FormError error />
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match catalog.await {
                    Ok(catalog) => catalog
                        .choices
                        .types
                        .into_iter()
                        .map(|t| {
                            let prefix = format!("type-{}-", t.id);
                            let name_id = format!("{prefix}name");
                            let color_id = format!("{prefix}color");
                            let type_name = t.name.clone();
                            let row_name = t.name.clone();
                            let count = usize::try_from(t.resource_count).unwrap_or(usize::MAX);
                            view! {
                                <div class="type-row" data-type=row_name>
                                    <ActionForm action=save attr:class="inline-form">
                                        <input type="hidden" name="id" value=t.id />
                                        <label for=name_id.clone()>{i18n.tr("admin-types-name")}</label>
                                        <input id=name_id type="text" name="name" required value=t.name.clone() />
                                        <label for=color_id.clone()>{i18n.tr("admin-types-color")}</label>
                                        <input id=color_id type="color" name="color" value=t.color.clone() />
                                        <span>{move || i18n.t_count("admin-types-count", "count", count)}</span>
                                        <button type="submit">{i18n.tr("profile-save")}</button>
                                    </ActionForm>
                                    <ActionForm action=delete attr:class="inline-form">
                                        <input type="hidden" name="id" value=t.id />
                                        <button type="submit" class="danger" aria-label=move || i18n.t_with("admin-types-delete-named", "name", &type_name)>
                                            {i18n.tr("admin-types-delete")}
                                        </button>
                                    </ActionForm>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any(),
                    Err(e) => view! { <p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="new-type-heading">
            <h2 id="new-type-heading">{i18n.tr("admin-types-new")}</h2>
            <ActionForm action=save attr:class="stacked-form">
                <input type="hidden" name="id" value="" />
                <Field label="admin-types-name" name="name" id_prefix="new-type-" />
                <div class="field">
                    <label for="new-type-color">{i18n.tr("admin-types-color")}</label>
                    <input id="new-type-color" type="color" name="color" value="#1f5f8b" />
                </div>
                <button type="submit">{i18n.tr("admin-types-create")}</button>
            </ActionForm>
        </section>
    }
}
