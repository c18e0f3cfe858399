//! Sealing outbox messages: AES-256-GCM with a random 96-bit nonce stored in front of the
//! ciphertext, and the outbox row id as associated data (a sealed message cannot be moved to
//! another row). Queued messages carry links, and the database must never hold a usable token
//! in clear.
//!
//! The key is derived with HKDF-SHA256 from `ONSPLAN_SEAL_KEY` (in development, without it,
//! from the JWT secret), so it stays the same when the JWT secret is rotated. Each sealed text
//! starts with the id of its key (`<key id>.<base64url>`), so keys can be rotated too: older
//! keys (`ONSPLAN_SEAL_KEYS_OLD`) still open what they sealed. Text without an id was sealed
//! before key ids existed, with SHA-256 of a label and the JWT secret; it stays readable.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use hkdf::Hkdf;
use sha2::{Digest, Sha256};

use crate::auth::tokens::random_bytes;
use crate::config::{Secret, Settings};

/// HKDF `info` of the sealing key.
const KEY_INFO: &[u8] = b"onsplan email outbox seal key v2";
/// HKDF `info` of the key's public id.
const KEY_ID_INFO: &[u8] = b"onsplan email outbox seal key id v2";
/// The label of the key used before key ids (SHA-256 of it and the JWT secret).
const LEGACY_KEY_LABEL: &[u8] = b"onsplan email outbox v1\0";
const NONCE_BYTES: usize = 12;

/// One sealing key and its id (16 hex digits, derived from the key secret; reveals nothing).
#[derive(Clone)]
struct SealKey {
    id: String,
    cipher: Aes256Gcm,
}

impl SealKey {
    fn derive(secret: &Secret) -> Self {
        let hkdf = Hkdf::<Sha256>::new(None, secret.expose());
        let mut key = [0u8; 32];
        let mut id = [0u8; 8];
        hkdf.expand(KEY_INFO, &mut key)
            .and_then(|()| hkdf.expand(KEY_ID_INFO, &mut id))
            .expect("HKDF-SHA256 can expand 32 bytes");
        Self {
            id: id.iter().map(|b| format!("{b:02x}")).collect(),
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key)),
        }
    }

    fn legacy(jwt_secret: &Secret) -> Aes256Gcm {
        let key = Sha256::new()
            .chain_update(LEGACY_KEY_LABEL)
            .chain_update(jwt_secret.expose())
            .finalize();
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key))
    }
}

#[derive(Clone)]
pub struct Sealer {
    current: SealKey,
    older: Vec<SealKey>,
    legacy: Option<Aes256Gcm>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer([redacted])")
    }
}

impl Sealer {
    /// Seals with a key derived from `secret`; opens only what that key sealed.
    pub fn new(secret: &Secret) -> Self {
        Self {
            current: SealKey::derive(secret),
            older: Vec::new(),
            legacy: None,
        }
    }

    /// The server's sealer: `ONSPLAN_SEAL_KEY` (or its development fallback) seals, older keys
    /// and the JWT secret's pre-key-id key still open.
    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            current: SealKey::derive(&settings.seal_key),
            older: settings.old_seal_keys.iter().map(SealKey::derive).collect(),
            legacy: Some(SealKey::legacy(&settings.jwt_secret)),
        }
    }

    /// The id of the key that seals, as stored in front of each sealed text.
    pub fn key_id(&self) -> &str {
        &self.current.id
    }

    /// `<key id>.base64url(nonce ‖ ciphertext)` of `plain`, bound to `row_id`.
    pub fn seal(&self, row_id: &str, plain: &[u8]) -> String {
        let nonce = random_bytes::<NONCE_BYTES>();
        let mut out = nonce.to_vec();
        let payload = Payload {
            msg: plain,
            aad: row_id.as_bytes(),
        };
        out.extend(
            self.current
                .cipher
                .encrypt(Nonce::from_slice(&nonce), payload)
                .expect("AES-GCM encryption of an in-memory message cannot fail"),
        );
        format!(
            "{}.{}",
            self.current.id,
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(out)
        )
    }

    /// The plain bytes, or an error when the text was altered, moved, or sealed with a key
    /// this sealer does not have.
    pub fn open(&self, row_id: &str, sealed: &str) -> anyhow::Result<Vec<u8>> {
        let (cipher, body) = match sealed.split_once('.') {
            Some((id, body)) => {
                let key = std::iter::once(&self.current)
                    .chain(&self.older)
                    .find(|key| key.id == id)
                    .ok_or_else(|| {
                        anyhow::anyhow!("sealed with key {id}, which this server does not have")
                    })?;
                (&key.cipher, body)
            }
            None => (
                self.legacy
                    .as_ref()
                    .ok_or_else(|| anyhow::anyhow!("sealed message without a key id"))?,
                sealed,
            ),
        };
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(body)?;
        anyhow::ensure!(bytes.len() > NONCE_BYTES, "sealed message too short");
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let payload = Payload {
            msg: ciphertext,
            aad: row_id.as_bytes(),
        };
        cipher
            .decrypt(Nonce::from_slice(nonce), payload)
            .map_err(|_| anyhow::anyhow!("sealed message cannot be opened"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(byte: u8) -> Secret {
        Secret::new(vec![byte; 40]).unwrap()
    }

    fn sealer(byte: u8) -> Sealer {
        Sealer::new(&secret(byte))
    }

    #[test]
    fn sealed_text_opens_only_for_its_row_and_key() {
        let sealed = sealer(1).seal("row-1", b"http://x/uitnodiging#secret-token");
        assert!(!sealed.contains("secret-token"));
        assert!(sealed.starts_with(&format!("{}.", sealer(1).key_id())));
        assert_eq!(
            sealer(1).open("row-1", &sealed).unwrap(),
            b"http://x/uitnodiging#secret-token"
        );
        assert!(sealer(1).open("row-2", &sealed).is_err());
        assert!(sealer(2).open("row-1", &sealed).is_err());
    }

    #[test]
    fn the_same_message_seals_differently_each_time() {
        assert_ne!(sealer(1).seal("r", b"m"), sealer(1).seal("r", b"m"));
    }

    #[test]
    fn an_older_key_still_opens_what_it_sealed_and_legacy_text_stays_readable() {
        let old = sealer(1).seal("row", b"oud");
        let rotated = Sealer {
            older: vec![SealKey::derive(&secret(1))],
            legacy: Some(SealKey::legacy(&secret(9))),
            ..sealer(2)
        };
        assert_eq!(rotated.open("row", &old).unwrap(), b"oud");
        assert_ne!(rotated.key_id(), sealer(1).key_id());

        // Sealed the way servers did before key ids: SHA-256 of a label and the JWT secret.
        let nonce = [7u8; NONCE_BYTES];
        let mut legacy = nonce.to_vec();
        legacy.extend(
            SealKey::legacy(&secret(9))
                .encrypt(
                    Nonce::from_slice(&nonce),
                    Payload {
                        msg: b"nog ouder",
                        aad: b"row",
                    },
                )
                .unwrap(),
        );
        let legacy = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(legacy);
        assert_eq!(rotated.open("row", &legacy).unwrap(), b"nog ouder");
        assert!(sealer(2).open("row", &legacy).is_err());
    }
}
