//! "Lezen zonder internet": the switch that marks this phone as the person's own, so the plan
//! they read is kept on it ([`crate::device`]), and "Vergeet dit apparaat", which wipes it.

use dioxus::prelude::*;

use crate::api::{use_session, Session};
use crate::i18n::{use_i18n, K};
use crate::{device, outbox};

/// What the switch last did, said as a status.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Said {
    Nothing,
    Kept,
    Forgotten,
    /// Saves still wait on the phone: forgetting it would lose them, so it asks first.
    Asking,
}

/// `on_own` is called when the person switches it on, so the screen reads (and keeps) its plan.
#[component]
pub fn OwnDevice(on_own: EventHandler<()>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let mut own = use_signal(device::is_own);
    let mut said = use_signal(|| Said::Nothing);
    let switch = move |e: FormEvent| {
        if e.checked() {
            device::make_own();
            own.set(true);
            said.set(Said::Kept);
            on_own.call(());
        } else {
            ask_or_forget(session, own, said);
        }
    };
    rsx! {
        section { id: "own-device-block", class: "block no-print", aria_labelledby: "own-device-title",
            h2 { id: "own-device-title", {i.t(K::OwnDeviceTitle)} }
            div { class: "field check",
                input {
                    id: "own-device",
                    r#type: "checkbox",
                    checked: own(),
                    aria_describedby: "own-device-hint",
                    onchange: switch,
                }
                label { r#for: "own-device", {i.t(K::OwnDeviceLabel)} }
                p { id: "own-device-hint", class: "hint", {i.t(K::OwnDeviceHint)} }
            }
            match said() {
                Said::Kept => rsx! { p { class: "notice", role: "status", {i.t(K::OwnDeviceKept)} } },
                Said::Forgotten => rsx! { p { class: "notice", role: "status", {i.t(K::OwnDeviceForgotten)} } },
                Said::Asking => rsx! {
                    div { id: "forget-question", class: "confirm", role: "alertdialog", aria_labelledby: "forget-question-text",
                        p { id: "forget-question-text", strong { {i.t(K::ForgetWaiting)} } }
                        div { class: "actions",
                            button {
                                id: "forget-stay",
                                class: "button primary",
                                r#type: "button",
                                onmounted: move |e: MountedEvent| async move {
                                    let _ = e.set_focus(true).await;
                                },
                                onclick: move |_| {
                                    own.set(true);
                                    said.set(Said::Nothing);
                                },
                                {i.t(K::ForgetStay)}
                            }
                            button { id: "forget-anyway", class: "button", r#type: "button", onclick: move |_| forget(own, said), {i.t(K::ForgetAnyway)} }
                        }
                    }
                },
                Said::Nothing => rsx! {},
            }
            if own() {
                button { id: "forget-device", class: "button", r#type: "button", onclick: move |_| ask_or_forget(session, own, said), {i.t(K::OwnDeviceForget)} }
            }
        }
    }
}

/// Asks first when saves still wait on the phone; otherwise wipes what it keeps.
fn ask_or_forget(session: Session, mut own: Signal<bool>, mut said: Signal<Said>) {
    own.set(false);
    spawn(async move {
        match session.user_id() {
            Some(user) if outbox::waits(user).await => said.set(Said::Asking),
            _ => forget(own, said),
        }
    });
}

/// Wipes what this phone keeps and says so.
fn forget(mut own: Signal<bool>, mut said: Signal<Said>) {
    own.set(false);
    spawn(async move {
        device::forget().await;
        said.set(Said::Forgotten);
        crate::platform::focus_id("own-device");
    });
}
