//! Fuzz targets for everything the server parses from strangers: the JSON request bodies
//! (each section kind's content included), the `If-Match` header, access tokens and emailed
//! link tokens. Each target takes raw bytes and checks that parsing never panics and that
//! what parses behaves: validation answers, a parsed body survives a serialise/parse round
//! trip unchanged, a token nobody signed is refused, a link token hashes to 64 hex digits.
//!
//! The same bodies run two ways: under libFuzzer with `cargo +nightly fuzz run <target>
//! --features libfuzzer` (the `fuzz_targets/` binaries), and on stable in `cargo test` over a
//! seed corpus and a few seconds of seeded random mutations (`tests/targets.rs`).

use onsplan_shared::auth::{
    ActivateAccountRequest, LoginRequest, LogoutRequest, RefreshRequest, RegisterRequest,
    UpdateLocaleRequest,
};
use onsplan_shared::consent::{
    ApproveAccessRequest, CreateAccessRequest, CreateGrantRequest, CreateProfessionalRequest,
    DeclineAccessRequest, LinkProfessionalRequest, UpdatePolicyRequest,
};
use onsplan_shared::family::CreateFamilyRequest;
use onsplan_shared::invite::{
    AcceptInviteRequest, CreateInviteRequest, InviteLookupRequest, PasswordResetConfirm,
    PasswordResetRequest,
};
use onsplan_shared::section::{etag_for, parse_if_match, CreateCommentRequest, SaveSectionRequest};
use onsplan_shared::section_content::SectionContent;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The server refuses larger bodies before parsing them (`http::MAX_BODY_BYTES`).
const MAX_BODY: usize = onsplan_server::http::MAX_BODY_BYTES;

/// Section content as stored and sent: parse, validate, round trip, and the kind it names.
pub fn section_content(data: &[u8]) {
    if let Some(content) = parsed::<SectionContent>(data) {
        let _ = content.validate();
        let _ = content.kind();
    }
}

/// Every request body the API accepts, chosen by the first byte, parsed like the server
/// parses it (serde_json, unknown fields refused), then validated where the server validates.
pub fn request_bodies(data: &[u8]) {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    match which % 22 {
        0 => check(body, SaveSectionRequest::validate_content),
        1 => check(body, CreateCommentRequest::validate),
        2 => check(body, RegisterRequest::validate),
        3 => check(body, CreateFamilyRequest::validate),
        4 => check(body, CreateInviteRequest::validate),
        5 => check(body, AcceptInviteRequest::validate_new_account),
        6 => check(body, PasswordResetConfirm::validate),
        7 => check(body, CreateGrantRequest::validate),
        8 => check(body, CreateAccessRequest::validate),
        9 => check(body, CreateProfessionalRequest::validate),
        10 => parse_only::<LoginRequest>(body),
        11 => parse_only::<RefreshRequest>(body),
        12 => parse_only::<LogoutRequest>(body),
        13 => parse_only::<UpdateLocaleRequest>(body),
        14 => parse_only::<ActivateAccountRequest>(body),
        15 => parse_only::<LinkProfessionalRequest>(body),
        16 => parse_only::<ApproveAccessRequest>(body),
        17 => parse_only::<DeclineAccessRequest>(body),
        18 => parse_only::<UpdatePolicyRequest>(body),
        19 => parse_only::<InviteLookupRequest>(body),
        20 => parse_only::<PasswordResetRequest>(body),
        _ => if_match(body),
    }
}

/// Access tokens and link tokens: no input panics; a token this server did not sign is
/// refused; a link token is refused when empty or too long and otherwise hashed to 64 hex
/// digits, the same every time.
pub fn tokens(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    assert_eq!(
        keys().verify(&text),
        None,
        "an unsigned token was accepted: {text:?}"
    );
    match onsplan_server::services::links::presented_hash(&text) {
        Ok(hash) => {
            assert_eq!(hash.len(), 64);
            assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
            assert_eq!(
                onsplan_server::services::links::presented_hash(&text).ok(),
                Some(hash)
            );
        }
        Err(err) => assert!(matches!(err, onsplan_server::errors::AppError::LinkInvalid)),
    }
}

/// The `If-Match` header: anything parses or is refused without panicking, and a version
/// the server sent as an `ETag` parses back to itself.
fn if_match(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(version) = parse_if_match(&text) {
        assert_eq!(parse_if_match(&etag_for(version)), Some(version));
    }
}

fn check<T: Serialize + DeserializeOwned, R>(data: &[u8], validate: fn(&T) -> R) {
    if let Some(body) = parsed::<T>(data) {
        let _ = validate(&body);
    }
}

fn parse_only<T: Serialize + DeserializeOwned>(data: &[u8]) {
    let _ = parsed::<T>(data);
}

/// Parses `data` as the server would and checks the round trip: what parsed serialises to
/// JSON that parses to the same value.
fn parsed<T: Serialize + DeserializeOwned>(data: &[u8]) -> Option<T> {
    if data.len() > MAX_BODY {
        return None;
    }
    let body: T = serde_json::from_slice(data).ok()?;
    let once = serde_json::to_value(&body).expect("a parsed body serialises");
    let again: T = serde_json::from_value(once.clone()).expect("a serialised body parses");
    assert_eq!(
        serde_json::to_value(&again).expect("serialises"),
        once,
        "the round trip changed the body"
    );
    Some(body)
}

/// Keys with a secret no input can know.
fn keys() -> &'static onsplan_server::auth::jwt::JwtKeys {
    static KEYS: std::sync::OnceLock<onsplan_server::auth::jwt::JwtKeys> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let secret =
            onsplan_server::config::Secret::new(b"fuzz-secret-that-no-input-can-know".to_vec())
                .expect("long enough");
        onsplan_server::auth::jwt::JwtKeys::new(&secret, "https://fuzz.test", 900)
    })
}

/// What the server checks of a section save before touching storage.
trait ValidateContent {
    fn validate_content(&self) -> onsplan_shared::validate::Checked;
}

impl ValidateContent for SaveSectionRequest {
    fn validate_content(&self) -> onsplan_shared::validate::Checked {
        self.content.validate()
    }
}
