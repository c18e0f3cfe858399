//! What differs between the browser and other targets: the server's address, local storage,
//! the device vault (`index.html`), the page's `lang` attribute, the warning before leaving the
//! page, random ids, performance marks and page reloads. Outside a browser these are harmless stand-ins, so components render in plain
//! `cargo test`.

/// The key under which the chosen language is kept before anyone logs in.
pub const LANG_KEY: &str = "onsplan.lang";
/// The id of the family opened last, to fetch its overview early after a reload. With the
/// language and the own-device mark it is all the app keeps in local storage; plan text only
/// ever goes into the encrypted device vault ([`crate::device`]), and logout clears both.
pub const FAMILY_KEY: &str = "onsplan.family";

/// The answers to the first calls `index.html` starts while the app itself still downloads
/// (`window.onsplanEarly`), as JSON text: the refreshed session, the family list, and the plan
/// of the family opened last on this device.
#[derive(Debug, Default, PartialEq)]
pub struct EarlyAnswers {
    pub session: String,
    pub families: Option<String>,
    /// The family's id and its plan.
    pub plan: Option<(String, String)>,
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::{JsCast, JsValue};

    use super::EarlyAnswers;

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    /// Takes the early answers (once); `None` when the page started no early calls or the
    /// session could not be refreshed early (the app then asks itself).
    pub async fn early_answers() -> Option<EarlyAnswers> {
        let window = window()?;
        let key = JsValue::from_str("onsplanEarly");
        let promise = js_sys::Reflect::get(&window, &key)
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()?;
        let _ = js_sys::Reflect::delete_property(&window, &key);
        let answers = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
        let text = |name: &str| {
            js_sys::Reflect::get(&answers, &JsValue::from_str(name))
                .ok()?
                .as_string()
        };
        Some(EarlyAnswers {
            session: text("session")?,
            families: text("families"),
            plan: text("family").zip(text("plan")),
        })
    }

    pub fn origin() -> String {
        window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }

    fn storage() -> Option<web_sys::Storage> {
        window().and_then(|w| w.local_storage().ok().flatten())
    }

    pub fn storage_get(key: &str) -> Option<String> {
        storage().and_then(|s| s.get_item(key).ok().flatten())
    }

    pub fn storage_set(key: &str, value: &str) {
        if let Some(s) = storage() {
            let _ = s.set_item(key, value);
        }
    }

    pub fn storage_clear() {
        if let Some(s) = storage() {
            let _ = s.clear();
        }
    }

