//! The shape every form shares: check what was typed and show the problem next to its field;
//! otherwise send, with the button off while the request is on its way, and say how it went
//! (a refusal in words, or what was done) above the button.

use std::future::Future;

use dioxus::prelude::*;

use onsplan_shared::ClientError;

use crate::api::{error_field, FieldProblem};
use crate::components::outcome::{failure_key, Outcome};
use crate::i18n::K;

/// How a send went: `Ok(Some(text))` says what was done, `Ok(None)` says nothing (the screen
/// moved on or shows its own result), `Err` says why it was refused.
pub type Answer<P> = Result<Option<K>, Refused<P>>;

/// Why a send was refused: a problem with one field (shown next to it), or in words for the
/// whole form.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused<P> {
    Field(P),
    Said(K),
}

impl<P> From<K> for Refused<P> {
    fn from(text: K) -> Self {
        Refused::Said(text)
    }
}

/// A refusal next to the field the server named, or in words when it named none.
pub fn refusal(err: &ClientError) -> Refused<FieldProblem> {
    match error_field(err) {
        Some(field) => Refused::Field(field),
        None => Refused::Said(failure_key(err)),
    }
}

/// A form's problem (`P`: which field, in words), its last outcome and whether it is busy.
pub struct Form<P: 'static> {
    pub problem: Signal<Option<P>>,
    pub outcome: Signal<Option<Outcome>>,
    pub busy: Signal<bool>,
}

impl<P: 'static> Clone for Form<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: 'static> Copy for Form<P> {}

impl<P: 'static> PartialEq for Form<P> {
    fn eq(&self, other: &Self) -> bool {
        self.problem == other.problem && self.outcome == other.outcome && self.busy == other.busy
    }
}

/// A form with nothing to show yet.
pub fn use_form<P: 'static>() -> Form<P> {
    Form {
        problem: use_signal(|| None),
        outcome: use_signal(|| None),
        busy: use_signal(|| false),
    }
}

impl<P: 'static> Form<P> {
    /// Shows `check`'s problem and stops there; otherwise forgets the last problem and outcome
    /// and runs `send` while busy, then says what it returned.
    pub fn submit<F>(self, check: Result<(), P>, send: F)
    where
        F: Future<Output = Answer<P>> + 'static,
    {
        self.submit_checked(check, move |()| send);
    }

    /// As [`Form::submit`], with `send` made from what the check gave back (the request it
    /// built and found valid).
    pub fn submit_checked<T, F>(self, check: Result<T, P>, send: impl FnOnce(T) -> F)
    where
        F: Future<Output = Answer<P>> + 'static,
    {
        let Form {
            mut problem,
            mut outcome,
            mut busy,
        } = self;
        outcome.set(None);
        let checked = match check {
            Ok(checked) => checked,
            Err(found) => {
                problem.set(Some(found));
                return;
            }
        };
        problem.set(None);
        busy.set(true);
        let send = send(checked);
        spawn(async move {
            // The screen may have moved on while the request was away: then nobody is told.
            match send.await {
                Ok(done) => {
                    if let Ok(mut slot) = outcome.try_write() {
                        *slot = done.map(Outcome::Done);
                    }
                }
                Err(Refused::Said(text)) => {
                    if let Ok(mut slot) = outcome.try_write() {
                        *slot = Some(Outcome::Failed(text));
                    }
                }
                Err(Refused::Field(found)) => {
                    if let Ok(mut slot) = problem.try_write() {
                        *slot = Some(found);
                    }
                }
            }
            if let Ok(mut slot) = busy.try_write() {
                *slot = false;
            }
        });
    }

    /// The problem the check or the server found, if any (for forms whose problem is one
    /// value; forms with several fields ask [`Form::error_of`]).
    pub fn problem(&self) -> Option<P>
    where
        P: Clone,
    {
        (self.problem)()
    }

    /// Whether a request is on its way (the send button is off).
    pub fn busy(&self) -> bool {
        (self.busy)()
    }
}

impl Form<FieldProblem> {
    /// The problem of one field, by its name.
    pub fn error_of(&self, field: &str) -> Option<K> {
        self.problem
            .read()
            .as_ref()
            .filter(|(f, _)| f == field)
            .map(|(_, k)| *k)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use dioxus::dioxus_core::NoOpMutations;
    use futures::channel::oneshot;

    use super::*;

    thread_local! {
        // What the probe's pending send will come to, once the test decides.
        static ANSWER: RefCell<Option<oneshot::Sender<Answer<K>>>> = const { RefCell::new(None) };
        // The check the probe's submit gets.
        static CHECK: RefCell<Result<(), K>> = const { RefCell::new(Ok(())) };
    }

    fn probe() -> Element {
        let form = use_form::<K>();
        use_hook(move || {
            let (tx, rx) = oneshot::channel();
            ANSWER.with_borrow_mut(|slot| *slot = Some(tx));
            let check = CHECK.with_borrow(Clone::clone);
            form.submit(check, async move { rx.await.unwrap_or(Ok(None)) });
        });
        rsx! {
            p { "problem={form.problem():?} outcome={(form.outcome)():?} busy={form.busy()}" }
        }
    }

    /// Submits once with `check`; answers the send with `answer` (if it was sent) and gives the
    /// screen before and after.
    fn submit_once(check: Result<(), K>, answer: Answer<K>) -> (String, String) {
        CHECK.with_borrow_mut(|slot| *slot = check);
        let mut dom = VirtualDom::new(probe);
        dom.rebuild_in_place();
        let before = dioxus_ssr::render(&dom);
        if let Some(tx) = ANSWER.with_borrow_mut(Option::take) {
            let _ = tx.send(answer);
        }
        futures::executor::block_on(async {
            // The send runs when the dom polls its task; a bounded number of turns is enough.
            for _ in 0..4 {
                futures::future::select(
                    Box::pin(dom.wait_for_work()),
                    Box::pin(futures::future::ready(())),
                )
                .await;
                dom.render_immediate(&mut NoOpMutations);
            }
        });
        (before, dioxus_ssr::render(&dom))
    }

    #[test]
    fn a_problem_found_by_the_check_is_shown_and_nothing_is_sent() {
        let (before, after) = submit_once(Err(K::ErrRequired), Ok(Some(K::Saved)));
        assert!(before.contains("problem=Some(ErrRequired)"), "{before}");
        assert!(before.contains("busy=false"), "{before}");
        assert!(after.contains("outcome=None"), "never sent: {after}");
    }

    #[test]
    fn the_form_is_busy_while_sending_and_says_what_was_done() {
        let (before, after) = submit_once(Ok(()), Ok(Some(K::Saved)));
        assert!(before.contains("busy=true"), "{before}");
        assert!(before.contains("outcome=None"), "{before}");
        assert!(after.contains("busy=false"), "{after}");
        assert!(after.contains("outcome=Some(Done(Saved))"), "{after}");
    }

    #[test]
    fn a_refusal_is_said_in_words_or_next_to_its_field() {
        let (_, said) = submit_once(Ok(()), Err(Refused::Said(K::SaveFailed)));
        assert!(said.contains("outcome=Some(Failed(SaveFailed))"), "{said}");
        assert!(said.contains("busy=false"), "{said}");
        let (_, field) = submit_once(Ok(()), Err(Refused::Field(K::ErrRequired)));
        assert!(field.contains("problem=Some(ErrRequired)"), "{field}");
        assert!(field.contains("outcome=None"), "{field}");
    }
}
