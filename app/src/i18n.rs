//! The message catalogue: every text a person reads, in plain Dutch (B1, the default) and
//! English. Texts with `{name}` placeholders are filled with [`fill`]. Dates are written the
//! Dutch way ("23 november 2026, 17:05") in both languages' month names.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};
use dioxus::prelude::*;
use onsplan_shared::auth::Locale;

macro_rules! catalogue {
    ($($key:ident => $nl:expr, $en:expr;)*) => {
        /// A key into the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum K { $($key),* }

        /// Every key, for tests.
        pub const ALL_KEYS: &[K] = &[$(K::$key),*];

        /// The text of `key` in `lang`.
        pub fn text(lang: Locale, key: K) -> &'static str {
            match key {
                $(K::$key => match lang { Locale::Nl => $nl, Locale::En => $en },)*
            }
        }
    };
}

catalogue! {
    AppName => "Ons Plan", "Ons Plan";
    SkipToContent => "Naar de inhoud", "Skip to content";
    SwitchLanguage => "English", "Nederlands";
    SwitchLanguageLabel => "Switch to English", "Overschakelen naar Nederlands";
    Loading => "Even geduld…", "One moment…";
    Back => "Terug", "Back";
    BackToPlan => "Terug naar ons plan", "Back to our plan";
    NotFoundTitle => "Deze pagina bestaat niet", "This page does not exist";
    // welcome
    WelcomeTitle => "Ons Plan", "Ons Plan";
    WelcomeIntro => "Hier schrijft u samen met uw gezin uw eigen plan. U bepaalt wie het mag lezen.",
        "Here you and your family write your own plan. You decide who may read it.";
    WelcomeRegister => "Ik ben nieuw", "I am new here";
    WelcomeLogin => "Ik heb al een account", "I already have an account";
    // register / login
    RegisterTitle => "Account maken", "Create an account";
    LoginTitle => "Inloggen", "Log in";
    LogoutButton => "Uitloggen", "Log out";
    FieldName => "Uw naam", "Your name";
    FieldEmail => "E-mailadres", "Email address";
    FieldPassword => "Wachtwoord", "Password";
    PasswordHint => "Minstens 10 tekens. Een zin is makkelijk te onthouden.",
        "At least 10 characters. A sentence is easy to remember.";
    RegisterButton => "Account maken", "Create account";
    LoginButton => "Inloggen", "Log in";
    NoAccountYet => "Nog geen account? Maak er een.", "No account yet? Create one.";
    HaveAccount => "Al een account? Log in.", "Already have an account? Log in.";
    SessionExpired => "U was te lang weg. Log opnieuw in, dan gaat u verder waar u was.",
        "You were away too long. Log in again to carry on where you were.";
    // family
    CreateFamilyTitle => "Ons gezin", "Our family";
    CreateFamilyIntro => "Geef uw gezin een naam. Bijvoorbeeld: Familie Jansen.",
        "Give your family a name. For example: The Jansen family.";
    FieldFamilyName => "Naam van het gezin", "Name of the family";
    CreateFamilyButton => "Gezin maken", "Create family";
    // overview
    PlanTitle => "Ons plan", "Our plan";
    NeverChanged => "Nog leeg", "Still empty";
    ChangedOnBy => "Gewijzigd op {date} door {name}", "Changed on {date} by {name}";
    GistAndMore => "{first} (en nog {more})", "{first} (and {more} more)";
    GistAgreements => "Gedaan: {done} van de {total} afspraken", "Done: {done} of {total} agreements";
    GistNextReview => "Volgende bespreking: {date}", "Next review: {date}";
    OpenSection => "Openen", "Open";
    VisibleToParents => "Alleen ouders", "Parents only";
    VisibleToNetwork => "Ouders en netwerk", "Parents and network";
    VisibleToMe => "Alleen ik", "Only me";
    ItemsCount => "{n} ingevuld", "{n} filled in";
    // section titles and one-line descriptions
    KindAbout => "Over ons gezin", "About our family";
    KindConcerns => "Waar maken we ons zorgen over", "What we worry about";
    KindStrengths => "Wat gaat goed", "What goes well";
    KindGoals => "Wat willen we bereiken", "What we want to reach";
    KindAgreements => "Afspraken", "Agreements";
    KindNetwork => "Ons netwerk", "Our network";
    KindSafety => "Veiligheidsplan", "Safety plan";
    KindLifeDomains => "Werk, geld, wonen, zorg, steun", "Work, money, housing, care, support";
    KindProfessionalHelp => "Hulp die we vragen", "Help we ask for";
    KindChildren => "Wat vinden de kinderen", "What the children think";
    KindEvaluation => "Evaluatie", "Review";
    AboutAbout => "Wie zijn wij en wat vinden we belangrijk?", "Who are we and what matters to us?";
    AboutConcerns => "Waar maken we ons zorgen over, in onze eigen woorden.", "Our worries, in our own words.";
    AboutStrengths => "Wat gaat goed, en wat hielp eerder?", "What goes well, and what helped before?";
    AboutGoals => "Wat willen we bereiken, en hoe ver zijn we?", "What do we want to reach, and how far are we?";
    AboutAgreements => "Wie doet wat, en wanneer?", "Who does what, and by when?";
    AboutNetwork => "Wie staan om ons heen en wat kunnen ze doen?", "Who is around us and what can they do?";
    AboutSafety => "Wat doen we als het niet veilig is?", "What do we do when it is not safe?";
    AboutLifeDomains => "Hoe gaat het met werk, geld, wonen, zorg en steun?", "How are work, money, housing, care and support?";
    AboutProfessionalHelp => "Welke hulp vragen we aan hulpverleners?", "What help do we ask from professionals?";
    AboutChildren => "Wat zeggen de kinderen zelf?", "What do the children say themselves?";
    AboutEvaluation => "Wanneer kijken we terug, en wat kwam eruit?", "When do we look back, and what came out of it?";
    // editor
    Save => "Opslaan", "Save";
    Saving => "Bezig met opslaan…", "Saving…";
    Saved => "Opgeslagen.", "Saved.";
    SaveFailed => "Opslaan lukte niet. Wat u schreef is niet weg. Probeer het opnieuw.",
        "Saving did not work. What you wrote is not lost. Please try again.";
    Retry => "Opnieuw proberen", "Try again";
    Add => "Toevoegen", "Add";
    Remove => "Weghalen", "Remove";
    History => "Eerdere versies", "Earlier versions";
    WhoMaySee => "Wie mag dit lezen?", "Who may read this?";
    VisParentsExplain => "Alleen de ouders van dit gezin kunnen dit lezen.", "Only the parents of this family can read this.";
    VisNetworkExplain => "De ouders en de mensen uit uw netwerk die u uitnodigde kunnen dit lezen.",
        "The parents and the people from your network you invited can read this.";
    ItemNumber => "Nummer {n}", "Number {n}";
    // fields
    FWhoWeAre => "Wie zijn wij?", "Who are we?";
    FChildren => "De kinderen", "The children";
    FChildName => "Naam", "Name";
    FChildAge => "Leeftijd", "Age";
    FChildAbout => "Over dit kind", "About this child";
    FWhatMatters => "Wat vinden wij belangrijk?", "What matters to us?";
    FWorries => "Zorgen", "Worries";
    FWorry => "Zorg", "Worry";
    FGoingWell => "Wat gaat goed", "What goes well";
    FWorkedBefore => "Wat hielp eerder", "What helped before";
    FLine => "Punt", "Point";
    FGoals => "Doelen", "Goals";
    FGoalTitle => "Doel", "Goal";
    FScaleNow => "Hoe ver zijn we nu? (0 = nog niet begonnen, 10 = bereikt)",
        "How far are we now? (0 = not started, 10 = reached)";
    FNextStep => "Volgende stap", "Next step";
    FAgreements => "Afspraken", "Agreements";
    FWhat => "Wat gaan we doen?", "What will we do?";
    FWho => "Wie doet het?", "Who does it?";
    FByWhen => "Voor wanneer?", "By when?";
    FDone => "Gedaan", "Done";
    FPeople => "Mensen", "People";
    FPersonName => "Naam", "Name";
    FRelation => "Wie is dit voor u? (bijvoorbeeld oma, buurvrouw)", "Who is this to you? (for example grandma, neighbour)";
    FCanOffer => "Wat kan deze persoon doen?", "What can this person do?";
    FContact => "Telefoon of e-mail", "Phone or email";
    FWarningSigns => "Signalen: hieraan merken we dat het mis gaat", "Signs: this is how we notice things go wrong";
    FWhatWeDo => "Wat doen we dan?", "What do we do then?";
    FWhomWeCall => "Wie bellen we?", "Whom do we call?";
    FPhone => "Telefoonnummer", "Phone number";
    FSafePlaces => "Waar kunnen de kinderen logeren?", "Where can the children stay?";
    FPlaceName => "Plek (bijvoorbeeld bij opa en oma)", "Place (for example at grandma and grandpa's)";
    FAddress => "Adres", "Address";
    FNote => "Goed om te weten", "Good to know";
    FWork => "Werk", "Work";
    FMoney => "Geld", "Money";
    FHousing => "Wonen", "Housing";
    FCare => "Zorg", "Care";
    FSupport => "Steun", "Support";
    FHowItGoes => "Hoe gaat het?", "How is it going?";
    FWhatIsNeeded => "Wat is er nodig?", "What is needed?";
    FRequests => "Vragen om hulp", "Requests for help";
    FHelpWhat => "Welke hulp?", "What help?";
    FFromWhom => "Van wie?", "From whom?";
    FVoices => "Wat de kinderen zeggen", "What the children say";
    FWords => "In hun eigen woorden", "In their own words";
    FNextReview => "Volgende keer terugkijken", "Next review";
    FReviews => "Terugkijken", "Reviews";
    FHeldOn => "Datum", "Date";
    FOutcome => "Wat kwam eruit?", "What came out of it?";
    // conflicts
    ConflictTitle => "Iemand anders heeft dit ook veranderd", "Someone else changed this too";
    ConflictIntro => "Er is niets weggegooid. Kies welke tekst blijft, of voeg ze samen.",
        "Nothing was thrown away. Choose which text stays, or combine them.";
    ConflictMine => "Mijn versie", "My version";
    ConflictTheirs => "Versie van {name}", "Version of {name}";
    KeepMine => "Mijn versie bewaren", "Keep my version";
    TakeTheirs => "Hun versie nemen", "Take their version";
    MergeBoth => "Samenvoegen", "Combine both";
    DraftRestored => "Wat u schreef voordat u opnieuw moest inloggen, staat er weer. Kijk het na en sla op.",
        "What you wrote before you had to log in again is back. Check it and save.";
    MergedCheck => "Beide versies staan er nu in. Kijk ze na en sla op.",
        "Both versions are in now. Check them and save.";
    Empty => "(leeg)", "(empty)";
    // history
    HistoryTitle => "Eerdere versies", "Earlier versions";
    HistoryEmpty => "Er zijn nog geen versies.", "There are no versions yet.";
    VersionBy => "Versie {n}, {date}, door {name}", "Version {n}, {date}, by {name}";
    // errors
    ErrRequired => "Vul dit in.", "Please fill this in.";
    ErrTooLong => "Dit is te lang.", "This is too long.";
    ErrInvalid => "Dit klopt niet.", "This is not right.";
    ErrEmail => "Dit is geen e-mailadres.", "This is not an email address.";
    ErrPasswordShort => "Het wachtwoord moet minstens 10 tekens hebben.", "The password needs at least 10 characters.";
    ErrEmailTaken => "Er is al een account met dit e-mailadres. Log in.", "There already is an account with this email address. Log in.";
    ErrCredentials => "Het e-mailadres of het wachtwoord klopt niet.", "The email address or the password is not right.";
    ErrRateLimited => "Te vaak geprobeerd. Wacht een paar minuten.", "Too many tries. Wait a few minutes.";
    ErrNetwork => "Geen verbinding met Ons Plan. Controleer uw internet en probeer het opnieuw.",
        "No connection to Ons Plan. Check your internet and try again.";
    ErrServer => "Er ging iets mis. Probeer het later opnieuw.", "Something went wrong. Please try again later.";
    ErrNotFound => "Dit kunnen we niet vinden.", "We cannot find this.";
    // months
    Jan => "januari", "January";
    Feb => "februari", "February";
    Mar => "maart", "March";
    Apr => "april", "April";
    May => "mei", "May";
    Jun => "juni", "June";
    Jul => "juli", "July";
    Aug => "augustus", "August";
    Sep => "september", "September";
    Oct => "oktober", "October";
    Nov => "november", "November";
    Dec => "december", "December";
}

