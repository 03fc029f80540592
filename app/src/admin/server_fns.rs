//! The server functions the admin pages call; each is one service call.
