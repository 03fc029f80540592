//! `/admin/groups`: create, place (in the tree) and delete groups, add and remove members; each
//! group links to its booking rules.

use leptos::prelude::*;

use crate::admin::GroupRecord;
use crate::admin::server_fns::{
    AddMember, CreateGroup, DeleteGroup, MoveGroup, RemoveMember, list_groups,
};
use crate::i18n::use_i18n;
use crate::resources::admin_fns::group_paths;
use crate::ui::forms::{Field, FormError};

#[component]
pub fn AdminGroupsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateGroup>::new();
    let delete = ServerAction::<DeleteGroup>::new();
    let add = ServerAction::<AddMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let place = ServerAction::<MoveGroup>::new();
    let groups = Resource::new(
        move || {
            (
                create.version().get(),
                delete.version().get(),
                add.version().get(),
                remove.version().get(),
                place.version().get(),
            )
        },
        |_| async move { Ok::<_, crate::error::AppError>((list_groups().await?, group_paths().await?)) },
    );
    let error = Signal::derive(move || {
        [
            create.value().get().and_then(Result::err),
            delete.value().get().and_then(Result::err),
            add.value().get().and_then(Result::err),
            remove.value().get().and_then(Result::err),
            place.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let actions = GroupActions {
        delete,
        add,
        remove,
        place,
    };
    view! {
        <h1>{i18n.tr("admin-groups-heading")}</h1>
        <FormError error />
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match groups.await {
                    Ok((groups, paths)) => {
                        let paths: Vec<(i64, String)> = paths.into_iter().map(|g| (g.id, g.path)).collect();
                        let choices = paths.clone();
                        view! {
                            {groups.is_empty().then(|| view! { <p>{i18n.tr("admin-groups-none")}</p> })}
                            {groups
                                .into_iter()
                                .map(|group| {
                                    let path = paths.iter().find(|(id, _)| *id == group.id).map(|(_, p)| p.clone()).unwrap_or_default();
                                    let others = paths.iter().filter(|(id, _)| *id != group.id).cloned().collect();
                                    view! { <GroupCard group path others actions /> }
                                })
                                .collect_view()}
                            <section aria-labelledby="new-group-heading">
                                <h2 id="new-group-heading">{i18n.tr("admin-groups-new")}</h2>
                                <ActionForm action=create attr:class="stacked-form">
                                    <Field label="admin-groups-name" name="name" />
                                    <Field label="admin-description" name="description" required=false />
                                    <ParentSelect id="new-group-parent".to_owned() choices selected=None />
                                    <button type="submit">{i18n.tr("admin-groups-create")}</button>
                                </ActionForm>
                            </section>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct GroupActions {
    delete: ServerAction<DeleteGroup>,
    add: ServerAction<AddMember>,
    remove: ServerAction<RemoveMember>,
    place: ServerAction<MoveGroup>,
}

/// The group a group sits in; the empty choice puts it at the top of the tree.
#[component]
fn ParentSelect(id: String, choices: Vec<(i64, String)>, selected: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id.clone()>{i18n.tr("admin-groups-parent")}</label>
            <select id=id name="parent_id">
                <option value="" selected=selected.is_none()>{i18n.tr("admin-groups-top-level")}</option>
                {choices.into_iter().map(|(id, path)| view! {
                    <option value=id selected=selected == Some(id)>{path}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn GroupCard(
    group: GroupRecord,
    path: String,
    others: Vec<(i64, String)>,
    actions: GroupActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("group-{}", group.id);
    let add_id = format!("add-member-{}", group.id);
    let group_name = group.name.clone();
    let data_group = group.name.clone();
    let labelled_by = heading_id.clone();
    view! {
        <section class="group-card" aria-labelledby=labelled_by data-group=data_group>
            <h2 id=heading_id>{group.name}</h2>
            {(path != group_name).then(|| view! { <p class="group-path">{path.clone()}</p> })}
            <p>{group.description}</p>
            <p><a href=format!("/admin/groups/{}/rules", group.id)>{i18n.tr("admin-groups-rules")}</a></p>
            <ActionForm action=actions.place attr:class="inline-form">
                <input type="hidden" name="id" value=group.id />
                <ParentSelect id=format!("parent-of-{}", group.id) choices=others selected=group.parent_id />
                <button type="submit">{i18n.tr("admin-groups-move")}</button>
            </ActionForm>
            <h3>{i18n.tr("admin-groups-members")}</h3>
            <ul>
                {group.members.into_iter().map(|member| {
                    let label = format!("{} {}", i18n.t("admin-groups-remove"), member.username);
                    view! {
                        <li>
                            {member.username.clone()} " "
                            <ActionForm action=actions.remove attr:class="inline-form">
                                <input type="hidden" name="group_id" value=group.id />
                                <input type="hidden" name="user_id" value=member.id />
                                <button type="submit" aria-label=label>{i18n.tr("admin-groups-remove")}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionForm action=actions.add attr:class="inline-form">
                <input type="hidden" name="group_id" value=group.id />
                <label for=add_id.clone()>{i18n.tr("admin-groups-add-label")}</label>
                <input id=add_id type="text" name="username" required autocomplete="off" />
                <button type="submit">{i18n.tr("admin-groups-add")}</button>
            </ActionForm>
            <ActionForm action=actions.delete attr:class="inline-form">
                <input type="hidden" name="id" value=group.id />
                <button type="submit" class="danger" aria-label=move || i18n.t_with("admin-groups-delete-named", "name", &group_name)>
                    {i18n.tr("admin-groups-delete")}
                </button>
            </ActionForm>
        </section>
    }
}