const MONTHS: [K; 12] = [
    K::Jan,
    K::Feb,
    K::Mar,
    K::Apr,
    K::May,
    K::Jun,
    K::Jul,
    K::Aug,
    K::Sep,
    K::Oct,
    K::Nov,
    K::Dec,
];

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// "23 november 2026, 17:05" in the viewer's time zone (offset in minutes east of UTC).
pub fn format_datetime(lang: Locale, at: DateTime<Utc>, offset_minutes: i32) -> String {
    let offset = FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    let local = at.with_timezone(&offset);
    format!(
        "{}, {:02}:{:02}",
        format_date(lang, local.date_naive()),
        local.hour(),
        local.minute()
    )
}

/// "3 maart 2027".
pub fn format_date(lang: Locale, day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day.day(),
        text(lang, MONTHS[day.month0() as usize]),
        day.year()
    )
}

/// The language the app speaks now, from the context the root provides.
#[derive(Clone, Copy, PartialEq)]
pub struct I18n(pub Signal<Locale>);

impl I18n {
    pub fn t(&self, key: K) -> &'static str {
        text((self.0)(), key)
    }

    pub fn lang(&self) -> Locale {
        (self.0)()
    }

    pub fn date(&self, at: DateTime<Utc>) -> String {
        format_datetime(self.lang(), at, crate::platform::local_offset_minutes())
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_key_has_dutch_and_english() {
        for key in ALL_KEYS {
            assert!(!text(Locale::Nl, *key).is_empty(), "{key:?} nl");
            assert!(!text(Locale::En, *key).is_empty(), "{key:?} en");
        }
    }

    #[test]
    fn dates_are_written_the_dutch_way() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 16, 5, 0).unwrap();
        assert_eq!(
            format_datetime(Locale::Nl, at, 60),
            "23 november 2026, 17:05"
        );
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(
                text(Locale::Nl, K::ChangedOnBy),
                &[("date", "1 mei"), ("name", "Anna")]
            ),
            "Gewijzigd op 1 mei door Anna"
        );
    }
}
