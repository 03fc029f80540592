//! Permissions `<model>:<action>:<scope>`: what a role allows, on which records. `all` covers
//! every record, `group` the records of the caller's groups, `own` the caller's own records.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = PermissionParseError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err(PermissionParseError(text.to_owned())),
                }
            }
        }
    };
}

named_enum!(
    /// What a permission is about.
    Model {
        Resource => "resource",
        Reservation => "reservation",
        Waitlist => "waitlist",
        Approval => "approval",
        User => "user",
        Role => "role",
        Permission => "permission",
        Group => "group",
        Session => "session",
        Audit => "audit",
        Analytics => "analytics",
        Webhook => "webhook",
        Settings => "settings",
    }
);

named_enum!(
    /// What may be done.
    Action {
        Create => "create",
        Read => "read",
        Update => "update",
        Delete => "delete",
    }
);

named_enum!(
    /// On which records.
    Scope {
        All => "all",
        Group => "group",
        Own => "own",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a permission (want <model>:<action>:<scope>): {0:?}")]
pub struct PermissionParseError(pub String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Permission {
    pub model: Model,
    pub action: Action,
    pub scope: Scope,
}

impl Permission {
    pub const fn new(model: Model, action: Action, scope: Scope) -> Self {
        Permission {
            model,
            action,
            scope,
        }
    }
}

impl Permission {
    /// Every permission there is, model by model, action by action, scope by scope.
    pub fn all() -> impl Iterator<Item = Permission> {
        Model::ALL.iter().flat_map(|&model| {
            Action::ALL.iter().flat_map(move |&action| {
                Scope::ALL
                    .iter()
                    .map(move |&scope| Permission::new(model, action, scope))
            })
        })
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            self.model.as_str(),
            self.action.as_str(),
            self.scope.as_str()
        )
    }
}

impl FromStr for Permission {
    type Err = PermissionParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || PermissionParseError(text.to_owned());
        let mut parts = text.split(':');
        let (Some(model), Some(action), Some(scope), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        Ok(Permission {
            model: model.parse().map_err(|_| bad())?,
            action: action.parse().map_err(|_| bad())?,
            scope: scope.parse().map_err(|_| bad())?,
        })
    }
}

/// Who owns a record, for deciding `own` and `group` scopes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordOwnership {
    pub owner_user_id: Option<i64>,
    pub group_ids: Vec<i64>,
}

/// Everything one person may do: the union of their roles' permissions, and their groups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grants {
    pub user_id: i64,
    pub permissions: BTreeSet<Permission>,
    pub group_ids: BTreeSet<i64>,
}

impl Grants {
    fn has(&self, model: Model, action: Action, scope: Scope) -> bool {
        self.permissions
            .contains(&Permission::new(model, action, scope))
    }

    /// Whether the person may do `action` on `model` records at all (e.g. to show a menu entry
    /// or accept a create request before its target is known).
    pub fn may(&self, model: Model, action: Action) -> bool {
        Scope::ALL
            .iter()
            .any(|&scope| self.has(model, action, scope))
    }

    /// Whether the person may do `action` on every record of `model`.
    pub fn may_all(&self, model: Model, action: Action) -> bool {
        self.has(model, action, Scope::All)
    }

    /// Whether the person may do `action` on this particular record.
    pub fn may_on(&self, model: Model, action: Action, record: &RecordOwnership) -> bool {
        self.has(model, action, Scope::All)
            || (self.has(model, action, Scope::Own) && record.owner_user_id == Some(self.user_id))
            || (self.has(model, action, Scope::Group)
                && record.group_ids.iter().any(|g| self.group_ids.contains(g)))
    }

    /// Whether the person holds every one of `permissions`, exactly or through scope `all`:
    /// nobody hands out (by editing a role or assigning one) more than they hold themselves.
    pub fn covers<'a>(&self, permissions: impl IntoIterator<Item = &'a Permission>) -> bool {
        permissions
            .into_iter()
            .all(|p| self.permissions.contains(p) || self.has(p.model, p.action, Scope::All))
    }
}

/// The roles every installation has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinRole {
    Admin,
    Manager,
    User,
    Viewer,
}

