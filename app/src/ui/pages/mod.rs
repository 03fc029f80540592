//! One file per page.

mod home;
mod login;
mod not_found;
mod register;
mod sessions;
mod setup;

pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use register::RegisterPage;
pub use sessions::{AdminSessionsPage, ProfilePage};
pub use setup::SetupPage;
