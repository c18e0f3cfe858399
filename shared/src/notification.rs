//! Email reminders and the weekly word as people control them: the kinds of message, each
//! person's on/off setting per kind (`GET/PUT /api/v1/me/notifications`), and the answer of a
//! one-click unsubscribe (`POST /api/v1/unsubscribe/{token}`).

use serde::{Deserialize, Serialize};

/// A kind of message a person can switch on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Two days before my commitment's date, and the morning after it lapsed.
    Commitments,
    /// Parents: a week before the family's review date, and when it passed without a review.
    Reviews,
    /// Parents: a professional's access ends within a week.
    Grants,
    /// Parents: a relative took or finished an agreement (at most one email an hour).
    Activity,
    /// One short email a week per family: what changed, what is coming, what is overdue.
    WeeklyWord,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 5] = [
        NotificationKind::Commitments,
        NotificationKind::Reviews,
        NotificationKind::Grants,
        NotificationKind::Activity,
        NotificationKind::WeeklyWord,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Commitments => "commitments",
            NotificationKind::Reviews => "reviews",
            NotificationKind::Grants => "grants",
            NotificationKind::Activity => "activity",
            NotificationKind::WeeklyWord => "weekly_word",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

/// One kind of message and whether the person gets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationSetting {
    pub kind: NotificationKind,
    pub enabled: bool,
}

/// `GET /api/v1/me/notifications` (every kind) and the body of `PUT` (the kinds to change,
/// each at most once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationSettings {
    pub settings: Vec<NotificationSetting>,
}

impl NotificationSettings {
    pub fn enabled(&self, kind: NotificationKind) -> bool {
        self.settings
            .iter()
            .any(|setting| setting.kind == kind && setting.enabled)
    }
}

/// `POST /api/v1/unsubscribe/{token}`: the kind of message that is now off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnsubscribeResponse {
    pub kind: NotificationKind,
}
