//! `/admin/roles` (list, create) and `/admin/roles/{id}` (the permission matrix: a row per
//! kind of record, a column per action, a box per scope).

use leptos::prelude::*;

use crate::admin::RoleRecord;
use crate::admin::server_fns::{CreateRole, DeleteRole, SaveRole, get_role, list_roles};
use crate::domain::permissions::{Action, Model, Permission, Scope};
use crate::i18n::use_i18n;
use crate::ui::forms::{Field, FormError, Saved};
use crate::ui::session::reload_to;

#[component]
pub fn AdminRolesPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateRole>::new();
    let roles = Resource::new(move || create.version().get(), |_| list_roles());
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <h1>{i18n.tr("admin-roles-heading")}</h1>
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match roles.await {
                    Ok(roles) => view! { <RoleTable roles /> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="new-role-heading">
            <h2 id="new-role-heading">{i18n.tr("admin-roles-new")}</h2>
            <ActionForm action=create attr:class="stacked-form">
                <Field label="admin-roles-name" name="name" />
                <Field label="admin-description" name="description" required=false />
                <FormError error />
                <Saved value=create.value() key="admin-roles-created" />
                <button type="submit">{i18n.tr("admin-roles-create")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn RoleTable(roles: Vec<RoleRecord>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{i18n.tr("admin-roles-name")}</th>
                    <th scope="col">{i18n.tr("admin-description")}</th>
                    <th scope="col">{i18n.tr("admin-roles-holders")}</th>
                </tr>
            </thead>
            <tbody>
                {roles.into_iter().map(|role| {
                    let holders = usize::try_from(role.user_count).unwrap_or(usize::MAX);
                    let data_role = role.name.clone();
                    view! {
                        <tr data-role=data_role>
                            <td>
                                <a href=format!("/admin/roles/{}", role.id)>{role.name}</a>
                                {role.is_builtin.then(|| view! { " " <span class="badge">{i18n.tr("admin-roles-builtin")}</span> })}
                            </td>
                            <td>{role.description}</td>
                            <td>{move || i18n.t_count("admin-roles-holder-count", "count", holders)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn model_key(model: Model) -> &'static str {
    match model {
        Model::Resource => "perm-model-resource",
        Model::Reservation => "perm-model-reservation",
        Model::Waitlist => "perm-model-waitlist",
        Model::Approval => "perm-model-approval",
        Model::User => "perm-model-user",
        Model::Role => "perm-model-role",
        Model::Permission => "perm-model-permission",
        Model::Group => "perm-model-group",
        Model::Session => "perm-model-session",
        Model::Audit => "perm-model-audit",
        Model::Analytics => "perm-model-analytics",
        Model::Webhook => "perm-model-webhook",
        Model::Settings => "perm-model-settings",
    }
}

fn action_key(action: Action) -> &'static str {
    match action {
        Action::Create => "perm-action-create",
        Action::Read => "perm-action-read",
        Action::Update => "perm-action-update",
        Action::Delete => "perm-action-delete",
    }
}

fn scope_key(scope: Scope) -> &'static str {
    match scope {
        Scope::All => "perm-scope-all",
        Scope::Group => "perm-scope-group",
        Scope::Own => "perm-scope-own",
    }
}

#[component]
pub fn AdminRolePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::ui::id_param();
    let save = ServerAction::<SaveRole>::new();
    let delete = ServerAction::<DeleteRole>::new();
    let role = Resource::new(move || (id(), save.version().get()), |(id, _)| get_role(id));
    let save_error = Signal::derive(move || save.value().get().and_then(Result::err));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            reload_to("/admin/roles");
        }
    });
    view! {
        <p><a href="/admin/roles">{i18n.tr("admin-roles-back")}</a></p>
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                let role = match role.await {
                    Ok(role) => role,
                    Err(e) => return view! { <h1>{i18n.tr("admin-roles-heading")}</h1><p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                };
                let is_builtin = role.is_builtin;
                view! {
                    <h1>{role.name.clone()}</h1>
                    <ActionForm action=save attr:class="stacked-form">
                        <input type="hidden" name="id" value=role.id />
                        <Field label="admin-description" name="description" required=false value=role.description.clone() />
                        <PermissionMatrix held=role.permissions.clone() />
                        <FormError error=save_error />
                        <Saved value=save.value() key="profile-saved" />
                        <button type="submit" disabled=move || save.pending().get()>{i18n.tr("profile-save")}</button>
                    </ActionForm>
                    <Show when=move || !is_builtin>
                        <ActionForm action=delete>
                            <input type="hidden" name="id" value=role.id />
                            <FormError error=delete_error />
                            <button type="submit" class="danger">{i18n.tr("admin-roles-delete")}</button>
                        </ActionForm>
                    </Show>
                }.into_any()
            })}
        </Transition>
    }
}

/// A table of checkboxes named `permissions[]`: rows are kinds of record, columns actions,
/// and each cell holds one box per scope.
#[component]
fn PermissionMatrix(held: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll">
        <table class="data-table permission-matrix">
            <caption>{i18n.tr("admin-roles-matrix")}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.tr("perm-model")}</th>
                    {Action::ALL.iter().map(|&action| view! { <th scope="col">{i18n.tr(action_key(action))}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {Model::ALL.iter().map(|&model| view! {
                    <tr>
                        <th scope="row">{i18n.tr(model_key(model))}</th>
                        {Action::ALL.iter().map(|&action| view! {
                            <td>
                                {Scope::ALL.iter().map(|&scope| {
                                    let value = Permission::new(model, action, scope).to_string();
                                    let checked = held.contains(&value);
                                    let full = move || format!(
                                        "{} · {} · {}",
                                        i18n.t(model_key(model)),
                                        i18n.t(action_key(action)),
                                        i18n.t(scope_key(scope)),
                                    );
                                    view! {
                                        <label class="scope" title=full>
                                            <input type="checkbox" name="permissions[]" value=value checked=checked aria-label=full />
                                            {i18n.tr(scope_key(scope))}
                                        </label>
                                    }
                                }).collect_view()}
                            </td>
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
