//! The pages' routes, lazy: a page's code is split out of the first-load bundle and loaded
//! with the page (the server renders every page as before). Pages that share most of their
//! code load as one group, so a page needs a few chunks, not hundreds:
//! `scripts/build-site.sh` splits the bundle at each group's function below, and the server
//! preloads the chunks of the page it rendered.

use std::any::TypeId;

use leptos::prelude::*;
use leptos_router::LazyRoute;

use super::lazy::{NotLoaded, PageNotLoaded, lazy_view};
use super::pages::{
    AdminAnalyticsPage, AdminGroupRulesPage, AdminGroupsPage, AdminResourcePage,
    AdminResourcesPage, AdminRolePage, AdminRolesPage, AdminRulesPage, AdminSessionsPage,
    AdminTypesPage, AdminUserPage, AdminUsersPage, ApprovalsPage, HomePage, LoginPage,
    NotificationsPage, ProfilePage, RegisterPage, ReservationsPage, ResourcePage, ResourcesPage,
    SetupPage, TimelinePage, WaitlistPage,
};

/// Defines, for one group, its lazy function (one chunk) and a route type per page.
macro_rules! page_group {
    ($group:ident, $preload:ident: $($route:ident => $page:ident),+ $(,)?) => {
        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_route: Self) -> AnyView {
                    $group(TypeId::of::<$route>())
                        .await
                        .unwrap_or_else(|NotLoaded| view! { <PageNotLoaded /> }.into_any())
                }

                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    if $preload().await.is_err() {
                        super::lazy::preload_failed();
                    }
                }
            }
        )+

        lazy_view! {
            /// The group's pages, one of which `route` names.
            fn $group(route: TypeId) {
                $(
                    if route == TypeId::of::<$route>() {
                        view! { <$page /> }.into_any()
                    } else
                )+
                { ().into_any() }
            }
            preload $preload
        }
    };
}

page_group!(entry_pages, __preload_entry_pages:
    Login => LoginPage,
    Register => RegisterPage,
    Setup => SetupPage,
);

// The home page, where most visits start, on its own, without the calendar pages' grids (the
// booking dialog is a lazy piece of its own, see `calendar::BookingDialog`).
page_group!(home_page, __preload_home_page:
    Home => HomePage,
);

page_group!(calendar_pages, __preload_calendar_pages:
    Resource => ResourcePage,
    Timeline => TimelinePage,
);

page_group!(list_pages, __preload_list_pages:
    Resources => ResourcesPage,
    Reservations => ReservationsPage,
    Approvals => ApprovalsPage,
    Waitlist => WaitlistPage,
    Notifications => NotificationsPage,
);

page_group!(profile_pages, __preload_profile_pages:
    Profile => ProfilePage,
);

page_group!(catalog_admin_pages, __preload_catalog_admin_pages:
    AdminResources => AdminResourcesPage,
    AdminResource => AdminResourcePage,
    AdminTypes => AdminTypesPage,
    AdminRules => AdminRulesPage,
    AdminGroups => AdminGroupsPage,
    AdminGroupRules => AdminGroupRulesPage,
    AdminAnalytics => AdminAnalyticsPage,
);

page_group!(account_admin_pages, __preload_account_admin_pages:
    AdminUsers => AdminUsersPage,
    AdminUser => AdminUserPage,
    AdminRoles => AdminRolesPage,
    AdminRole => AdminRolePage,
    AdminSessions => AdminSessionsPage,
);
