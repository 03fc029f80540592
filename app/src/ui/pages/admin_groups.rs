//! `/admin/groups`: create and delete groups, add and remove members.

use leptos::prelude::*;

use crate::admin::GroupRecord;
use crate::admin::server_fns::{AddMember, CreateGroup, DeleteGroup, RemoveMember, list_groups};
use crate::i18n::use_i18n;
use crate::ui::forms::{Field, FormError};

#[component]
pub fn AdminGroupsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateGroup>::new();
    let delete = ServerAction::<DeleteGroup>::new();
    let add = ServerAction::<AddMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let groups = Resource::new(
        move || {
            (
                create.version().get(),
                delete.version().get(),
                add.version().get(),
                remove.version().get(),
            )
        },
        |_| list_groups(),
    );
    let error = Signal::derive(move || {
        [
            create.value().get().and_then(Result::err),
            delete.value().get().and_then(Result::err),
            add.value().get().and_then(Result::err),
            remove.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let actions = GroupActions {
        delete,
        add,
        remove,
    };
    view! {
        <h1>{i18n.tr("admin-groups-heading")}</h1>
        <FormError error />
        <Transition fallback=move || view! { <p>{i18n.tr("loading")}</p> }>
            {move || Suspend::new(async move {
                match groups.await {
                    Ok(groups) if groups.is_empty() => view! { <p>{i18n.tr("admin-groups-none")}</p> }.into_any(),
                    Ok(groups) => groups
                        .into_iter()
                        .map(|group| view! { <GroupCard group actions /> })
                        .collect_view()
                        .into_any(),
                    Err(e) => view! { <p class="error" role="alert">{i18n.tr(e.message_key())}</p> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="new-group-heading">
            <h2 id="new-group-heading">{i18n.tr("admin-groups-new")}</h2>
            <ActionForm action=create attr:class="stacked-form">
                <Field label="admin-groups-name" name="name" />
                <Field label="admin-description" name="description" required=false />
                <button type="submit">{i18n.tr("admin-groups-create")}</button>
            </ActionForm>
        </section>
    }
}

#[derive(Clone, Copy)]
struct GroupActions {
    delete: ServerAction<DeleteGroup>,
    add: ServerAction<AddMember>,
    remove: ServerAction<RemoveMember>,
}

#[component]
fn GroupCard(group: GroupRecord, actions: GroupActions) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("group-{}", group.id);
    let add_id = format!("add-member-{}", group.id);
    let group_name = group.name.clone();
    let data_group = group.name.clone();
    let labelled_by = heading_id.clone();
    view! {
        <section class="group-card" aria-labelledby=labelled_by data-group=data_group>
            <h2 id=heading_id>{group.name}</h2>
            <p>{group.description}</p>
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
