//! Access tokens: short-lived HS256 JWTs carrying the account id and the account's session
//! epoch at issue time (the extractor refuses a token whose epoch is no longer the account's).
//! One algorithm is allowed; `exp`, `iss`, `aud` and `sub` are required; the leeway is five
//! seconds.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::Secret;

/// The audience of every access token this server issues.
pub const AUDIENCE: &str = "onsplan-api";
/// Clock skew tolerated when checking `exp`, in seconds.
pub const LEEWAY_SECS: u64 = 5;
const TOKEN_TYPE: &str = "access";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub exp: i64,
    pub iat: i64,
    pub iss: String,
    pub aud: String,
    /// Always "access": keeps any other JWT this server might sign from passing as one.
    pub typ: String,
    /// The account's session epoch when the token was issued. Tokens from before this claim
    /// existed count as epoch 0, every account's first.
    #[serde(default)]
    pub epoch: i64,
}

/// Who a valid access token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub user_id: String,
    /// Compared with the account's current session epoch on every request.
    pub epoch: i64,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    lifetime_secs: i64,
}

impl JwtKeys {
    pub fn new(secret: &Secret, issuer: &str, lifetime_secs: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECS;
        validation.validate_nbf = false;
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        Self {
            encoding: EncodingKey::from_secret(secret.expose()),
            decoding: DecodingKey::from_secret(secret.expose()),
            validation,
            issuer: issuer.to_string(),
            lifetime_secs,
        }
    }

    pub fn lifetime_secs(&self) -> i64 {
        self.lifetime_secs
    }

    /// A new access token for `user_id`, whose account is at session epoch `epoch`.
    pub fn issue(&self, user_id: &str, epoch: i64) -> String {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            sub: user_id.to_string(),
            exp: now + self.lifetime_secs,
            iat: now,
            iss: self.issuer.clone(),
            aud: AUDIENCE.to_string(),
            typ: TOKEN_TYPE.to_string(),
            epoch,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing with an in-memory key cannot fail")
    }

    /// The account id and epoch in a valid access token, or `None` for anything else:
    /// expired, wrongly signed, another algorithm, a missing claim, another issuer or audience.
    pub fn verify(&self, token: &str) -> Option<Verified> {
        let data = decode::<AccessClaims>(token, &self.decoding, &self.validation).ok()?;
        (data.claims.typ == TOKEN_TYPE).then_some(Verified {
            user_id: data.claims.sub,
            epoch: data.claims.epoch,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> JwtKeys {
        JwtKeys::new(
            &Secret::new(vec![7; 32]).unwrap(),
            "https://onsplan.test",
            900,
        )
    }

    #[test]
    fn issued_token_verifies_to_its_subject() {
        let keys = keys();
        assert_eq!(
            keys.verify(&keys.issue("u1", 3)),
            Some(Verified {
                user_id: "u1".into(),
                epoch: 3
            })
        );
    }

    #[test]
    fn token_from_another_issuer_is_refused() {
        let other = JwtKeys::new(&Secret::new(vec![7; 32]).unwrap(), "https://evil.test", 900);
        assert_eq!(keys().verify(&other.issue("u1", 0)), None);
    }

    #[test]
    fn garbage_is_refused() {
        assert_eq!(keys().verify("not.a.jwt"), None);
        assert_eq!(keys().verify(""), None);
    }
}
