//! What the pages of emailed links share: a refused link is said in words, with what to do
//! next. (The token rides in the address's fragment, which browsers never send to a server;
//! the router hands it to the page.)

use dioxus::prelude::*;
use onsplan_shared::{ClientError, ErrorCode};

use crate::api::error_key;
use crate::i18n::K;
use crate::platform;

/// Which kind of link a page opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Invite,
    /// A password reset or a first-password (activation) link.
    Password,
}

/// Loads the page afresh when another link is opened in the same tab: only the fragment
/// changes then, which the router does not notice.
pub fn use_fresh_page_per_link() {
    use_hook(platform::reload_on_fragment_change);
}

/// Why a link was refused, and what to do next, for this kind of link.
pub fn link_refusal(err: &ClientError, kind: LinkKind) -> K {
    let invite = kind == LinkKind::Invite;
    match err.code() {
        Some(ErrorCode::LinkExpired) if invite => K::LinkExpiredInvite,
        Some(ErrorCode::LinkExpired) => K::LinkExpiredReset,
        Some(ErrorCode::LinkUsed) if invite => K::LinkUsedInvite,
        Some(ErrorCode::LinkUsed) => K::LinkUsedReset,
        Some(ErrorCode::LinkRevoked) => K::LinkRevokedInvite,
        Some(ErrorCode::LinkSuperseded) if invite => K::LinkSupersededInvite,
        Some(ErrorCode::LinkSuperseded) => K::LinkSupersededReset,
        Some(ErrorCode::LinkInvalid | ErrorCode::NotFound) if invite => K::LinkInvalidInvite,
        Some(ErrorCode::LinkInvalid | ErrorCode::NotFound) => K::LinkInvalidReset,
        Some(ErrorCode::InviteEmailMismatch) => K::AcceptOtherAccount,
        Some(ErrorCode::AlreadyMember) => K::ErrAlreadyMember,
        _ => error_key(err),
    }
}

/// Whether the refusal means this link will never work again (so the form is not offered).
pub fn link_is_dead(err: &ClientError) -> bool {
    matches!(
        err.code(),
        Some(
            ErrorCode::LinkExpired
                | ErrorCode::LinkUsed
                | ErrorCode::LinkRevoked
                | ErrorCode::LinkSuperseded
                | ErrorCode::LinkInvalid
                | ErrorCode::NotFound
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use onsplan_shared::ApiError;

    fn refused(status: u16, code: ErrorCode) -> ClientError {
        ClientError::Api {
            status,
            error: ApiError::new(code, "refused"),
        }
    }

    #[test]
    fn each_dead_link_says_what_to_do_next_for_its_kind() {
        let expired = refused(410, ErrorCode::LinkExpired);
        assert_eq!(
            link_refusal(&expired, LinkKind::Invite),
            K::LinkExpiredInvite
        );
        assert_eq!(
            link_refusal(&expired, LinkKind::Password),
            K::LinkExpiredReset
        );
        let used = refused(410, ErrorCode::LinkUsed);
        assert_eq!(link_refusal(&used, LinkKind::Invite), K::LinkUsedInvite);
        let unknown = refused(404, ErrorCode::LinkInvalid);
        assert_eq!(
            link_refusal(&unknown, LinkKind::Invite),
            K::LinkInvalidInvite
        );
        for dead in [expired, used, unknown] {
            assert!(link_is_dead(&dead));
        }
        let mismatch = refused(403, ErrorCode::InviteEmailMismatch);
        assert_eq!(
            link_refusal(&mismatch, LinkKind::Invite),
            K::AcceptOtherAccount
        );
        assert!(
            !link_is_dead(&mismatch),
            "another account may still accept it"
        );
        assert!(!link_is_dead(&refused(429, ErrorCode::RateLimited)));
    }
}
