//! In-memory copies of read-mostly data, good while the database's version number for its
//! scope has not moved (migration 000007: triggers bump the number on every change, whoever
//! makes it). A request reads the numbers once, in one statement, instead of re-reading the
//! tables: several statements fewer on every booking, each a round trip to the database.
//!
//! Several processes sharing one PostgreSQL stay correct: each reads the numbers from the
//! database, so a change made through one is seen by the others on their next request.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

use super::ServiceError;

/// The version numbers of the cached scopes, as one request reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Versions {
    /// Roles, their permissions, and who holds which role and group.
    pub access: i64,
    /// Resources, groups, booking rules, business hours, blackouts, closures and quotas.
    pub catalog: i64,
}

#[derive(FromQueryResult)]
struct Stamp {
    scope: String,
    version: i64,
}

impl Versions {
    pub(crate) async fn read(db: &impl ConnectionTrait) -> Result<Versions, ServiceError> {
        let rows = Stamp::find_by_statement(Statement::from_string(
            db.get_database_backend(),
            "SELECT scope, version FROM cache_versions",
        ))
        .all(db)
        .await?;
        let of = |scope: &str| {
            rows.iter()
                .find(|row| row.scope == scope)
                .map(|row| row.version)
                .ok_or_else(|| ServiceError::Internal(format!("cache version {scope} missing")))
        };
        Ok(Versions {
            access: of("access")?,
            catalog: of("catalog")?,
        })
    }
}

/// Values computed from cached scopes, each kept with the version `V` it was read under.
/// Past `capacity` entries, those read under another version than the newcomer's are dropped,
/// then all of them if that is not enough.
pub(crate) struct Cache<K, V, T> {
    entries: Mutex<Option<HashMap<K, (V, T)>>>,
    capacity: usize,
}

impl<K: Eq + Hash, V: Eq + Copy, T: Clone> Cache<K, V, T> {
    pub(crate) const fn new(capacity: usize) -> Self {
        Cache {
            entries: Mutex::new(None),
            capacity,
        }
    }

    /// The value kept for `key` if it was read under `version`.
    pub(crate) fn get(&self, key: &K, version: V) -> Option<T> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.as_ref()?.get(key) {
            Some((kept, value)) if *kept == version => Some(value.clone()),
            _ => None,
        }
    }

    /// Keeps `value`, read under `version` (read before the value itself, so the value is at
    /// least as new as the version says).
    pub(crate) fn put(&self, key: K, version: V, value: T) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entries = entries.get_or_insert_with(HashMap::new);
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            entries.retain(|_, (kept, _)| *kept == version);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(key, (version, value));
    }

    /// The value for `key` under `version`, loaded by `load` when none is kept.
    pub(crate) async fn get_or_load<F>(
        &self,
        key: K,
        version: V,
        load: F,
    ) -> Result<T, ServiceError>
    where
        F: Future<Output = Result<T, ServiceError>>,
    {
        if let Some(value) = self.get(&key, version) {
            return Ok(value);
        }
        let value = load.await?;
        self.put(key, version, value.clone());
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_good_only_under_the_version_it_was_read_under() {
        let cache: Cache<i32, i64, &str> = Cache::new(8);
        assert_eq!(cache.get(&1, 10), None);
        cache.put(1, 10, "ten");
        assert_eq!(cache.get(&1, 10), Some("ten"));
        assert_eq!(cache.get(&1, 11), None, "a newer version misses");
        cache.put(1, 11, "eleven");
        assert_eq!(cache.get(&1, 11), Some("eleven"));
        assert_eq!(cache.get(&1, 10), None);
    }

    #[test]
    fn it_never_grows_past_its_capacity() {
        let cache: Cache<i32, i64, i32> = Cache::new(4);
        for key in 0..4 {
            cache.put(key, 1, key);
        }
        cache.put(4, 2, 4);
        assert_eq!(cache.get(&4, 2), Some(4));
        assert_eq!(cache.get(&0, 1), None, "entries of older versions go first");
        for key in 5..100 {
            cache.put(key, 2, key);
        }
        let kept = cache.entries.lock().unwrap().as_ref().unwrap().len();
        assert!(kept <= 4, "{kept}");
        assert_eq!(cache.get(&99, 2), Some(99));
    }
}
