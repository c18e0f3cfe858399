//! What the pages of emailed links share: a refused link is said in words, with what to do
//! next. (The token rides in the address's fragment, which browsers never send to a server;
//! the router hands it to the page.)

use onsplan_shared::{ClientError, ErrorCode};

use crate::api::error_key;
use crate::i18n::K;

/// Which kind of link a page opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Invite,
    /// A password reset or a first-password (activation) link.
    Password,
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
