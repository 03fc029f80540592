//! Who is signed in, loaded once per page and shared by the header and the pages.

use leptos::prelude::*;

use crate::accounts::UserProfile;
use crate::accounts::server_fns::current_user;
use crate::error::AppError;

#[derive(Clone, Copy)]
pub struct CurrentUser(pub Resource<Result<Option<UserProfile>, AppError>>);

pub fn provide_current_user() -> CurrentUser {
    let user = CurrentUser(Resource::new(|| (), |_| current_user()));
    provide_context(user);
    user
}

pub fn use_current_user() -> CurrentUser {
    expect_context::<CurrentUser>()
}

/// Whether `profile` holds `permission` (`<model>:<action>:<scope>`).
pub fn holds(profile: &UserProfile, permission: &str) -> bool {
    profile.permissions.iter().any(|p| p == permission)
}

/// Loads `path` as a fresh page, so everything shown reflects the new sign-in state.
pub fn reload_to(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
