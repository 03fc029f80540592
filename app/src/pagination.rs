//! Keyset pagination shared by every list: a page size, an opaque cursor that points after
//! the last row seen, and the page envelope of the REST API
//! (`{"data","next_cursor","has_more","total_count"}`).

use serde::{Deserialize, Serialize};

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

/// One page of a list, exactly as the REST API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub data: Vec<T>,
    pub next_cursor: Option<String>,
    pub has_more: bool,
    pub total_count: Option<u64>,
}

/// A validated request for one page: `limit` rows after the row with id `after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u64,
    pub after: Option<i64>,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            limit: DEFAULT_LIMIT,
            after: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PageRequestError {
    #[error("limit must be between 1 and {MAX_LIMIT}")]
    LimitOutOfRange,
    #[error("cursor is not one this server handed out")]
    BadCursor,
}

impl PageRequest {
    pub fn parse(limit: Option<u64>, cursor: Option<&str>) -> Result<Self, PageRequestError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(PageRequestError::LimitOutOfRange);
        }
        let after = match cursor.filter(|c| !c.is_empty()) {
            None => None,
            Some(cursor) => Some(decode_cursor(cursor).ok_or(PageRequestError::BadCursor)?),
        };
        Ok(PageRequest { limit, after })
    }
}

impl<T> Page<T> {
    /// Builds a page from rows fetched with `limit + 1` (the extra row only says whether more
    /// follow), turning each kept row into `T` and pointing the cursor after the last one.
    pub fn from_rows<R, E>(
        mut rows: Vec<R>,
        request: PageRequest,
        total_count: Option<u64>,
        id_of: impl Fn(&R) -> i64,
        convert: impl FnMut(R) -> Result<T, E>,
    ) -> Result<Self, E> {
        let has_more = rows.len() as u64 > request.limit;
        rows.truncate(request.limit as usize);
        let next_cursor = if has_more {
            rows.last().map(|row| encode_cursor(id_of(row)))
        } else {
            None
        };
        Ok(Page {
            data: rows.into_iter().map(convert).collect::<Result<_, _>>()?,
            next_cursor,
            has_more,
            total_count,
        })
    }

    /// One page of a short list read whole, in its own order (a resource's blackout dates, a
    /// reservation's history). Its cursor counts the rows earlier pages returned.
    pub fn from_all(mut all: Vec<T>, request: PageRequest) -> Self {
        let total = all.len();
        let skip = request
            .after
            .and_then(|seen| usize::try_from(seen).ok())
            .unwrap_or(0)
            .min(total);
        let mut data = all.split_off(skip);
        let has_more = data.len() as u64 > request.limit;
        data.truncate(request.limit as usize);
        let next_cursor = has_more.then(|| encode_cursor((skip + data.len()) as i64));
        Page {
            data,
            next_cursor,
            has_more,
            total_count: Some(total as u64),
        }
    }

    /// The same page position holding other data (e.g. rows turned into records).
    pub fn with_data<U>(self, data: Vec<U>) -> Page<U> {
        Page {
            data,
            next_cursor: self.next_cursor,
            has_more: self.has_more,
            total_count: self.total_count,
        }
    }
}

const CURSOR_PREFIX: &str = "after:";

/// Cursors are opaque to clients; the prefix keeps a stray number from passing as one.
pub fn encode_cursor(last_id: i64) -> String {
    hex_encode(format!("{CURSOR_PREFIX}{last_id}").as_bytes())
}

fn decode_cursor(cursor: &str) -> Option<i64> {
    let bytes = hex_decode(cursor)?;
    let text = std::str::from_utf8(&bytes).ok()?;
    text.strip_prefix(CURSOR_PREFIX)?.parse().ok()
}

fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_to_the_same_position() {
        let cursor = encode_cursor(42);
        let request = PageRequest::parse(Some(10), Some(&cursor)).unwrap();
        assert_eq!(
            request,
            PageRequest {
                limit: 10,
                after: Some(42)
            }
        );
    }

    #[test]
    fn missing_values_give_the_first_page_of_the_default_size() {
        assert_eq!(
            PageRequest::parse(None, None).unwrap(),
            PageRequest::default()
        );
        assert_eq!(
            PageRequest::parse(None, Some("")).unwrap(),
            PageRequest::default()
        );
    }

    #[test]
    fn a_page_keeps_the_limit_and_points_after_its_last_row() {
        let request = PageRequest {
            limit: 2,
            after: None,
        };
        let full: Page<i64> =
            Page::from_rows(vec![1, 2, 3], request, Some(9), |r| *r, Ok::<_, ()>).unwrap();
        assert_eq!(full.data, vec![1, 2]);
        assert!(full.has_more);
        assert_eq!(full.next_cursor, Some(encode_cursor(2)));
        let last: Page<i64> =
            Page::from_rows(vec![3], request, Some(9), |r| *r, Ok::<_, ()>).unwrap();
        assert!(!last.has_more);
        assert_eq!(last.next_cursor, None);
    }

    #[test]
    fn a_list_read_whole_is_paged_by_its_cursor_to_the_end() {
        let first = Page::from_all(
            vec!['a', 'b', 'c', 'd', 'e'],
            PageRequest::parse(Some(2), None).unwrap(),
        );
        assert_eq!(first.data, vec!['a', 'b']);
        assert!(first.has_more);
        assert_eq!(first.total_count, Some(5));
        let cursor = first.next_cursor.expect("a cursor");
        let second = Page::from_all(
            vec!['a', 'b', 'c', 'd', 'e'],
            PageRequest::parse(Some(2), Some(&cursor)).unwrap(),
        );
        assert_eq!(second.data, vec!['c', 'd']);
        let cursor = second.next_cursor.expect("a cursor");
        let last = Page::from_all(
            vec!['a', 'b', 'c', 'd', 'e'],
            PageRequest::parse(Some(2), Some(&cursor)).unwrap(),
        );
        assert_eq!(last.data, vec!['e']);
        assert!(!last.has_more);
        assert_eq!(last.next_cursor, None);
        // A cursor past the end of a list that shrank meanwhile gives an empty last page.
        let shrunk = Page::from_all(
            vec!['a'],
            PageRequest::parse(Some(2), Some(&cursor)).unwrap(),
        );
        assert_eq!((shrunk.data, shrunk.has_more), (vec![], false));
    }

    #[test]
    fn out_of_range_limits_and_forged_cursors_are_refused() {
        assert_eq!(
            PageRequest::parse(Some(0), None),
            Err(PageRequestError::LimitOutOfRange)
        );
        assert_eq!(
            PageRequest::parse(Some(MAX_LIMIT + 1), None),
            Err(PageRequestError::LimitOutOfRange)
        );
        for forged in ["42", "zz", "6166746572", "é"] {
            assert_eq!(
                PageRequest::parse(None, Some(forged)),
                Err(PageRequestError::BadCursor),
                "{forged}"
            );
        }
    }
}
