//! Sealing outbox messages: AES-256-GCM with a key derived from the server secret, a random
//! 96-bit nonce stored in front of the ciphertext, and the outbox row id as associated data (a
//! sealed message cannot be moved to another row). Queued messages carry links, and the
//! database must never hold a usable token in clear.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::auth::tokens::random_bytes;
use crate::config::Secret;

const KEY_LABEL: &[u8] = b"onsplan email outbox v1\0";
const NONCE_BYTES: usize = 12;

#[derive(Clone)]
pub struct Sealer {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer([redacted])")
    }
}

impl Sealer {
    /// Derives the key: SHA-256 of a fixed label and the server secret.
    pub fn new(secret: &Secret) -> Self {
        let key = Sha256::new()
            .chain_update(KEY_LABEL)
            .chain_update(secret.expose())
            .finalize();
        Self {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key)),
        }
    }

    /// base64url(nonce ‖ ciphertext) of `plain`, bound to `row_id`.
    pub fn seal(&self, row_id: &str, plain: &[u8]) -> String {
        let nonce = random_bytes::<NONCE_BYTES>();
        let mut out = nonce.to_vec();
        let payload = Payload {
            msg: plain,
            aad: row_id.as_bytes(),
        };
        out.extend(
            self.cipher
                .encrypt(Nonce::from_slice(&nonce), payload)
                .expect("AES-GCM encryption of an in-memory message cannot fail"),
        );
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(out)
    }

    /// The plain bytes, or an error when the text was altered, moved or sealed with another key.
    pub fn open(&self, row_id: &str, sealed: &str) -> anyhow::Result<Vec<u8>> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(sealed)?;
        anyhow::ensure!(bytes.len() > NONCE_BYTES, "sealed message too short");
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let payload = Payload {
            msg: ciphertext,
            aad: row_id.as_bytes(),
        };
        self.cipher
            .decrypt(Nonce::from_slice(nonce), payload)
            .map_err(|_| anyhow::anyhow!("sealed message cannot be opened"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(byte: u8) -> Sealer {
        Sealer::new(&Secret::new(vec![byte; 40]).unwrap())
    }

    #[test]
    fn sealed_text_opens_only_for_its_row_and_key() {
        let sealed = sealer(1).seal("row-1", b"http://x/uitnodiging#secret-token");
        assert!(!sealed.contains("secret-token"));
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
}
