//! Opaque tokens (refresh tokens, and later invite and reset links): 32 random bytes,
//! base64url for the holder, SHA-256 hex at rest.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// `N` bytes from the operating system's random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

/// A new token: (what the holder gets, what the database keeps).
pub fn new_token() -> (String, String) {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>());
    let hash = hash_token(&raw);
    (raw, hash)
}

/// The stored form of a token.
pub fn hash_token(raw: &str) -> String {
    let digest = Sha256::digest(raw.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_43_chars_of_base64url_and_hash_to_64_hex() {
        let (raw, hash) = new_token();
        assert_eq!(raw.len(), 43);
        assert!(raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(hash.len(), 64);
        assert_eq!(hash, hash_token(&raw));
        assert_ne!(raw, hash);
    }

    #[test]
    fn two_tokens_differ() {
        assert_ne!(new_token().0, new_token().0);
    }
}
