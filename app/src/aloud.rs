//! What the reading screens ask of the browser: reading text aloud with its own speech
//! (`speechSynthesis`, a Dutch voice when there is one) and printing. Outside a browser, or
//! in a browser without speech, [`can_speak`] is false and the "Lees voor" button hides.

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{Array, Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    fn get(on: &JsValue, name: &str) -> Option<JsValue> {
        Reflect::get(on, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn call(on: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
        let f = get(on, method)?.dyn_into::<Function>().ok()?;
        f.apply(on, &args.iter().collect::<Array>()).ok()
    }

    fn synth() -> Option<(JsValue, JsValue)> {
        let window: JsValue = web_sys::window()?.into();
        let synth = get(&window, "speechSynthesis")?;
        get(&window, "SpeechSynthesisUtterance")?;
        Some((window, synth))
    }

    pub fn can_speak() -> bool {
        synth().is_some()
    }

    pub fn speak(text: &str, lang: &str) {
        let Some((window, synth)) = synth() else {
            return;
        };
        call(&synth, "cancel", &[]);
        let Some(class) =
            get(&window, "SpeechSynthesisUtterance").and_then(|c| c.dyn_into::<Function>().ok())
        else {
            return;
        };
        let Ok(utterance) = Reflect::construct(&class, &Array::of1(&text.into())) else {
            return;
        };
        let tag = if lang == "nl" { "nl-NL" } else { "en-GB" };
        let _ = Reflect::set(&utterance, &"lang".into(), &tag.into());
        // A voice of the language, when the device has one; else the browser picks.
        let voices = call(&synth, "getVoices", &[]).and_then(|v| v.dyn_into::<Array>().ok());
        let voice = voices.and_then(|voices| {
            voices.iter().find(|v| {
                get(v, "lang")
                    .and_then(|l| l.as_string())
                    .is_some_and(|l| l.starts_with(lang))
            })
        });
        if let Some(voice) = voice {
            let _ = Reflect::set(&utterance, &"voice".into(), &voice);
        }
        call(&synth, "speak", &[utterance]);
    }

    pub fn stop() {
        if let Some((_, synth)) = synth() {
            call(&synth, "cancel", &[]);
        }
    }

    pub fn print() {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn can_speak() -> bool {
        false
    }
    pub fn speak(_text: &str, _lang: &str) {}
    pub fn stop() {}
    pub fn print() {}
}

pub use imp::{can_speak, print, speak, stop};
