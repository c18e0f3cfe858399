//! Diesel's view of the tables in `migrations/`. Kept by hand: only types common to SQLite and
//! PostgreSQL (text ids, `BigInt` millisecond times, `Bool`).

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        locale -> Text,
        created_at -> BigInt,
        disabled_at -> Nullable<BigInt>,
        kind -> Text,
        org_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        session_epoch -> BigInt,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        chain_id -> Text,
        token_hash -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
        revoked_at -> Nullable<BigInt>,
        used_by_client -> Nullable<Text>,
    }
}

diesel::table! {
    rate_counters (scope, subject) {
        scope -> Text,
        subject -> Text,
        window_start -> BigInt,
        expires_at -> BigInt,
        hits -> BigInt,
    }
}

diesel::table! {
    families (id) {
        id -> Text,
        name -> Text,
        both_parents_must_agree -> Bool,
        created_by -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    memberships (family_id, user_id) {
        family_id -> Text,
        user_id -> Text,
        role -> Text,
        joined_at -> BigInt,
    }
}

diesel::table! {
    sections (id) {
        id -> Text,
        family_id -> Text,
        kind -> Text,
        scope -> Text,
        owner_id -> Nullable<Text>,
        visibility -> Text,
        version -> BigInt,
        content -> Text,
        updated_at -> Nullable<BigInt>,
        updated_by -> Nullable<Text>,
    }
}

diesel::table! {
    section_revisions (id) {
        id -> Text,
        section_id -> Text,
        version -> BigInt,
        visibility -> Text,
        content -> Text,
        saved_by -> Text,
        saved_at -> BigInt,
    }
}

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        created_at -> BigInt,
        deactivated_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    account_activations (id) {
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    family_professionals (family_id, professional_id) {
        family_id -> Text,
        professional_id -> Text,
        linked_by -> Text,
        linked_at -> BigInt,
    }
}

diesel::table! {
    grants (id) {
        id -> Text,
        family_id -> Text,
        professional_id -> Text,
        granted_by -> Text,
        sections -> Text,
        can_comment -> Bool,
        valid_from -> BigInt,
        valid_until -> BigInt,
        created_at -> BigInt,
        activated_at -> Nullable<BigInt>,
        revoked_at -> Nullable<BigInt>,
        revoked_by -> Nullable<Text>,
        request_id -> Nullable<Text>,
        can_export -> Bool,
    }
}

diesel::table! {
    grant_approvals (grant_id, parent_id) {
        grant_id -> Text,
        parent_id -> Text,
        approved_at -> BigInt,
    }
}

diesel::table! {
    policy_changes (id) {
        id -> Text,
        family_id -> Text,
        both_parents_must_agree -> Bool,
        requested_by -> Text,
        requested_at -> BigInt,
        status -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    policy_change_approvals (change_id, parent_id) {
        change_id -> Text,
        parent_id -> Text,
        approved_at -> BigInt,
    }
}

diesel::table! {
    access_request_notices (id) {
        id -> Text,
        request_id -> Text,
        parent_id -> Text,
        queued_at -> BigInt,
    }
}

diesel::table! {
    access_requests (id) {
        id -> Text,
        family_id -> Text,
        professional_id -> Text,
        sections -> Text,
        reason -> Text,
        valid_from -> BigInt,
        valid_until -> BigInt,
        created_at -> BigInt,
        status -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<BigInt>,
        decline_reason -> Nullable<Text>,
        grant_id -> Nullable<Text>,
    }
}

diesel::table! {
    section_comments (id) {
        id -> Text,
        family_id -> Text,
        section_kind -> Text,
        author_id -> Text,
        body -> Text,
        created_at -> BigInt,
    }
}

diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(memberships -> families (family_id));
diesel::joinable!(sections -> families (family_id));
diesel::joinable!(section_revisions -> sections (section_id));
diesel::joinable!(section_revisions -> users (saved_by));

diesel::joinable!(users -> organisations (org_id));
diesel::joinable!(family_professionals -> families (family_id));
diesel::joinable!(family_professionals -> users (professional_id));

diesel::allow_tables_to_appear_in_same_query!(
    access_log,
    organisations,
    account_activations,
    family_professionals,
    grants,
    grant_approvals,
    access_requests,
    access_request_notices,
    policy_changes,
    policy_change_approvals,
    section_comments,
    users,
    refresh_tokens,
    rate_counters,
    families,
    memberships,
    sections,
    section_revisions,
    invites,
    password_resets,
    email_outbox,
    pending_registrations,
    plan_version_endorsements,
);

diesel::table! {
    access_log (id) {
        id -> Text,
        occurred_at -> BigInt,
        request_id -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        actor_name -> Nullable<Text>,
        actor_role -> Text,
        actor_org_id -> Nullable<Text>,
        actor_org_name -> Nullable<Text>,
        acting_for -> Nullable<Text>,
        family_id -> Nullable<Text>,
        section_kind -> Nullable<Text>,
        section_owner_id -> Nullable<Text>,
        section_version -> Nullable<BigInt>,
        action -> Text,
        outcome -> Text,
        basis -> Nullable<Text>,
        denial_reason -> Nullable<Text>,
        target_id -> Nullable<Text>,
        attempts -> BigInt,
        group_key -> Nullable<Text>,
    }
}

diesel::table! {
    invites (id) {
        id -> Text,
        family_id -> Text,
        email -> Text,
        role -> Text,
        message -> Text,
        locale -> Text,
        invited_by -> Text,
        token_hash -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
        used_by -> Nullable<Text>,
        revoked_at -> Nullable<BigInt>,
        superseded_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    password_resets (id) {
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
        superseded_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    email_outbox (id) {
        id -> Text,
        kind -> Text,
        sealed -> Text,
        status -> Text,
        attempts -> BigInt,
        next_attempt_at -> BigInt,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        created_at -> BigInt,
        sent_at -> Nullable<BigInt>,
        family_id -> Nullable<Text>,
    }
}

diesel::joinable!(invites -> families (family_id));
diesel::joinable!(password_resets -> users (user_id));

diesel::table! {
    plan_versions (id) {
        id -> Text,
        family_id -> Text,
        title -> Text,
        agreed_on -> Text,
        fixed_by -> Text,
        fixed_at -> BigInt,
    }
}

diesel::table! {
    plan_version_sections (version_id, kind) {
        version_id -> Text,
        kind -> Text,
        visibility -> Text,
        section_version -> BigInt,
        content -> Text,
    }
}

diesel::table! {
    plan_version_endorsements (version_id, user_id) {
        version_id -> Text,
        user_id -> Text,
        endorsed_at -> BigInt,
    }
}

diesel::table! {
    pending_registrations (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        locale -> Text,
        token_hash -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
        superseded_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    calendar_feeds (user_id) {
        user_id -> Text,
        token_hash -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    notification_settings (user_id, kind) {
        user_id -> Text,
        kind -> Text,
        enabled -> Bool,
        updated_at -> BigInt,
    }
}

diesel::table! {
    unsubscribe_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        kind -> Text,
        created_at -> BigInt,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    family_deletions (id) {
        id -> Text,
        family_id -> Text,
        requested_by -> Text,
        requested_at -> BigInt,
        expires_at -> BigInt,
        status -> Text,
        closed_by -> Nullable<Text>,
        closed_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    reminders_sent (user_id, kind, subject, due_on) {
        user_id -> Text,
        kind -> Text,
        subject -> Text,
        due_on -> Text,
        family_id -> Text,
        email_id -> Nullable<Text>,
        sent_at -> BigInt,
    }
}

diesel::table! {
    family_deletion_approvals (deletion_id, parent_id) {
        deletion_id -> Text,
        parent_id -> Text,
        approved_at -> BigInt,
    }
}

diesel::table! {
    reminder_scans (family_id) {
        family_id -> Text,
        next_scan_at -> BigInt,
        scanned_at -> Nullable<BigInt>,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<BigInt>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(families, reminder_scans);
