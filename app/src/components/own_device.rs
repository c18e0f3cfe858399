//! "Lezen zonder internet": the switch that marks this phone as the person's own, so the plan
//! they read is kept on it ([`crate::device`]), and "Vergeet dit apparaat", which wipes it.

use dioxus::prelude::*;

use crate::device;
use crate::i18n::{use_i18n, K};

/// What the switch last did, said as a status.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Said {
    Nothing,
    Kept,
    Forgotten,
}

/// `on_own` is called when the person switches it on, so the screen reads (and keeps) its plan.
#[component]
pub fn OwnDevice(on_own: EventHandler<()>) -> Element {
    let i = use_i18n();
    let mut own = use_signal(device::is_own);
    let mut said = use_signal(|| Said::Nothing);
    let switch = move |e: FormEvent| {
        if e.checked() {
            device::make_own();
            own.set(true);
            said.set(Said::Kept);
            on_own.call(());
        } else {
            forget(own, said);
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
                Said::Nothing => rsx! {},
            }
            if own() {
                button { id: "forget-device", class: "button", r#type: "button", onclick: move |_| forget(own, said), {i.t(K::OwnDeviceForget)} }
            }
        }
    }
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
