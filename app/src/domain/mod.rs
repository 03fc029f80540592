//! Pure rules shared by server and browser, with no I/O: what a valid password is, what a
//! permission means and whom it lets do what, when a resource can be booked.

pub mod availability;
pub mod password;
pub mod permissions;
pub mod recurrence;
#[cfg(test)]
mod testing;
