//! Importing resources from a CSV file, with the upload's progress shown as it goes.
//!
//! The form posts to `POST /api/v1/resources/upload`. In the browser the upload runs through
//! `XMLHttpRequest`, whose upload events give the bytes sent so far; then the server checks
//! every row and answers with what it imported or every problem by row. Without scripts the
//! same form still posts the file.

use leptos::prelude::*;
#[cfg(any(feature = "hydrate", test))]
use serde::Deserialize;

use crate::i18n::use_i18n;
use crate::resources::RowError;

/// Where an import stands. (The server renders only the idle state; the upload's states are
/// reached in the browser.)
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum ImportState {
    #[default]
    Idle,
    /// Percent of the file sent.
    Uploading(u32),
    /// Sent; the server is checking the rows.
    Checking,
    Imported(usize),
    Refused(Vec<RowError>),
    /// Refused as a whole (not allowed, not CSV, too large): the server's status.
    Failed(u16),
}

/// The server's answer: `{imported, errors}` on 201 and 422.
#[cfg(any(feature = "hydrate", test))]
#[derive(Debug, Default, Deserialize)]
struct UploadAnswer {
    #[serde(default)]
    imported: usize,
    #[serde(default)]
    errors: Vec<RowError>,
}

#[cfg(any(feature = "hydrate", test))]
impl ImportState {
    /// What the server's answer means for the person importing.
    fn from_answer(status: u16, body: &str) -> ImportState {
        match (status, serde_json::from_str::<UploadAnswer>(body)) {
            (201, Ok(answer)) => ImportState::Imported(answer.imported),
            (422, Ok(answer)) if !answer.errors.is_empty() => ImportState::Refused(answer.errors),
            _ => ImportState::Failed(status),
        }
    }
}

#[component]
pub fn CsvImport() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(ImportState::Idle);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            ev.prevent_default();
            if let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            {
                upload(&form, state);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let busy = move || {
        matches!(
            state.get(),
            ImportState::Uploading(_) | ImportState::Checking
        )
    };
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{i18n.tr("admin-import-heading")}</h2>
            <p id="import-hint">{i18n.tr("admin-import-hint")}</p>
            <form
                method="post"
                action="/api/v1/resources/upload"
                enctype="multipart/form-data"
                class="stacked-form"
                on:submit=on_submit
            >
                <div class="field">
                    <label for="import-file">{i18n.tr("admin-import-file")}</label>
                    <input id="import-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="import-hint" />
                </div>
                <button type="submit" disabled=busy>{i18n.tr("admin-import-submit")}</button>
            </form>
            <div class="import-status" aria-live="polite">
                {move || match state.get() {
                    ImportState::Idle => ().into_any(),
                    ImportState::Uploading(percent) => view! {
                        <label for="import-progress">{move || i18n.t_count("admin-import-uploading", "percent", percent as usize)}</label>
                        <progress id="import-progress" max="100" value=percent></progress>
                    }.into_any(),
                    ImportState::Checking => view! {
                        <label for="import-progress">{i18n.tr("admin-import-checking")}</label>
                        // No value: the bar shows work under way of unknown length.
                        <progress id="import-progress" max="100"></progress>
                    }.into_any(),
                    ImportState::Imported(count) => view! {
                        <p class="notice" role="status">{move || i18n.t_count("admin-import-done", "count", count)}</p>
                    }.into_any(),
                    ImportState::Refused(errors) => view! { <RowErrors errors /> }.into_any(),
                    ImportState::Failed(status) => {
                        let key = match status {
                            401 => "error-unauthorized",
                            403 => "error-forbidden",
                            413 | 400 => "admin-import-unreadable",
                            0 => "error-unavailable",
                            _ => "error-generic",
                        };
                        view! { <p class="form-error" role="alert">{i18n.tr(key)}</p> }.into_any()
                    }
                }}
            </div>
            <p><a href="/api/v1/resources/export.csv" download="resources.csv">{i18n.tr("admin-export")}</a></p>
        </section>
    }
}

/// The problems that stopped an import, one line per row and column.
#[component]
fn RowErrors(errors: Vec<RowError>) -> impl IntoView {
    let i18n = use_i18n();
    let count = errors.len();
    view! {
        <div role="alert">
            <p class="form-error">{move || i18n.t_count("admin-import-refused", "count", count)}</p>
            <table class="data-table import-errors">
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr("admin-import-row")}</th>
                        <th scope="col">{i18n.tr("admin-import-column")}</th>
                        <th scope="col">{i18n.tr("admin-import-problem")}</th>
                    </tr>
                </thead>
                <tbody>
                    {errors.into_iter().map(|e| view! {
                        <tr>
                            <td>{e.row}</td>
                            <td>{e.column.unwrap_or_default()}</td>
                            <td>{e.message}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Sends the form's file, reporting progress into `state` until the server answers.
#[cfg(feature = "hydrate")]
fn upload(form: &web_sys::HtmlFormElement, state: RwSignal<ImportState>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{FormData, ProgressEvent, XmlHttpRequest};

    let (Ok(data), Ok(request)) = (FormData::new_with_form(form), XmlHttpRequest::new()) else {
        state.set(ImportState::Failed(0));
        return;
    };
    if request.open("POST", "/api/v1/resources/upload").is_err() {
        state.set(ImportState::Failed(0));
        return;
    }
    let _ = request.set_request_header("Accept", "application/json");
    state.set(ImportState::Uploading(0));
    // Each handler lives as long as the request; one upload leaks these three small closures.
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            let percent = (e.loaded() / e.total() * 100.0).round().clamp(0.0, 100.0) as u32;
            state.set(if percent >= 100 {
                ImportState::Checking
            } else {
                ImportState::Uploading(percent)
            });
        }
    });
    let sent = Closure::<dyn FnMut()>::new(move || state.set(ImportState::Checking));
    let answered = request.clone();
    let on_end = Closure::<dyn FnMut()>::new(move || {
        let status = answered.status().unwrap_or(0);
        let body = answered.response_text().ok().flatten().unwrap_or_default();
        state.set(ImportState::from_answer(status, &body));
    });
    if let Ok(upload) = request.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        upload.set_onload(Some(sent.as_ref().unchecked_ref()));
    }
    request.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    on_progress.forget();
    sent.forget();
    on_end.forget();
    if request.send_with_opt_form_data(Some(&data)).is_err() {
        state.set(ImportState::Failed(0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_answers_become_what_the_page_says() {
        assert_eq!(
            ImportState::from_answer(201, r#"{"imported":3,"errors":[]}"#),
            ImportState::Imported(3)
        );
        let refused = ImportState::from_answer(
            422,
            r#"{"detail":"x","code":"invalid_csv","imported":0,"errors":[{"row":2,"column":"name","message":"name is required"}]}"#,
        );
        assert!(matches!(refused, ImportState::Refused(ref e) if e.len() == 1 && e[0].row == 2));
        assert_eq!(
            ImportState::from_answer(403, r#"{"detail":"not allowed"}"#),
            ImportState::Failed(403)
        );
        assert_eq!(
            ImportState::from_answer(422, r#"{"detail":"not UTF-8"}"#),
            ImportState::Failed(422)
        );
    }
}