    pub fn set_lang_attribute(lang: &str) {
        if let Some(root) = window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang);
        }
    }

    thread_local! {
        static UNSAVED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        static WARNING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// While `unsaved`, the browser asks before the page is closed, reloaded or left for
    /// another site (its own words; a page may not choose them). One listener, added once.
    pub fn warn_before_leaving(unsaved: bool) {
        UNSAVED.with(|u| u.set(unsaved));
        if !unsaved || WARNING.with(|w| w.replace(true)) {
            return;
        }
        let Some(window) = window() else {
            return;
        };
        let warn = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            |event: web_sys::Event| {
                if UNSAVED.with(|u| u.get()) {
                    event.prevent_default();
                    let _ = js_sys::Reflect::set(
                        event.as_ref(),
                        &JsValue::from_str("returnValue"),
                        &JsValue::from_str(""),
                    );
                }
            },
        );
        let _ =
            window.add_event_listener_with_callback("beforeunload", warn.as_ref().unchecked_ref());
        warn.forget();
    }

    /// Calls `window.onsplanVault[method](args…)` (`index.html`) and awaits its promise.
    async fn vault(method: &str, args: &[&str]) -> Option<JsValue> {
        let window: JsValue = window()?.into();
        let vault = js_sys::Reflect::get(&window, &JsValue::from_str("onsplanVault")).ok()?;
        let call = js_sys::Reflect::get(&vault, &JsValue::from_str(method))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        let promise = call
            .apply(&vault, &args)
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()?;
        wasm_bindgen_futures::JsFuture::from(promise).await.ok()
    }

    /// Keeps `text` under `name` in the device vault, encrypted; whether it was kept.
    pub async fn vault_put(name: &str, text: &str) -> bool {
        vault("put", &[name, text]).await.is_some()
    }

    /// The text kept under `name`, if any.
    pub async fn vault_get(name: &str) -> Option<String> {
        vault("get", &[name]).await?.as_string()
    }

    /// Deletes the vault: its key and everything kept with it.
    pub async fn vault_wipe() {
        vault("wipe", &[]).await;
    }

    /// Asks the service worker to keep every screen's code, for a phone its owner marked as
    /// their own (`window.onsplanKeepScreens`, `index.html`).
    pub fn keep_every_screen() {
        let Some(window) = window() else { return };
        let keep = js_sys::Reflect::get(&window, &JsValue::from_str("onsplanKeepScreens"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(keep) = keep {
            let _ = keep.call0(&JsValue::NULL);
        }
    }

    /// Reloads the page (to try again once the connection is back).
    pub fn reload() {
        if let Some(window) = window() {
            let _ = window.location().reload();
        }
    }

    pub fn random_u64() -> u64 {
        (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
    }

    pub fn mark(name: &str) {
        if let Some(perf) = window().and_then(|w| w.performance()) {
            let _ = perf.mark(name);
        }
    }

    pub fn current_path() -> String {
        window()
            .and_then(|w| {
                let l = w.location();
                Some(format!("{}{}", l.pathname().ok()?, l.search().ok()?))
            })
            .unwrap_or_else(|| "/".into())
    }

    /// Reloads the page the first time only its fragment changes (`#…`), which the router
    /// does not notice. A plain event listener, not `eval`: the app builds no code from
    /// strings, so the page's content security policy has nothing to allow for it.
    pub fn reload_on_fragment_change() {
        let Some(window) = window() else {
            return;
        };
        let reload = wasm_bindgen::closure::Closure::once_into_js(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "hashchange",
            reload.unchecked_ref(),
            &options,
        );
    }

    /// Calls `back` each time the browser says the connection is back (`online`).
    pub fn on_online(back: impl FnMut() + 'static) {
        let Some(window) = window() else {
            return;
        };
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(back);
        let _ =
            window.add_event_listener_with_callback("online", callback.as_ref().unchecked_ref());
        callback.forget();
    }

    /// Calls `ready` once when a new version of the app has been installed next to the one
    /// running (`index.html` sets `window.onsplanUpdate` and fires `onsplan-update`).
    pub fn on_new_version(ready: impl FnOnce() + 'static) {
        let Some(window) = window() else {
            return;
        };
        let flagged =
            js_sys::Reflect::get(&window, &wasm_bindgen::JsValue::from_str("onsplanUpdate"))
                .ok()
                .is_some_and(|v| v.is_truthy());
        if flagged {
            ready();
            return;
        }
        let callback = wasm_bindgen::closure::Closure::once_into_js(ready);
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "onsplan-update",
            callback.unchecked_ref(),
            &options,
        );
    }

    /// Moves the focus to the screen's `h1` (made focusable from script only). A screen opened
    /// for the first time may still be on its way (its code loads when first opened): the
    /// focus waits on the main region and moves to the heading when it arrives, unless the
    /// person has moved it elsewhere meanwhile.
    pub fn focus_heading() {
        focus_heading_when_shown(HEADING_TRIES);
    }

    /// How often, 50 ms apart, the focus looks for a heading still on its way (5 s).
    const HEADING_TRIES: u32 = 100;

    fn focus_heading_when_shown(tries: u32) {
        let Some(document) = window().and_then(|w| w.document()) else {
            return;
        };
        let focus = |element: web_sys::Element| {
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                if !element.has_attribute("tabindex") {
                    let _ = element.set_attribute("tabindex", "-1");
                }
                let _ = element.focus();
            }
        };
        let region = document.get_element_by_id("content");
        if let Some(heading) = document.query_selector("#content h1").ok().flatten() {
            let waiting = tries == HEADING_TRIES
                || document.active_element() == region
                || document.active_element() == document.body().map(Into::into);
            if waiting {
                focus(heading);
            }
            return;
        }
        if tries == HEADING_TRIES {
            if let Some(region) = region {
                focus(region);
            }
        }
        if tries == 0 {
            return;
        }
        let again = wasm_bindgen::closure::Closure::once_into_js(move || {
            focus_heading_when_shown(tries - 1)
        });
        if let Some(window) = window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(again.unchecked_ref(), 50);
        }
    }

    /// Moves the focus to the element with `id` (made focusable from script only).
    pub fn focus_id(id: &str) {
        let element = window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            if !element.has_attribute("tabindex") {
                let _ = element.set_attribute("tabindex", "-1");
            }
            let _ = element.focus();
        }
    }

    /// Focuses the first element `selector` finds (a form field: its tab order stays as it is).
    pub fn focus_first(selector: &str) {
        let element = window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    }

    /// Puts `text` on the clipboard (`navigator.clipboard.writeText`); false when the browser
    /// offers no clipboard here.
    pub fn copy_text(text: &str) -> bool {
        let get = |target: &JsValue, name: &str| {
            js_sys::Reflect::get(target, &JsValue::from_str(name))
                .ok()
                .filter(|value| !value.is_undefined() && !value.is_null())
        };
        let Some(window) = window() else {
            return false;
        };
        let clipboard =
            get(&window, "navigator").and_then(|navigator| get(&navigator, "clipboard"));
        let Some(clipboard) = clipboard else {
            return false;
        };
        get(&clipboard, "writeText")
            .and_then(|write| write.dyn_into::<js_sys::Function>().ok())
            .is_some_and(|write| write.call1(&clipboard, &JsValue::from_str(text)).is_ok())
    }

    /// Offers `bytes` as a file called `name`: a blob URL in memory, followed once by a
    /// `download` link so the browser saves it. Returns the URL for a visible link too.
    pub fn offer_download(bytes: &[u8], name: &str, mime: &str) -> Option<String> {
        use js_sys::{Array, Function, Object, Reflect, Uint8Array};
        let window = window()?;
        let options = Object::new();
        Reflect::set(&options, &"type".into(), &mime.into()).ok()?;
        let parts = Array::of1(&Uint8Array::from(bytes));
        let blob_type = Reflect::get(&window, &"Blob".into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        let blob = Reflect::construct(&blob_type, &Array::of2(&parts, &options)).ok()?;
        let urls = Reflect::get(&window, &"URL".into()).ok()?;
        let url = Reflect::get(&urls, &"createObjectURL".into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?
            .call1(&urls, &blob)
            .ok()?
            .as_string()?;
        let link = window.document()?.create_element("a").ok()?;
        link.set_attribute("href", &url).ok()?;
        link.set_attribute("download", name).ok()?;
        if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
            link.click();
        }
        Some(url)
    }

    /// Removes the static loading shell once the app has painted.
    pub fn remove_shell() {
        if let Some(shell) = window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("shell"))
        {
            shell.remove();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::EarlyAnswers;

    pub async fn early_answers() -> Option<EarlyAnswers> {
        None
    }

    pub fn origin() -> String {
        std::env::var("ONSPLAN_SERVER").unwrap_or_else(|_| "http://127.0.0.1:8080".into())
    }

    pub fn storage_get(_key: &str) -> Option<String> {
        None
    }

    pub fn storage_set(_key: &str, _value: &str) {}

    pub fn storage_clear() {}

    pub fn set_lang_attribute(_lang: &str) {}

    pub async fn vault_put(_name: &str, _text: &str) -> bool {
        false
    }

    pub async fn vault_get(_name: &str) -> Option<String> {
        None
    }

    pub async fn vault_wipe() {}

    pub fn keep_every_screen() {}

    pub fn reload() {}

    pub fn warn_before_leaving(_unsaved: bool) {}

    pub fn random_u64() -> u64 {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed)
    }

    pub fn mark(_name: &str) {}

    pub fn current_path() -> String {
        "/".into()
    }

    pub fn reload_on_fragment_change() {}

    pub fn on_new_version(_ready: impl FnOnce() + 'static) {}

    pub fn on_online(_back: impl FnMut() + 'static) {}

    pub fn focus_heading() {}

    pub fn focus_id(_id: &str) {}

    pub fn focus_first(_selector: &str) {}

    pub fn remove_shell() {}

    pub fn copy_text(_text: &str) -> bool {
        false
    }

    pub fn offer_download(_bytes: &[u8], _name: &str, _mime: &str) -> Option<String> {
        None
    }
}

pub use imp::*;

/// A fresh id for an item inside a section (goals, agreements): letters and digits only.
pub fn new_item_id() -> String {
    let mut n = random_u64();
    let mut id = String::from("i");
    while n > 0 {
        let digit = (n % 36) as u32;
        id.push(char::from_digit(digit, 36).unwrap_or('0'));
        n /= 36;
    }
    id
}
