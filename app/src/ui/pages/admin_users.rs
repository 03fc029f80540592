//! `/admin/users` (search, create) and `/admin/users/{id}` (edit, disable, roles, groups,
//! forced password reset).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::admin::server_fns::{
    CreateUser, ResetPassword, UpdateUser, get_user, list_groups, list_roles, list_users,
};
use crate::admin::{GroupRecord, RoleRecord, UserRecord};
use crate::i18n::use_i18n;
use crate::ui::forms::{Field, FormError, Saved};

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q").unwrap_or_default());
    let create = ServerAction::<CreateUser>::new();
    let users = Resource::new(
        move || (search(), create.version().get()),
        |(search, _)| list_users(search),
    );
    let roles = Resource::new(|| (), |_| list_roles());
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <h1>{i18n.tr("admin-users-heading")}</h1>
        <form method="get" action="/admin/users" class="search-form" role="search">
            <label for="user-search">{i18n.tr("admin-users-search")}</label>
            <input id="user-search" type="search" name="q" value=search />
            <button type="submit">{i18n.tr("search-submit")}</button>
        </form>
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(page) => view! { <UserTable users=page.data /> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="new-user-heading">
            <h2 id="new-user-heading">{i18n.tr("admin-users-new")}</h2>
            <ActionForm action=create attr:class="stacked-form">
                <Field label="field-username" name="username" autocomplete="off" id_prefix="new-" />
                <Field label="field-email" name="email" kind="email" required=false id_prefix="new-" />
                <Field label="admin-users-temporary-password" name="password" kind="password" autocomplete="new-password" hint="password-hint" id_prefix="new-" />
                <Transition>
                    {move || Suspend::new(async move {
                        let roles = roles.await.unwrap_or_default();
                        view! { <RoleChoices roles held=vec!["user".to_owned()] /> }
                    })}
                </Transition>
                <FormError error />
                <Saved value=create.value() key="admin-users-created" />
                <button type="submit" disabled=move || create.pending().get()>{i18n.tr("admin-users-create")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn UserTable(users: Vec<UserRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = users.is_empty();
    view! {
        <Show when=move || empty>
            <p>{i18n.tr("admin-users-none")}</p>
        </Show>
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{i18n.tr("field-username")}</th>
                    <th scope="col">{i18n.tr("profile-display-name")}</th>
                    <th scope="col">{i18n.tr("admin-users-roles")}</th>
                    <th scope="col">{i18n.tr("admin-users-groups")}</th>
                    <th scope="col">{i18n.tr("admin-users-status")}</th>
                </tr>
            </thead>
            <tbody>
                {users.into_iter().map(|user| {
                    let status = if user.is_active { "admin-users-active" } else { "admin-users-disabled" };
                    let data_user = user.username.clone();
                    view! {
                        <tr data-user=data_user>
                            <td><a href=format!("/admin/users/{}", user.id)>{user.username}</a></td>
                            <td>{user.display_name}</td>
                            <td>{user.roles.join(", ")}</td>
                            <td>{user.groups.into_iter().map(|g| g.name).collect::<Vec<_>>().join(", ")}</td>
                            <td>{i18n.tr(status)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A checkbox per role, named `roles[]` so the ticked ones arrive as a list.
#[component]
fn RoleChoices(roles: Vec<RoleRecord>, held: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="choices">
            <legend>{i18n.tr("admin-users-roles")}</legend>
            {roles.into_iter().map(|role| {
                let checked = held.contains(&role.name);
                view! {
                    <label class="choice">
                        <input type="checkbox" name="roles[]" value=role.name.clone() checked=checked />
                        " " {role.name}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn GroupChoices(groups: Vec<GroupRecord>, held: Vec<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = groups.is_empty();
    view! {
        <fieldset class="choices">
            <legend>{i18n.tr("admin-users-groups")}</legend>
            <Show when=move || empty>
                <p>{i18n.tr("admin-groups-none")}</p>
            </Show>
            {groups.into_iter().map(|group| {
                let checked = held.contains(&group.id);
                view! {
                    <label class="choice">
                        <input type="checkbox" name="groups[]" value=group.id checked=checked />
                        " " {group.name}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn AdminUserPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::ui::id_param();
    let save = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let user = Resource::new(
        move || (id(), save.version().get(), reset.version().get()),
        |(id, _, _)| get_user(id),
    );
    let choices = Resource::new(
        || (),
        |_| async move { Ok::<_, crate::error::AppError>((list_roles().await?, list_groups().await?)) },
    );
    let save_error = Signal::derive(move || save.value().get().and_then(Result::err));
    let reset_error = Signal::derive(move || reset.value().get().and_then(Result::err));
    view! {
        <p><a href="/admin/users">{i18n.tr("admin-users-back")}</a></p>
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                let (user, choices) = match (user.await, choices.await) {
                    (Ok(user), Ok(choices)) => (user, choices),
                    (Err(e), _) | (_, Err(e)) => {
                        return view! { <h1>{i18n.tr("admin-users-heading")}</h1><p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any();
                    }
                };
                let (roles, groups) = choices;
                let held_groups = user.groups.iter().map(|g| g.id).collect();
                view! {
                    <h1>{user.username.clone()}</h1>
                    <ActionForm action=save attr:class="stacked-form">
                        <input type="hidden" name="id" value=user.id />
                        <Field label="profile-display-name" name="display_name" required=false value=user.display_name.clone() />
                        <Field label="field-email" name="email" kind="email" required=false value=user.email.clone().unwrap_or_default() />
                        <label class="choice">
                            <input type="checkbox" name="active" checked=user.is_active />
                            " " {i18n.tr("admin-users-active-label")}
                        </label>
                        <RoleChoices roles held=user.roles.clone() />
                        <GroupChoices groups held=held_groups />
                        <FormError error=save_error />
                        <Saved value=save.value() key="profile-saved" />
                        <button type="submit" disabled=move || save.pending().get()>{i18n.tr("profile-save")}</button>
                    </ActionForm>
                    <section aria-labelledby="reset-heading">
                        <h2 id="reset-heading">{i18n.tr("admin-users-reset-heading")}</h2>
                        <p>{i18n.tr("admin-users-reset-intro")}</p>
                        <ActionForm action=reset attr:class="stacked-form">
                            <input type="hidden" name="id" value=user.id />
                            <Field label="admin-users-temporary-password" name="temporary_password" kind="password" autocomplete="new-password" hint="password-hint" />
                            <FormError error=reset_error />
                            <Saved value=reset.value() key="admin-users-reset-done" />
                            <button type="submit">{i18n.tr("admin-users-reset-submit")}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Transition>
    }
}
