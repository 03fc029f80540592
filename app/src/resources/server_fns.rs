//! The server functions the catalog pages call; each is one service call.

use leptos::prelude::*;

use super::Resource;
use crate::error::AppError;
use crate::pagination::Page;

/// The first page of the catalog, for the home page.
#[server(prefix = "/api/fn", endpoint = "list_resources")]
pub async fn list_resources() -> Result<Page<Resource>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::catalog::list(
            &db,
            &principal,
            &super::ResourceFilter::default(),
            crate::pagination::PageRequest::default(),
        )
        .await?)
    })
    .await
}