impl BuiltinRole {
    pub const ALL: [BuiltinRole; 4] = [
        BuiltinRole::Admin,
        BuiltinRole::Manager,
        BuiltinRole::User,
        BuiltinRole::Viewer,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BuiltinRole::Admin => "admin",
            BuiltinRole::Manager => "manager",
            BuiltinRole::User => "user",
            BuiltinRole::Viewer => "viewer",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            BuiltinRole::Admin => "Everything, everywhere.",
            BuiltinRole::Manager => {
                "Manages the resources, reservations and approvals of their groups; reads analytics."
            }
            BuiltinRole::User => {
                "Books resources; manages their own reservations, waitlist entries and webhooks."
            }
            BuiltinRole::Viewer => {
                "Reads resources and schedules; changes nothing but their profile."
            }
        }
    }

    /// The permissions a fresh installation gives the role.
    pub fn default_permissions(self) -> BTreeSet<Permission> {
        use Action::*;
        use Model::*;
        use Scope::{All, Group as Grp, Own};
        let profile = [
            (User, Read, Own),
            (User, Update, Own),
            (Session, Read, Own),
            (Session, Delete, Own),
        ];
        // Hearing of one's own bookings, as in the API Reserver replaces; such webhooks post
        // only to public addresses unless the host allows more (`services::webhooks::OwnReach`).
        let webhooks_of_ones_own = [
            (Webhook, Create, Own),
            (Webhook, Read, Own),
            (Webhook, Update, Own),
            (Webhook, Delete, Own),
        ];
        let list: Vec<(Model, Action, Scope)> = match self {
            BuiltinRole::Admin => {
                return Model::ALL
                    .iter()
                    .flat_map(|&m| {
                        Action::ALL
                            .iter()
                            .map(move |&a| self::Permission::new(m, a, All))
                    })
                    .collect();
            }
            BuiltinRole::Manager => [
                (Resource, Read, All),
                (Resource, Create, Grp),
                (Resource, Update, Grp),
                (Resource, Delete, Grp),
                (Reservation, Create, Own),
                (Reservation, Read, Own),
                (Reservation, Update, Own),
                (Reservation, Delete, Own),
                (Reservation, Read, Grp),
                (Reservation, Update, Grp),
                (Reservation, Delete, Grp),
                (Approval, Read, Grp),
                (Approval, Update, Grp),
                (Waitlist, Create, Own),
                (Waitlist, Read, Own),
                (Waitlist, Delete, Own),
                (Group, Read, Own),
                (Analytics, Read, Grp),
            ]
            .into_iter()
            .chain(webhooks_of_ones_own)
            .chain(profile)
            .collect(),
            BuiltinRole::User => [
                (Resource, Read, All),
                (Reservation, Create, Own),
                (Reservation, Read, Own),
                (Reservation, Update, Own),
                (Reservation, Delete, Own),
                (Waitlist, Create, Own),
                (Waitlist, Read, Own),
                (Waitlist, Delete, Own),
            ]
            .into_iter()
            .chain(webhooks_of_ones_own)
            .chain(profile)
            .collect(),
            BuiltinRole::Viewer => [(Resource, Read, All), (Reservation, Read, Own)]
                .into_iter()
                .chain(profile)
                .collect(),
        };
        list.into_iter()
            .map(|(m, a, s)| self::Permission::new(m, a, s))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_round_trip_through_their_text_form() {
        for text in ["resource:update:group", "user:read:own", "audit:read:all"] {
            let permission: Permission = text.parse().unwrap();
            assert_eq!(permission.to_string(), text);
        }
    }

    #[test]
    fn malformed_permissions_are_refused() {
        for text in [
            "",
            "resource",
            "resource:read",
            "resource:read:all:x",
            "thing:read:all",
            "resource:fly:all",
            "resource:read:some",
        ] {
            assert!(text.parse::<Permission>().is_err(), "{text}");
        }
    }

    fn grants(role: BuiltinRole, user_id: i64, groups: &[i64]) -> Grants {
        Grants {
            user_id,
            permissions: role.default_permissions(),
            group_ids: groups.iter().copied().collect(),
        }
    }

    #[test]
    fn scopes_decide_which_records_a_permission_reaches() {
        let mine = RecordOwnership {
            owner_user_id: Some(7),
            group_ids: vec![],
        };
        let theirs = RecordOwnership {
            owner_user_id: Some(8),
            group_ids: vec![3],
        };
        let user = grants(BuiltinRole::User, 7, &[]);
        assert!(user.may_on(Model::Reservation, Action::Delete, &mine));
        assert!(!user.may_on(Model::Reservation, Action::Delete, &theirs));

        let manager_of_3 = grants(BuiltinRole::Manager, 9, &[3]);
        let manager_of_4 = grants(BuiltinRole::Manager, 9, &[4]);
        assert!(manager_of_3.may_on(Model::Reservation, Action::Update, &theirs));
        assert!(!manager_of_4.may_on(Model::Reservation, Action::Update, &theirs));

        let admin = grants(BuiltinRole::Admin, 1, &[]);
        assert!(admin.may_on(Model::Reservation, Action::Delete, &theirs));
    }

    #[test]
    fn builtin_roles_match_their_descriptions() {
        let admin = grants(BuiltinRole::Admin, 1, &[]);
        let viewer = grants(BuiltinRole::Viewer, 2, &[]);
        let user = grants(BuiltinRole::User, 3, &[]);
        for &model in Model::ALL {
            for &action in Action::ALL {
                assert!(admin.may_all(model, action), "admin {model:?} {action:?}");
            }
            for action in [Action::Create, Action::Delete] {
                if model != Model::Session {
                    assert!(
                        !viewer.may(model, action),
                        "viewer may {action:?} {model:?}"
                    );
                }
            }
        }
        assert!(user.may(Model::Reservation, Action::Create));
        assert!(admin.covers(&BuiltinRole::Manager.default_permissions()));
        assert!(!user.covers(&BuiltinRole::Manager.default_permissions()));
        assert!(user.covers(&BuiltinRole::User.default_permissions()));
        assert!(!user.may(Model::Resource, Action::Create));
        assert!(!user.may(Model::User, Action::Create));
        assert!(!user.may_all(Model::User, Action::Read));
    }
}
