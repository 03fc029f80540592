//! Random secrets and their storage forms: opaque tokens (stored as SHA-256) and passwords
//! (stored as argon2id PHC strings).

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

use super::ServiceError;

/// `bytes` random bytes from the operating system.
pub fn random_bytes(bytes: usize) -> Result<Vec<u8>, ServiceError> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer)
        .map_err(|e| ServiceError::Internal(format!("no randomness: {e}")))?;
    Ok(buffer)
}

/// A new opaque token: 32 random bytes, hex-encoded (256 bits of entropy).
pub fn new_token() -> Result<String, ServiceError> {
    Ok(hex(&random_bytes(32)?))
}

/// How tokens are stored: their SHA-256, so a leaked table reveals no usable secret.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to compare a password against when the account does not exist, so the time a
/// failed login takes does not reveal which usernames exist.
pub fn dummy_password_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("Dummy-passw0rd!").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_stored_as_argon2id_and_verify() {
        let stored = hash_password("Corr3ct-horse").unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify_password("Corr3ct-horse", &stored));
        assert!(!verify_password("corr3ct-horse", &stored));
        assert!(!verify_password("Corr3ct-horse", "not a hash"));
    }

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
