//! The message catalogue: every text a person reads, in plain Dutch (B1, the default) and
//! English. Texts with `{name}` placeholders are filled with [`fill`]. Dates are written the
//! Dutch way ("23 november 2026, 17:05") in both languages' month names.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use dioxus::prelude::*;
use onsplan_shared::auth::Locale;
use onsplan_shared::dutch_time::dutch_time;

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
    NewVersion => "Er is een nieuwe versie — die wordt gebruikt als je de app opnieuw opent.",
        "There is a new version — it is used when you open the app again.";
    Back => "Terug", "Back";
    // reading without a signal, on the person's own phone
    OfflineSeen => "Je bent offline — je ziet het plan van {moment}.",
        "You are offline — you are seeing the plan of {moment}.";
    OfflineTitle => "Je bent offline", "You are offline";
    OfflineNothing => "Er is geen plan op deze telefoon bewaard. Lees het plan als je weer internet hebt.",
        "No plan is kept on this phone. Read the plan when you are online again.";
    TryAgain => "Opnieuw proberen", "Try again";
    OwnDeviceTitle => "Lezen zonder internet", "Reading without internet";
    OwnDeviceLabel => "Dit is mijn eigen telefoon", "This is my own phone";
    OwnDeviceHint => "Dan bewaren we het plan op deze telefoon, op slot. Zo kun je het ook lezen als je geen internet hebt. Zet dit niet aan op een telefoon of computer die je met anderen deelt.",
        "Then the plan is kept on this phone, locked. So you can read it without internet too. Do not switch this on for a phone or computer you share with others.";
    OwnDeviceKept => "Het plan staat nu op deze telefoon. Uitloggen haalt het weg.",
        "The plan is now kept on this phone. Logging out removes it.";
    OwnDeviceForget => "Vergeet dit apparaat", "Forget this device";
    OwnDeviceForgotten => "Deze telefoon bewaart niets meer van het plan.",
        "This phone no longer keeps anything of the plan.";
    ForgetWaiting => "Er staat nog iets op deze telefoon dat niet is opgeslagen. Als je dit apparaat vergeet, is het weg.",
        "Something on this phone is not saved yet. If you forget this device, it is gone.";
    ForgetStay => "Niet vergeten", "Do not forget";
    ForgetAnyway => "Toch vergeten", "Forget anyway";
    SavedOnDevice => "Je hebt nu geen internet. Wat je schreef staat veilig op deze telefoon. Het wordt opgeslagen zodra je weer internet hebt.",
        "You have no internet now. What you wrote is safe on this phone. It is saved as soon as you are online again.";
    SentSaved => "Wat je zonder internet schreef, is nu opgeslagen.",
        "What you wrote without internet is saved now.";
    SentBack => "Wat je zonder internet schreef bij “{section}” is nog niet opgeslagen. Iemand anders veranderde het intussen. Open het en kies wat blijft.",
        "What you wrote without internet in “{section}” is not saved yet. Someone else changed it meanwhile. Open it and choose what stays.";
    SentBackOpen => "Open {section}", "Open {section}";
    BackToPlan => "Terug naar ons plan", "Back to our plan";
    NotFoundTitle => "Deze pagina bestaat niet", "This page does not exist";
    // welcome
    WelcomeTitle => "Ons Plan", "Ons Plan";
    WelcomeIntro => "Een familiegroepsplan is het plan van je gezin: wat er speelt, wat jullie willen en wie er helpt. Je schrijft het samen met familie en vrienden. Jij bepaalt wie welk deel mag lezen, en hulpverleners zien alleen wat jij met ze deelt.",
        "A family group plan is your family's plan: what is going on, what you want and who helps. You write it together with family and friends. You decide who may read which part, and professionals only see what you share with them.";
    WelcomeRegister => "Ik ben nieuw", "I am new here";
    WelcomeLogin => "Ik heb al een account", "I already have an account";
    // register / login
    RegisterTitle => "Account maken", "Create an account";
    LoginTitle => "Inloggen", "Log in";
    LogoutButton => "Uitloggen", "Log out";
    LogoutWaiting => "Er staat nog iets op deze telefoon dat niet is opgeslagen, omdat er geen internet was. Als je nu uitlogt, is het weg.",
        "Something on this phone is not saved yet, because there was no internet. If you log out now, it is gone.";
    LogoutStay => "Niet uitloggen", "Do not log out";
    LogoutAnyway => "Toch uitloggen", "Log out anyway";
    FieldName => "Je naam", "Your name";
    FieldEmail => "E-mailadres", "Email address";
    FieldPassword => "Wachtwoord", "Password";
    PasswordHint => "Minstens 10 tekens. Een zin is makkelijk te onthouden. Niet je naam of e-mailadres, en geen wachtwoord dat veel mensen gebruiken.",
        "At least 10 characters. A sentence is easy to remember. Not your name or email address, and not a password many people use.";
    RegisterButton => "Account maken", "Create account";
    LoginButton => "Inloggen", "Log in";
    NoAccountYet => "Nog geen account? Maak er een.", "No account yet? Create one.";
    HaveAccount => "Al een account? Log in.", "Already have an account? Log in.";
    SessionExpired => "Je was te lang weg. Log opnieuw in, dan ga je verder waar je was.",
        "You were away too long. Log in again to carry on where you were.";
    // registering by email link
    CheckMailTitle => "Kijk in je mail", "Check your email";
    CheckMailSent => "We stuurden een e-mail naar {email}. Open de link in die e-mail. Dan maken we je account. De link werkt 24 uur.",
        "We sent an email to {email}. Open the link in that email and we make your account. The link works for 24 hours.";
    CheckMailNothing => "Geen e-mail gekregen? Wacht een paar minuten en kijk ook bij ongewenste e-mail. Klopt het e-mailadres niet? Maak dan opnieuw een account. Had je al een account? Dan krijg je een e-mail daarover. Log dan in, of vraag een nieuw wachtwoord aan.",
        "No email? Wait a few minutes and look in your spam folder too. Was the email address wrong? Then create an account again. Did you have an account already? Then you get an email about that. Log in, or ask for a new password.";
    RegisterAgain => "Opnieuw een account maken", "Create an account again";
    ConfirmTitle => "Je account maken", "Making your account";
    ConfirmBusy => "Even geduld. We maken je account.", "One moment. We are making your account.";
    ConfirmUsed => "Deze link is al gebruikt. Je account bestaat al. Log in.",
        "This link was used already. Your account exists. Log in.";
    ConfirmExpired => "Deze link is verlopen. Een link werkt 24 uur. Maak opnieuw een account.",
        "This link has expired. A link works for 24 hours. Create an account again.";
    ConfirmSuperseded => "Er is een nieuwere link gestuurd. Gebruik de link in de nieuwste e-mail.",
        "A newer link was sent. Use the link in the newest email.";
    ConfirmInvalid => "Deze link werkt niet. Kopieer de hele link uit de e-mail, of maak opnieuw een account.",
        "This link does not work. Copy the whole link from the email, or create an account again.";
    ConfirmTaken => "Er is al een account met dit e-mailadres. Log in, of vraag een nieuw wachtwoord aan.",
        "There already is an account with this email address. Log in, or ask for a new password.";
    // family
    CreateFamilyTitle => "Ons gezin", "Our family";
    CreateFamilyIntro => "Geef je gezin een naam. Bijvoorbeeld: Familie Jansen.",
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
    // versions of the plan
    VersionsTitle => "Versies van het plan", "Versions of the plan";
    VersionsIntro => "Een versie is het plan zoals het was op één moment, bijvoorbeeld na de familiebijeenkomst. Het plan zelf kan daarna gewoon verder veranderen. De versie blijft zoals hij is.",
        "A version is the plan as it was at one moment, for example after the family meeting. The plan itself can keep changing after that. The version stays as it is.";
    VersionsEmpty => "Er is nog geen versie van het plan.", "There is no version of the plan yet.";
    FixTitle => "Plan vastleggen", "Fix the plan";
    FixIntro => "Leg het plan vast zoals het nu is. Iedereen in het gezin kan dan zeggen: ik sta achter dit plan. Stukken die alleen voor jou zijn, komen er niet in.",
        "Fix the plan as it is now. Everyone in the family can then say: I stand behind this plan. Parts that are only for you are not included.";
    FieldVersionTitle => "Naam van deze versie", "Name of this version";
    VersionTitleHint => "Bijvoorbeeld: Plan na de familiebijeenkomst van 12 maart", "For example: Plan after the family meeting of 12 March";
    FieldAgreedOn => "Datum waarop jullie het plan hebben afgesproken", "Date you agreed on the plan";
    FixButton => "Plan vastleggen", "Fix the plan";
    // a PDF of the plan
    PdfTitle => "PDF maken", "Make a PDF";
    PdfOpen => "PDF maken", "Make a PDF";
    PdfIntroPlan => "Maak een PDF van het plan zoals het nu is. Die kan je geven aan bijvoorbeeld de gemeente of de rechter. Jij kiest welke delen erin komen.",
        "Make a PDF of the plan as it is now. You can give it to, for example, the municipality or the judge. You choose which parts go in it.";
    PdfIntroVersion => "Maak een PDF van deze versie, met wie erachter staan. Jij kiest welke delen erin komen.",
        "Make a PDF of this version, with who stands behind it. You choose which parts go in it.";
    PdfWhich => "Welke delen komen in de PDF?", "Which parts go in the PDF?";
    PdfHint => "Wil je de woorden van de kinderen niet delen? Haal dan het vinkje weg bij \"Wat vinden de kinderen\". Je privé-delen komen nooit in de PDF.",
        "Do you not want to share the children's words? Then untick \"What the children think\". Your private parts never go in the PDF.";
    PdfMake => "PDF maken", "Make the PDF";
    PdfBusy => "De PDF wordt gemaakt…", "Making the PDF…";
    PdfReady => "De PDF is klaar. Start het downloaden niet vanzelf? Tik dan hier.",
        "The PDF is ready. Did the download not start by itself? Tap here.";
    VersionAgreedOn => "Afgesproken op {date}", "Agreed on {date}";
    VersionFixedBy => "Vastgelegd door {name} op {date}", "Fixed by {name} on {date}";
    VersionBackers => "Staan achter dit plan: {names}", "Stand behind this plan: {names}";
    VersionNoBackers => "Nog niemand heeft gezegd: ik sta achter dit plan.", "Nobody has said yet: I stand behind this plan.";
    BackersTitle => "Wie staan achter dit plan", "Who stand behind this plan";
    BackerOn => "{name}, op {date}", "{name}, on {date}";
    EndorseButton => "Ik sta achter dit plan", "I stand behind this plan";
    WithdrawButton => "Toch niet", "Not after all";
    YouEndorse => "Jij staat achter dit plan.", "You stand behind this plan.";
    Endorsed => "Gelukt. Je staat achter dit plan.", "Done. You stand behind this plan.";
    Withdrawn => "Je staat niet meer achter dit plan.", "You no longer stand behind this plan.";
    VersionNothingToRead => "In deze versie staat niets om te lezen.", "This version holds nothing to read.";
    CompareWith => "Vergelijk met…", "Compare with…";
    CompareChoose => "Kies een versie", "Choose a version";
    CompareTitle => "Wat is er veranderd van \"{from}\" naar \"{to}\"", "What changed from \"{from}\" to \"{to}\"";
    CompareNothing => "Er is niets veranderd in wat jij mag lezen.", "Nothing changed in what you may read.";
    ChangeAdded => "Nieuw in het plan.", "New in the plan.";
    ChangeRemoved => "Niet meer in het plan.", "No longer in the plan.";
    ChangeChanged => "Veranderd:", "Changed:";
    ChangeUnchanged => "Niet veranderd.", "Not changed.";
    ChangeItemsAdded => "Erbij: {items}", "Added: {items}";
    ChangeItemsRemoved => "Eraf: {items}", "Removed: {items}";
    ChangeItemsChanged => "Anders: {items}", "Changed: {items}";
    ChangeText => "de tekst is anders.", "the text is different.";
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
    KindEvaluation => "Samen terugkijken", "Looking back together";
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
    SaveFailed => "Opslaan lukte niet. Wat je schreef is niet weg. Probeer het opnieuw.",
        "Saving did not work. What you wrote is not lost. Please try again.";
    Retry => "Opnieuw proberen", "Try again";
    Add => "Toevoegen", "Add";
    Remove => "Weghalen", "Remove";
    History => "Eerdere versies", "Earlier versions";
    WhoMaySee => "Wie mag dit lezen?", "Who may read this?";
    VisParentsExplain => "Alleen de ouders van dit gezin kunnen dit lezen.", "Only the parents of this family can read this.";
    VisNetworkExplain => "De ouders en de mensen uit je netwerk die je uitnodigde kunnen dit lezen.",
        "The parents and the people from your network you invited can read this.";
    RemoveNamed => "Weghalen: {what}", "Remove: {what}";
    // one item of a list, as its title ("Afspraak 2") and its add button
    OneChild => "Kind", "Child";
    OneGoal => "Doel", "Goal";
    OneAgreement => "Afspraak", "Agreement";
    OnePerson => "Persoon", "Person";
    OneContact => "Contactpersoon", "Contact person";
    OnePlace => "Plek", "Place";
    OneRequest => "Hulpvraag", "Request for help";
    OneReview => "Gesprek", "Meeting";
    // leaving an editor, the first save, bringing back a version
    LeaveTitle => "Je hebt dit nog niet opgeslagen.", "You have not saved this yet.";
    LeaveExplain => "Wat je typte, blijft bewaard zolang de app open is. Maar niemand anders ziet het tot je op Opslaan drukt.",
        "What you typed is kept while the app is open. But nobody else sees it until you press Save.";
    LeaveStay => "Blijven", "Stay";
    LeaveGo => "Toch weggaan", "Leave anyway";
    DraftResumed => "Je was hier nog mee bezig. Dit is wat je typte. Het is nog niet opgeslagen.",
        "You were still working on this. This is what you typed. It has not been saved yet.";
    FirstSaveIntro => "Je slaat dit voor het eerst op. Kies wie het mag lezen. Je kunt dit later nog veranderen.",
        "You are saving this for the first time. Choose who may read it. You can change this later.";
    FirstSaveNotYet => "Nog niet opslaan", "Not yet";
    WhoEveryone => "Iedereen die meehelpt", "Everyone who helps";
    WhoEveryoneExample => "Zoals oma, een buurvrouw of een vriend die je uitnodigde. En de ouders.",
        "Like a grandmother, a neighbour or a friend you invited. And the parents.";
    WhoParentsExample => "Jij en de andere ouder van dit gezin. Verder niemand.",
        "You and the other parent of this family. Nobody else.";
    RestoreVersion => "Deze versie terugzetten", "Bring this version back";
    RestoreQuestion => "Wil je {section} terugzetten zoals het in deze versie stond? Je ziet de tekst eerst. Pas als je op Opslaan drukt, komt hij in de plaats van wat er nu staat. Dat kun je daarna nog terugvinden bij Eerdere versies.",
        "Do you want to bring back {section} as it was in this version? You see the text first. Only when you press Save does it replace what is there now. You can still find that afterwards under Earlier versions.";
    RestoreYes => "Ja, terugzetten", "Yes, bring it back";
    VersionBroughtBack => "Dit is de tekst uit de eerdere versie. Kijk of het klopt en druk op Opslaan om hem terug te zetten.",
        "This is the text from the earlier version. Check it and press Save to bring it back.";
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
    FScaleNow => "Hoe gaat het nu met dit doel?", "How is this goal going now?";
    FNextStep => "Volgende stap", "Next step";
    FAgreements => "Afspraken", "Agreements";
    FWhat => "Wat gaan we doen?", "What will we do?";
    FWho => "Wie doet het?", "Who does it?";
    FByWhen => "Voor wanneer?", "By when?";
    FDone => "Gedaan", "Done";
    FPeople => "Mensen", "People";
    FPersonName => "Naam", "Name";
    FRelation => "Wie is dit voor jou? (bijvoorbeeld oma, buurvrouw)", "Who is this to you? (for example grandma, neighbour)";
    FCanOffer => "Wat kan deze persoon doen?", "What can this person do?";
    FContact => "Telefoon of e-mail", "Phone or email";
    FWarningSigns => "Hieraan merken we dat het mis gaat", "This is how we notice things go wrong";
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
    DraftRestored => "Wat je schreef voordat je opnieuw moest inloggen, staat er weer. Kijk het na en sla op.",
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
    ErrPasswordWeak => "Dit wachtwoord is te makkelijk te raden. Veel mensen gebruiken het, of het is je naam of e-mailadres. Kies iets anders, bijvoorbeeld een korte zin.",
        "This password is too easy to guess. Many people use it, or it is your name or email address. Choose something else, for example a short sentence.";
    ErrLoginLocked => "Te vaak een verkeerd wachtwoord. Wacht een kwartier. Weet je het wachtwoord niet meer? Kies dan een nieuw wachtwoord.",
        "Too many wrong passwords. Wait a quarter of an hour. Do you not remember your password? Then choose a new one.";
    ErrBusy => "Het is nu erg druk. Probeer het over een paar tellen opnieuw.", "It is very busy right now. Try again in a few seconds.";
    ErrNetwork => "Geen verbinding met Ons Plan. Controleer je internet en probeer het opnieuw.",
        "No connection to Ons Plan. Check your internet and try again.";
    ErrServer => "Er ging iets mis. Probeer het later opnieuw.", "Something went wrong. Please try again later.";
    ErrNotFound => "Dit kunnen we niet vinden.", "We cannot find this.";
    // the family's file
    FamilyFileTitle => "Ons plan als bestand", "Our plan as a file";
    FamilyFileIntro => "Sla alles van je gezin op in één bestand: het plan, de eerdere versies, de reacties en wie mee kan kijken. Je eigen privé-stukken zitten erin, die van de andere ouder niet. Bewaar het goed: iedereen met het bestand kan het lezen.",
        "Save everything of your family in one file: the plan, earlier versions, the comments and who can look along. Your own private parts are in it, those of the other parent are not. Keep it safe: anyone with the file can read it.";
    FamilyFileDownload => "Download ons plan als bestand", "Download our plan as a file";
    ImportFileTitle => "Plan meenemen van een andere server", "Bring a plan from another server";
    ImportFileChoose => "Kies het bestand van je plan", "Choose the file of your plan";
    ImportFileIntro => "Heb je je plan als bestand opgeslagen bij een andere Ons Plan-server? Kies het bestand hier. Je wordt ouder van het gezin. De anderen nodig je daarna opnieuw uit. Wie mee mocht kijken, moet je opnieuw toestemming geven.",
        "Did you download your plan as a file from another Ons Plan? Choose it here. You become the family's parent. You invite the others again afterwards. People who could look along need your consent again.";
    ImportFileDone => "Gelukt. Je plan staat nu hier.", "Done. Your plan is here now.";
    ImportFileInviteAgain => "Nodig deze mensen opnieuw uit bij Wie helpt mee:", "Invite these people again under Who takes part:";
    ImportFileOpen => "Naar ons plan", "Go to our plan";
    ErrFileInvalid => "Dit is geen bestand van Ons Plan, of het is niet compleet. Download het opnieuw.",
        "This is not an Ons Plan file, or it is not complete. Download it again.";
    ErrFileVersion => "Dit bestand komt van een andere versie van Ons Plan. Deze server kan het nog niet lezen.",
        "This file comes from another version of Ons Plan. This server cannot read it yet.";
    ErrFileDamaged => "Dit bestand is veranderd of beschadigd. Download het opnieuw.", "This file was changed or damaged. Download it again.";
    ErrFileSection => "Een deel van het plan in dit bestand klopt niet. Download het opnieuw.", "A part of the plan in this file is not right. Download it again.";
    ErrFileTooLarge => "Dit bestand is te groot.", "This file is too large.";
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
    // ---- The network, consent, the access log, links, professionals ----
    NavLabel => "Onderdelen van je plan", "Parts of your plan";
    NavPlan => "Ons plan", "Our plan";
    NavNetwork => "Wie helpt er mee?", "Who helps?";
    NavRequests => "Vragen", "Questions";
    NavLog => "Wie heeft wat bekeken?", "Who looked at what?";
    ForgotPassword => "Wachtwoord vergeten?", "Forgot your password?";
    RoleParent => "Ouder of verzorger", "Parent or carer";
    RoleRelative => "Netwerk", "Network";
    You => "(jij)", "(you)";
    ConfirmNo => "Nee, terug", "No, go back";
    // who helps
    NetworkIntro => "Hier zie je wie meedoet met je plan. Je kunt mensen uitnodigen en hulpverleners toevoegen.",
        "Here you see who takes part in your plan. You can invite people and add professionals.";
    MembersTitle => "Mensen in ons plan", "People in our plan";
    RemoveMember => "Weghalen", "Remove";
    RemoveMemberAsk => "Weet je het zeker? {name} kan het plan dan niet meer lezen.",
        "Are you sure? {name} will no longer be able to read the plan.";
    RemoveMemberYes => "Ja, weghalen", "Yes, remove";
    MemberRemoved => "Deze persoon hoort niet meer bij het plan.", "This person is no longer part of the plan.";
    LeaveFamily => "Uit deze groep stappen", "Leave this group";
    LeaveFamilyAsk => "Je kunt het plan dan niet meer lezen. Een ouder kan je later opnieuw uitnodigen.",
        "You will no longer be able to read the plan. A parent can invite you again later.";
    LeaveFamilyYes => "Ja, uit de groep stappen", "Yes, leave the group";
    ErrMayNotRemove => "Dit kan niet. Een ouder kun je niet weghalen, en de laatste ouder blijft in het gezin.",
        "This is not possible. A parent cannot be removed, and the last parent stays in the family.";
    NoLongerMember => "Je hoort niet meer bij dit gezin", "You are no longer part of this family";
    NoLongerMemberText => "Je kunt het plan van dit gezin niet meer lezen. Een ouder kan je opnieuw uitnodigen.",
        "You can no longer read this family's plan. A parent can invite you again.";
    ToStart => "Naar het begin", "Go to the start";
    WhoTakesPart => "Wie doet er mee?", "Who takes part?";
    InvitesTitle => "Uitnodigingen die nog openstaan", "Invitations still open";
    NoInvites => "Er staan geen uitnodigingen open.", "No invitations are open.";
    InvitedAs => "Uitgenodigd als: {role}. De link werkt tot {date}.", "Invited as: {role}. The link works until {date}.";
    ResendInvite => "Opnieuw sturen", "Send again";
    Resent => "Er is een nieuwe e-mail gestuurd. De oude link werkt niet meer.",
        "A new email was sent. The old link no longer works.";
    RevokeInvite => "Uitnodiging stoppen", "Stop the invitation";
    RevokeInviteConfirm => "Weet je het zeker? De link in de e-mail werkt dan niet meer.",
        "Are you sure? The link in the email will stop working.";
    ConfirmRevokeInvite => "Ja, stoppen", "Yes, stop it";
    InviteRevoked => "De uitnodiging is gestopt. De link werkt niet meer.", "The invitation was stopped. The link no longer works.";
    InviteTitle => "Iemand uitnodigen", "Invite someone";
    InviteIntro => "De persoon krijgt een e-mail met een link. De link werkt 7 dagen.",
        "The person gets an email with a link. The link works for 7 days.";
    FieldInviteEmail => "E-mailadres van de persoon", "Their email address";
    FieldInviteRole => "Wat wordt deze persoon?", "What will this person be?";
    InviteAsRelativeExplain => "Familie, vrienden of buren. Zij lezen alleen de delen die je met het netwerk deelt.",
        "Family, friends or neighbours. They only read the parts you share with the network.";
    InviteAsParentExplain => "Mag alles in het plan, net als jij.", "May do everything in the plan, just like you.";
    FieldInviteMessage => "Persoonlijk bericht (mag leeg blijven)", "Personal message (may stay empty)";
    InviteMessageHint => "Bijvoorbeeld: Wil je meedenken over ons plan?", "For example: Would you like to think along about our plan?";
    SendInvite => "Uitnodiging sturen", "Send invitation";
    InviteSent => "De uitnodiging is verstuurd.", "The invitation was sent.";
    ErrAlreadyMember => "Deze persoon doet al mee.", "This person already takes part.";
    ErrProfessionalAccount => "Dit e-mailadres is van een hulpverlener. Een hulpverlener doet niet mee als familie. Voeg de hulpverlener toe bij Hulpverleners en kies zelf wat je deelt.",
        "This email address belongs to a professional. A professional does not join as family. Link the professional and choose yourself what you share.";
    ErrTooManyOpenRequests => "Je hebt al 3 vragen die nog geen antwoord hebben. Wacht tot de ouders antwoorden.",
        "You already have 3 requests without an answer. Wait until the parents answer.";
    ProfessionalsTitle => "Hulpverleners", "Professionals";
    NoProfessionals => "Er is nog geen hulpverlener toegevoegd.", "No professional is added yet.";
    Verified => "Account van de organisatie", "Account of the organisation";
    VerifiedExplain => "De organisatie heeft dit account zelf gemaakt.", "The organisation made this account itself.";
    AccountStopped => "Account gestopt", "Account stopped";
    ShareWith => "Delen met {name}", "Share with {name}";
    LinkTitle => "Een hulpverlener toevoegen", "Add a professional";
    LinkIntro => "Toevoegen is nog geen delen: de hulpverlener ziet dan nog niets. Je kiest daarna zelf wat je deelt, en tot wanneer.",
        "Adding is not sharing yet: the professional sees nothing then. Afterwards you choose what you share, and until when.";
    FieldProfessionalEmail => "E-mailadres van de hulpverlener", "The professional's email address";
    LinkButton => "Toevoegen", "Add";
    Linked => "De hulpverlener is toegevoegd. Er wordt nog niets gedeeld.", "The professional is added. Nothing is shared yet.";
    ErrNoProfessional => "Er is geen hulpverlener met dit e-mailadres. Vraag welk adres de hulpverlener gebruikt.",
        "There is no professional with this email address. Ask which address the professional uses.";
    // sharing with one professional
    ShareIntro => "{name} ziet niets van je plan, alleen wat je hier deelt. Je kunt altijd stoppen.",
        "{name} sees nothing of your plan, only what you share here. You can always stop.";
    ShareWhat => "Welke delen mag {name} lezen?", "Which parts may {name} read?";
    ShareComment => "{name} mag ook reageren op deze delen", "{name} may also comment on these parts";
    ShareExport => "{name} mag deze delen ook als PDF downloaden", "{name} may also download these parts as a PDF";
    FieldUntil => "Tot en met welke dag?", "Up to and including which day?";
    UntilHint => "Wij vullen 3 maanden in. Langer dan 12 maanden kan niet: uiterlijk {date}.",
        "We fill in 3 months. Longer than 12 months is not possible: {date} at the latest.";
    ShareButton => "Delen", "Share";
    ShareNew => "Iets delen", "Share something";
    Shared => "Gedeeld.", "Shared.";
    SharedPending => "Gedeeld. Het begint als de andere ouder ook akkoord geeft.", "Shared. It starts once the other parent approves too.";
    BothMustAgreeHint => "In je gezin moeten alle ouders akkoord geven. Het delen begint pas als iedereen akkoord is.",
        "In your family every parent must approve. Sharing starts only once everyone approved.";
    ErrPickSection => "Kies minstens één deel.", "Choose at least one part.";
    ErrUntilRange => "Kies een dag na vandaag, en niet later dan 12 maanden.", "Choose a day after today, and not later than 12 months.";
    GrantsActive => "Nu gedeeld", "Shared now";
    GrantsPending => "Wacht op akkoord", "Waiting for approval";
    GrantsEnded => "Gestopt", "Ended";
    NoGrants => "Er wordt nu niets gedeeld.", "Nothing is shared now.";
    GrantUntil => "Tot en met {date}", "Up to and including {date}";
    GrantStarts => "Begint op {date}", "Starts on {date}";
    GrantMayComment => "Mag reageren", "May comment";
    GrantMayExport => "Mag als PDF downloaden", "May download as a PDF";
    GrantBy => "Gedeeld door {name}", "Shared by {name}";
    GrantApprovedBy => "Akkoord gegeven: {names}", "Approved by: {names}";
    ApproveGrant => "Akkoord geven", "Approve";
    RevokeGrant => "Stoppen met delen", "Stop sharing";
    RevokeConfirm => "Weet je het zeker? {name} kan deze delen dan meteen niet meer lezen.",
        "Are you sure? {name} can no longer read these parts, starting now.";
    ConfirmRevoke => "Ja, stoppen", "Yes, stop";
    Revoked => "Gestopt. Deze delen worden niet meer gedeeld.", "Stopped. These parts are no longer shared.";
    GrantRevokedOn => "Gestopt op {date}", "Stopped on {date}";
    GrantExpiredOn => "Afgelopen op {date}", "Ended on {date}";
    // requests for access
    RequestsTitle => "Vragen om mee te lezen", "Questions to read along";
    RequestsIntro => "Een hulpverlener kan vragen om delen van je plan te lezen. Jij beslist.",
        "A professional can ask to read parts of your plan. You decide.";
    NoRequests => "Er zijn geen nieuwe vragen.", "There are no new questions.";
    RequestFrom => "{name} vraagt om delen te lezen, tot en met {date}.", "{name} asks to read parts, up to and including {date}.";
    RequestReason => "Waarom: {reason}", "Why: {reason}";
    RequestChoose => "Wat wil je delen? Je mag minder kiezen dan gevraagd.", "What do you want to share? You may choose less than asked.";
    ApproveRequest => "Ja, dit delen", "Yes, share this";
    DeclineRequest => "Nee, niet delen", "No, do not share";
    FieldDeclineReason => "Waarom niet? De hulpverlener leest dit.", "Why not? The professional reads this.";
    SendDecline => "Nee sturen", "Send no";
    RequestApproved => "Goedgekeurd.", "Approved.";
    RequestDeclined => "Geweigerd: {reason}", "Declined: {reason}";
    RequestsAnswered => "Eerder beantwoord", "Answered before";
    DeclineSent => "Je antwoord is verstuurd.", "Your answer was sent.";
    UntilAskedHint => "Je mag een eerdere dag kiezen. Later dan gevraagd kan niet: uiterlijk {date}.",
        "You may choose an earlier day. Later than asked is not possible: {date} at the latest.";
    // the access log
    LogIntro => "Hier zie je wie iets in je plan las of deed. Het nieuwste staat bovenaan.",
        "Here you see who read or did something in your plan. The newest is at the top.";
    FilterPerson => "Wie", "Who";
    FilterEveryone => "Iedereen", "Everyone";
    FilterSection => "Welk deel", "Which part";
    FilterAllSections => "Alle delen", "All parts";
    FilterFrom => "Vanaf", "From";
    FilterUntil => "Tot en met", "Up to and including";
    LogEmpty => "Er is niets gevonden.", "Nothing was found.";
    LogTimes => "({n} keer geprobeerd)", "(tried {n} times)";
    LogMore => "Meer laden", "Load more";
    Someone => "Iemand", "Someone";
    AtTime => "{date} om {time}", "{date} at {time}";
    LogRead => "{who} las {section} op {when}", "{who} read {section} on {when}";
    LogReadDenied => "{who} probeerde {section} te lezen op {when}. Dat mocht niet.", "{who} tried to read {section} on {when}. That was not allowed.";
    LogWriteDenied => "{who} probeerde {section} te veranderen op {when}. Dat mocht niet.", "{who} tried to change {section} on {when}. That was not allowed.";
    LogComment => "{who} reageerde op {section} op {when}", "{who} commented on {section} on {when}";
    LogCommentDenied => "{who} probeerde te reageren op {section} op {when}. Dat mocht niet.", "{who} tried to comment on {section} on {when}. That was not allowed.";
    LogOtherDenied => "{who} probeerde iets op {when}. Dat mocht niet.", "{who} tried something on {when}. That was not allowed.";
    LogExport => "{who} downloadde het plan op {when}", "{who} downloaded the plan on {when}";
    LogGrant => "{who} deelde delen van het plan op {when}", "{who} shared parts of the plan on {when}";
    LogApproveGrant => "{who} gaf akkoord om te delen op {when}", "{who} approved sharing on {when}";
    LogRevokeGrant => "{who} stopte met delen op {when}", "{who} stopped sharing on {when}";
    LogRequestAccess => "{who} vroeg om mee te lezen op {when}", "{who} asked for access on {when}";
    LogApproveRequest => "{who} zei ja tegen een vraag om mee te lezen op {when}", "{who} approved a request for access on {when}";
    LogDeclineRequest => "{who} zei nee tegen een vraag om mee te lezen op {when}", "{who} declined a request for access on {when}";
    LogLinkProfessional => "{who} voegde een hulpverlener toe op {when}", "{who} added a professional on {when}";
    LogInvite => "{who} nodigde iemand uit op {when}", "{who} invited someone on {when}";
    LogResendInvite => "{who} stuurde een uitnodiging opnieuw op {when}", "{who} sent an invitation again on {when}";
    LogRevokeInvite => "{who} trok een uitnodiging in op {when}", "{who} withdrew an invitation on {when}";
    LogAcceptInvite => "{who} nam een uitnodiging aan op {when}", "{who} accepted an invitation on {when}";
    LogLogin => "{who} logde in op {when}", "{who} logged in on {when}";
    LogPasswordReset => "{who} koos een nieuw wachtwoord op {when}", "{who} chose a new password on {when}";
    // accepting an invitation
    AcceptTitle => "Uitnodiging", "Invitation";
    AcceptWho => "{name} nodigt je uit voor het plan van {family}.", "{name} invites you to the plan of {family}.";
    AcceptAsRelative => "Je kunt meelezen met de delen die het gezin met het netwerk deelt.",
        "You can read along with the parts the family shares with its network.";
    AcceptAsParent => "Je doet mee als ouder of verzorger. Je mag alles in het plan.",
        "You take part as a parent or carer. You may do everything in the plan.";
    AcceptMessage => "Het bericht van {name}:", "The message from {name}:";
    AcceptFor => "De uitnodiging is voor {email}. De link werkt tot {date}.", "The invitation is for {email}. The link works until {date}.";
    AcceptNewAccount => "Kies je naam en een wachtwoord. Dan doe je mee.", "Choose your name and a password. Then you take part.";
    AcceptNewButton => "Account maken en meedoen", "Create account and join";
    AcceptExisting => "Er is al een account met dit e-mailadres. Vul je wachtwoord in om mee te doen.",
        "There already is an account with this email address. Fill in your password to join.";
    AcceptLoginButton => "Inloggen en meedoen", "Log in and join";
    AcceptJoinButton => "Meedoen", "Join";
    AcceptOtherAccount => "Je bent ingelogd met een ander e-mailadres dan op de uitnodiging staat. Log eerst uit, dan kun je meedoen.",
        "You are logged in with another email address than the invitation's. Log out first, then you can join.";
    LinkExpiredInvite => "Deze uitnodiging is verlopen. Een link werkt 7 dagen. Vraag degene die jou uitnodigde om het opnieuw te sturen.",
        "This invitation has expired. A link works for 7 days. Ask the person who invited you to send it again.";
    LinkUsedInvite => "Deze uitnodiging is al gebruikt. Doe je al mee? Log dan in.",
        "This invitation was used already. Do you already take part? Then log in.";
    LinkRevokedInvite => "Deze uitnodiging is gestopt. Neem contact op met het gezin als je denkt dat dit niet klopt.",
        "This invitation was withdrawn. Contact the family if you think this is not right.";
    LinkSupersededInvite => "Er is een nieuwere uitnodiging gestuurd. Gebruik de link in de nieuwste e-mail.",
        "A newer invitation was sent. Use the link in the newest email.";
    LinkInvalidInvite => "Deze link werkt niet. Kopieer de hele link uit de e-mail, of vraag om een nieuwe uitnodiging.",
        "This link does not work. Copy the whole link from the email, or ask for a new invitation.";
    // passwords
    ForgotTitle => "Wachtwoord vergeten", "Forgot password";
    ForgotIntro => "Vul je e-mailadres in. Je krijgt een e-mail met een link om een nieuw wachtwoord te kiezen.",
        "Fill in your email address. You get an email with a link to choose a new password.";
    ForgotButton => "Link sturen", "Send link";
    ForgotSent => "Als er een account is met dit e-mailadres, krijg je zo een e-mail. De link werkt 1 uur. Kijk ook bij ongewenste e-mail.",
        "If there is an account with this email address, you get an email soon. The link works for 1 hour. Also look in your spam folder.";
    ResetTitle => "Nieuw wachtwoord kiezen", "Choose a new password";
    FieldNewPassword => "Nieuw wachtwoord", "New password";
    ResetButton => "Wachtwoord opslaan", "Save password";
    ResetDone => "Je wachtwoord is veranderd. Je bent overal uitgelogd. Log in met je nieuwe wachtwoord.",
        "Your password was changed. You were logged out everywhere. Log in with your new password.";
    ActivateTitle => "Je account klaarmaken", "Set up your account";
    ActivateIntro => "Je organisatie heeft een account voor je gemaakt. Kies een wachtwoord.",
        "Your organisation made an account for you. Choose a password.";
    ActivateDone => "Je account is klaar. Log in met je e-mailadres en dit wachtwoord.",
        "Your account is ready. Log in with your email address and this password.";
    LinkExpiredReset => "Deze link is verlopen. Vraag een nieuwe link aan.", "This link has expired. Ask for a new link.";
    LinkUsedReset => "Deze link is al gebruikt. Vraag een nieuwe link aan als dat nodig is.", "This link was used already. Ask for a new link if you need one.";
    LinkSupersededReset => "Er is een nieuwere link gestuurd. Gebruik de link in de nieuwste e-mail.", "A newer link was sent. Use the link in the newest email.";
    LinkInvalidReset => "Deze link werkt niet. Kopieer de hele link uit de e-mail, of vraag een nieuwe aan.",
        "This link does not work. Copy the whole link from the email, or ask for a new one.";
    RequestNewLink => "Nieuwe link aanvragen", "Ask for a new link";
    ToLogin => "Naar inloggen", "Go to log in";
    // professionals
    ProHomeTitle => "Mijn gezinnen", "My families";
    ProHomeIntro => "Dit zijn de gezinnen die jou hebben toegevoegd. Je ziet alleen wat een gezin met je deelt, zolang het gezin dat wil.",
        "These are the families that linked you. You only see what a family shares with you, for as long as the family wants.";
    ProNoFamilies => "Nog geen gezin heeft jou toegevoegd.", "No family has added you yet.";
    ProSharedUntil => "Gedeeld tot en met {date}: {sections}", "Shared up to and including {date}: {sections}";
    ProNothingShared => "Dit gezin deelt nu niets met je.", "This family shares nothing with you now.";
    ProNothingSharedNext => "Je kunt het gezin om toegang vragen. Het gezin beslist.", "You can ask the family for access. The family decides.";
    ProOpenFamily => "Bekijken", "View";
    ProWaiting => "Wacht op akkoord van de ouders: {sections}", "Waiting for the parents' approval: {sections}";
    ProRequestPending => "Je verzoek van {date} wacht op antwoord.", "Your request of {date} waits for an answer.";
    ProRequestDeclined => "Je verzoek van {date} is geweigerd: {reason}", "Your request of {date} was declined: {reason}";
    ProAskAccess => "Om toegang vragen", "Ask for access";
    ProCommentsTitle => "Reacties", "Comments";
    NoComments => "Nog geen reacties.", "No comments yet.";
    FieldComment => "Je reactie", "Your comment";
    CommentButton => "Reactie plaatsen", "Post comment";
    CommentBy => "{name}, {date}", "{name}, {date}";
    CommentByOf => "{name} ({organisation}), {date}", "{name} ({organisation}), {date}";
    FamilyCommentsTitle => "Reacties van het gezin", "Comments from the family";
    ReactButton => "Reageer", "Reply";
    ToComments => "Lees de reacties en reageer", "Read the comments and reply";
    ProNoAccess => "Dit kun je niet bekijken. Misschien deelt het gezin dit niet (meer) met je.",
        "You cannot view this. Perhaps the family does not share it with you (any more).";
    AskIntro => "Vraag {family} om delen van het plan te mogen lezen. Leg uit waarom. De ouders krijgen een e-mail en beslissen.",
        "Ask {family} to read parts of the plan. Explain why. The parents get an email and decide.";
    AskWhat => "Welke delen wil je lezen?", "Which parts do you want to read?";
    FieldReason => "Waarom vraag je dit?", "Why do you ask this?";
    AskButton => "Verzoek sturen", "Send request";
    // a relative reading along
    ReadPlanIntro => "Je leest mee met het plan van {family}. Je ziet de delen die het gezin met het netwerk deelt.",
        "You read along with the plan of {family}. You see the parts the family shares with its network.";
    ReadPlanEmpty => "Het gezin deelt nog niets met het netwerk.", "The family does not share anything with its network yet.";
    PolicyTitle => "Samen beslissen", "Deciding together";
    PolicyBoth => "Alle ouders moeten akkoord geven voordat een hulpverlener iets mag lezen",
        "Every parent must approve before a professional may read anything";
    PolicyExplain => "Staat dit aan, dan begint nieuw delen pas als alle ouders akkoord gaven. Wat al gedeeld wordt, blijft gedeeld. Uitzetten kan pas als alle ouders ja zeggen. Stoppen met delen kan elke ouder alleen.",
        "When this is on, new sharing starts only once every parent approved. What is shared already stays shared. Switching it off needs every parent's yes. Any parent can stop sharing alone.";
    PolicySaved => "Opgeslagen.", "Saved.";
    PolicyOffConfirmShared => "Wil je deze regel uitzetten? Dan kan één ouder alleen iets delen met een hulpverlener. De regel gaat pas uit als de andere ouders ook ja zeggen.",
        "Do you want to switch this rule off? Then one parent alone can share something with a professional. The rule only goes off when the other parents say yes too.";
    PolicyOffConfirmAlone => "Wil je deze regel uitzetten? Dan begint delen meteen als jij iets deelt.",
        "Do you want to switch this rule off? Then sharing starts at once when you share something.";
    PolicyConfirmOff => "Ja, uitzetten", "Yes, switch off";
    PolicyOnConfirm => "Wil je dit aanzetten? Dan mag een hulpverlener pas iets lezen als alle ouders ja zeggen. Wat nu al gedeeld is, blijft gedeeld. Uitzetten kan daarna alleen als alle ouders ja zeggen.",
        "Do you want to switch this on? Then a professional may only read something once every parent says yes. What is shared already stays shared. Switching it off later needs a yes from every parent.";
    PolicyConfirmOn => "Ja, aanzetten", "Yes, switch on";
    PolicyOffAsked => "Gevraagd. De regel gaat uit als de andere ouders ook ja zeggen.",
        "Asked. The rule goes off when the other parents say yes too.";
    PolicyOffWaits => "{name} wil deze regel uitzetten. Dan kan één ouder alleen iets delen met een hulpverlener. Dat gebeurt pas als alle ouders ja zeggen.",
        "{name} wants to switch this rule off. Then one parent alone can share something with a professional. That only happens when every parent says yes.";
    PolicyWaitsForOthers => "Wacht op de andere ouder.", "Waiting for the other parent.";
    PolicyApproveOff => "Ja, regel uitzetten", "Yes, switch the rule off";
    PolicyApproveOffConfirm => "Weet je het zeker? Daarna kan één ouder alleen iets delen met een hulpverlener.",
        "Are you sure? After that one parent alone can share something with a professional.";
    PolicyKeepOn => "Nee, regel houden", "No, keep the rule";
    PolicyKept => "De regel blijft aan.", "The rule stays on.";
    PolicyAnswered => "Je antwoord is opgeslagen.", "Your answer was saved.";
    LogPolicyOn => "{who} zette de regel 'Alle ouders moeten akkoord geven' aan op {when}",
        "{who} switched on the rule 'Every parent must agree' on {when}";
    LogPolicyOffAsked => "{who} vroeg om de regel 'Alle ouders moeten akkoord geven' uit te zetten op {when}",
        "{who} asked to switch off the rule 'Every parent must agree' on {when}";
    LogPolicyOffApproved => "{who} zei ja tegen het uitzetten van de regel 'Alle ouders moeten akkoord geven' op {when}",
        "{who} said yes to switching off the rule 'Every parent must agree' on {when}";
    LogPolicyOffDeclined => "{who} zei nee tegen het uitzetten van de regel 'Alle ouders moeten akkoord geven' op {when}",
        "{who} said no to switching off the rule 'Every parent must agree' on {when}";
    LogPolicyOff => "De regel 'Alle ouders moeten akkoord geven' ging uit op {when}",
        "The rule 'Every parent must agree' went off on {when}";
    LogRemoveMember => "{who} haalde iemand uit de groep op {when}",
        "{who} removed someone from the group on {when}";
    LogLeaveFamily => "{who} ging uit de groep op {when}",
        "{who} left the group on {when}";
    LogDeletionAsked => "{who} vroeg om het gezin te verwijderen op {when}",
        "{who} asked to delete the family on {when}";
    LogDeletionApproved => "{who} zei ja tegen het verwijderen van het gezin op {when}",
        "{who} said yes to deleting the family on {when}";
    LogDeletionCancelled => "{who} stopte het verwijderen van het gezin op {when}",
        "{who} stopped the deletion of the family on {when}";
    // deleting the family, deleting one's own account
    FormerMember => "een oud lid", "a former member";
    NavDeleteFamily => "Gezin verwijderen", "Delete the family";
    NavDeleteAccount => "Mijn account verwijderen", "Delete my account";
    DeleteFamilyTitle => "Gezin verwijderen", "Delete the family";
    DeleteFamilyParentsOnly => "Alleen een ouder kan het gezin verwijderen.", "Only a parent can delete the family.";
    DeleteFamilyLead => "Als je het gezin verwijdert, is dit allemaal weg. Voor iedereen. Je kunt het niet terughalen:",
        "If you delete the family, all of this is gone. For everyone. You cannot get it back:";
    GoneSections => "het hele plan, met alle eerdere versies en vastgestelde versies", "the whole plan, with every earlier and fixed version";
    GoneAgreements => "de afspraken, en wie wat doet", "the agreements, and who does what";
    GoneComments => "alle reacties", "every comment";
    GoneMembers => "wie er meedoet, en de uitnodigingen die nog open staan", "who takes part, and the invitations still open";
    GoneSharing => "wat jullie delen met hulpverleners: zij kunnen meteen niets meer lezen", "what you share with professionals: they can read nothing any more, at once";
    GoneLog => "het logboek: wie wat heeft bekeken", "the log: who looked at what";
    DeleteFamilyMail => "Iedereen die meedoet, en de hulpverleners, krijgen een e-mail dat het plan weg is.",
        "Everyone taking part, and the professionals, get an email that the plan is gone.";
    DeleteFamilyAllParents => "Bij jullie moeten alle ouders akkoord geven. Het gezin wordt pas verwijderd als alle ouders binnen 7 dagen ja zeggen.",
        "In your family every parent must agree. The family is deleted only when every parent says yes within 7 days.";
    DeleteFamilyNameIs => "De naam van je gezin is: {name}", "Your family's name is: {name}";
    DeleteFamilyTypeName => "Typ de naam van je gezin", "Type your family's name";
    DeleteFamilyButton => "Gezin verwijderen", "Delete the family";
    DeleteFamilyWaits => "{name} wil het gezin verwijderen. Dat gebeurt pas als alle ouders ja zeggen, uiterlijk {date}. Anders blijft alles bestaan.",
        "{name} wants to delete the family. It happens only when every parent says yes, by {date}. Otherwise everything stays.";
    DeleteFamilyWaitingFor => "Nog geen ja van: {names}", "No yes yet from: {names}";
    DeleteFamilyYouSaidYes => "Jij zei ja. We wachten op de andere ouders.", "You said yes. We are waiting for the other parents.";
    DeleteFamilyApprove => "Ja, verwijder het gezin", "Yes, delete the family";
    DeleteFamilyApproveAsk => "Weet je het zeker? Als alle ouders ja zeggen, is alles weg.", "Are you sure? When every parent says yes, everything is gone.";
    DeleteFamilyCancel => "Stop het verwijderen", "Stop the deletion";
    DeleteFamilyCancelled => "Het verwijderen is gestopt. Alles blijft bestaan.", "The deletion was stopped. Everything stays.";
    DeleteFamilyAsked => "De andere ouders krijgen een e-mail. Het gezin wordt verwijderd als zij ja zeggen.",
        "The other parents get an email. The family is deleted when they say yes.";
    DeleteAccountTitle => "Mijn account verwijderen", "Delete my account";
    DeleteAccountLead => "Als je je account verwijdert:", "If you delete your account:";
    AccountGoneLogin => "kun je niet meer inloggen, en word je overal uitgelogd", "you can no longer log in, and you are logged out everywhere";
    AccountGoneName => "worden je naam en e-mailadres gewist", "your name and email address are erased";
    AccountGoneFamilies => "doe je niet meer mee met je gezin; afspraken die je nog niet af had, staan weer open", "you no longer take part in your family; agreements you had not finished are open again";
    AccountGonePrivate => "worden je eigen privé-delen van het plan verwijderd", "your own private parts of the plan are deleted";
    AccountStays => "Wat je in het gezamenlijke plan schreef en je reacties blijven staan voor je gezin, zonder je naam: er staat dan \"een oud lid\".",
        "What you wrote in the shared plan and your comments stay for your family, without your name: it then says \"a former member\".";
    AccountOfOrganisation => "Je account is van je organisatie. Vraag de beheerder van je organisatie om het uit te zetten.",
        "Your account belongs to your organisation. Ask your organisation's admin to deactivate it.";
    DeleteAccountPassword => "Typ je wachtwoord om te bevestigen", "Type your password to confirm";
    DeleteAccountButton => "Mijn account verwijderen", "Delete my account";
    LastParentOf => "Je bent de enige ouder van: {names}. Verwijder eerst dat gezin, of nodig een andere ouder uit.",
        "You are the only parent of: {names}. First delete that family, or invite another parent.";
    ErrConfirmName => "Dit is niet de naam van je gezin. Typ de naam precies zoals hierboven.", "This is not your family's name. Type the name exactly as above.";
    ErrWrongPassword => "Dit is niet je wachtwoord. Probeer het nog eens.", "This is not your password. Try again.";
    ErrDeletionPending => "Het verwijderen wacht al op de andere ouders.", "The deletion already waits for the other parents.";
    ErrManagedByOrganisation => "Je account is van je organisatie. Vraag de beheerder om het uit te zetten.", "Your account belongs to your organisation. Ask the admin to deactivate it.";
    ErrNothingWaits => "Er wacht niets meer. Misschien heeft een andere ouder het al gestopt.", "Nothing waits any more. Another parent may have stopped it already.";
    FilterTitle => "Zoeken in het logboek", "Search the log";
    // what is due this week
    AgendaTitle => "Wat staat er deze week?", "What is on this week?";
    AgendaEmpty => "Deze week staat er niets voor je klaar.", "Nothing is waiting for you this week.";
    AgendaOverdue => "Te laat", "Overdue";
    AgendaThisWeek => "Deze week", "This week";
    AgendaMore => "En nog {count} andere. Kijk bij Afspraken.", "And {count} more. See Agreements.";
    AgendaMine => "Jij doet dit, uiterlijk {date}.", "You are doing this, by {date}.";
    AgendaMineLate => "Dit zou klaar zijn op {date}. Lukte het niet? Kies een nieuwe datum of geef het terug.",
        "This was due on {date}. Did it not work out? Choose a new date or hand it back.";
    AgendaNamed => "In het plan staat dat jij dit doet, uiterlijk {date}.", "The plan says you do this, by {date}.";
    AgendaReviewTitle => "Evaluatie van het plan", "Review of the plan";
    AgendaReview => "Jullie bekijken het plan samen op {date}.", "You look at the plan together on {date}.";
    AgendaReviewLate => "Jullie zouden het plan bekijken op {date}. Spreek een nieuwe datum af.",
        "You planned to look at the plan on {date}. Agree on a new date.";
    AgendaTheirsLate => "{who} zou dit doen, uiterlijk {date}. Vraag hoe het gaat.",
        "{who} was going to do this by {date}. Ask how it is going.";
    AgendaGrantEnds => "{who} kan meelezen tot en met {date}. Wil je dat het langer duurt? Deel dan opnieuw.",
        "{who} can read along until {date}. Do you want it to last longer? Then share again.";
    AgendaRequest => "{who} vraagt of hij of zij mag meelezen. Geef antwoord.",
        "{who} asks to read along. Please answer.";
    AgendaVersion => "{count} van de {total} mensen staan achter deze versie.",
        "{count} of the {total} people stand behind this version.";
    AgendaOpen => "Bekijken", "Open";
    AgendaToCalendar => "Zet je afspraken in de agenda van je telefoon", "Put your agreements in your phone's calendar";
    // the calendar address
    CalendarTitle => "Afspraken in je telefoon", "Agreements in your phone";
    CalendarIntro => "Je kunt je afspraken en de datum van de evaluatie in de agenda van je telefoon zetten. Je telefoon haalt ze dan zelf op. Je ziet daar alleen wat je ook in Ons Plan mag zien.",
        "You can put your agreements and the review date in your phone's calendar. Your phone then fetches them by itself. You only see there what you may also see in Ons Plan.";
    CalendarOff => "Je agenda-link staat uit.", "Your calendar link is off.";
    CalendarOn => "Je agenda-link staat aan.", "Your calendar link is on.";
    CalendarEnable => "Zet de agenda-link aan", "Switch the calendar link on";
    CalendarAddress => "Jouw agenda-link", "Your calendar link";
    CalendarOnce => "Je ziet deze link maar één keer. Kopieer hem nu en zet hem in je telefoon. Deel hem met niemand: wie de link heeft, ziet je afspraken.",
        "You see this link only once. Copy it now and put it in your phone. Share it with nobody: whoever has the link sees your agreements.";
    CalendarCopy => "Kopieer de link", "Copy the link";
    CalendarCopied => "De link is gekopieerd.", "The link is copied.";
    CalendarRenewTitle => "Nieuwe link of uitzetten", "New link or switch off";
    CalendarRenewHint => "Ben je de link kwijt, of heeft iemand anders hem? Maak dan een nieuwe link. De oude link werkt dan meteen niet meer. Zet de nieuwe link opnieuw in je telefoon.",
        "Did you lose the link, or does someone else have it? Then make a new link. The old link stops working at once. Put the new link in your phone again.";
    CalendarRenew => "Maak een nieuwe link", "Make a new link";
    CalendarDisable => "Zet de agenda-link uit", "Switch the calendar link off";
    CalendarSwitchedOn => "De agenda-link staat aan.", "The calendar link is on.";
    CalendarRenewed => "Je hebt een nieuwe link. De oude werkt niet meer.", "You have a new link. The old one no longer works.";
    CalendarSwitchedOff => "De agenda-link staat uit. Je telefoon krijgt geen afspraken meer.",
        "The calendar link is off. Your phone gets no more agreements.";
    CalendarHowTitle => "Zo zet je de link in je telefoon", "How to put the link in your phone";
    CalendarHowIphone => "iPhone: ga naar Instellingen, dan Agenda, dan Accounts. Kies Voeg account toe, dan Andere, dan Voeg agenda-abonnement toe. Plak de link en tik op Volgende.",
        "iPhone: go to Settings, then Calendar, then Accounts. Choose Add Account, then Other, then Add Subscribed Calendar. Paste the link and tap Next.";
    CalendarHowAndroid => "Android: open Google Agenda op een computer. Kies bij Andere agenda's het plusje, dan Via URL. Plak de link en kies Agenda toevoegen. Na een tijdje zie je de afspraken ook in je telefoon.",
        "Android: open Google Calendar on a computer. Next to Other calendars choose the plus, then From URL. Paste the link and choose Add calendar. After a while you see the agreements in your phone too.";
    // commitments ("Ik doe dit")
    NavCommitments => "Afspraken", "Agreements";
    CommitmentsTitle => "Afspraken", "Agreements";
    CommitmentsIntro => "Zie je iets wat jij kunt doen? Kies 'Ik doe dit'. Dan weet iedereen dat jij het doet.",
        "Do you see something you can do? Choose 'I will do this'. Then everyone knows you are doing it.";
    MyCommitments => "Mijn afspraken", "My agreements";
    NoCommitments => "Je hebt nog geen afspraken.", "You have no agreements yet.";
    AllAgreements => "Andere afspraken", "Other agreements";
    NoAgreements => "Er zijn geen andere afspraken.", "There are no other agreements.";
    CommitmentOpen => "Nog niemand doet dit.", "Nobody is doing this yet.";
    CommitmentTaken => "{who} doet dit.", "{who} is doing this.";
    CommitmentTakenBy => "{who} doet dit, uiterlijk {date}.", "{who} is doing this, by {date}.";
    CommitmentDone => "Gedaan door {who} op {when}.", "Done by {who} on {when}.";
    CommitmentDoneNoDate => "Gedaan door {who}.", "Done by {who}.";
    HandedBack => "{who} gaf dit terug.", "{who} handed this back.";
    HandedBackWord => "{who} gaf dit terug: '{word}'", "{who} handed this back: '{word}'";
    FieldCommitmentDate => "Wanneer is het klaar?", "When will it be done?";
    TakeAgreement => "Ik doe dit", "I will do this";
    FinishAgreement => "Gedaan", "Done";
    ReleaseAgreement => "Teruggeven", "Hand back";
    FieldReleaseWord => "Wil je iets zeggen? (mag leeg blijven)", "Anything to say? (may stay empty)";
    ReleaseWordHint => "Bijvoorbeeld: 'Het lukt me deze maand niet.'", "For example: 'I can't manage it this month.'";
    TakeSaved => "Fijn! Iedereen ziet nu dat jij dit doet.", "Thank you! Everyone now sees you are doing this.";
    DoneSaved => "Top, het staat op gedaan.", "Great, it is marked done.";
    ReleaseSaved => "Je hebt de afspraak teruggegeven.", "You handed the agreement back.";
    FieldAssignTo => "Wie gaat dit doen?", "Who will do this?";
    AssignAgreement => "Geef deze afspraak", "Give this agreement";
    AssignSaved => "Opgeslagen. Die persoon ziet de afspraak nu bij 'Mijn afspraken'.",
        "Saved. That person now sees the agreement under 'My agreements'.";
    LogTakeAgreement => "{who} zei 'Ik doe dit' bij een afspraak op {when}",
        "{who} said 'I will do this' for an agreement on {when}";
    LogFinishAgreement => "{who} zette een afspraak op gedaan op {when}",
        "{who} marked an agreement done on {when}";
    LogReleaseAgreement => "{who} gaf een afspraak terug op {when}",
        "{who} handed an agreement back on {when}";
    LogAssignAgreement => "{who} gaf een afspraak aan iemand op {when}",
        "{who} gave an agreement to someone on {when}";
    // emails: reminders and the weekly word ("Berichten")
    NavNotifications => "Berichten", "Messages";
    NoticesTitle => "Berichten", "Messages";
    NoticesIntro => "Welke e-mails wil je krijgen? We sturen nooit iets tussen 21:00 en 08:00.",
        "Which emails do you want? We never send anything between 21:00 and 08:00.";
    NoticeCommitments => "Mijn afspraken", "My agreements";
    NoticeCommitmentsHint => "Twee dagen voor de datum, en de ochtend erna als het nog niet gedaan is.",
        "Two days before the date, and the morning after if it is not done yet.";
    NoticeReviews => "Evaluatie", "Review";
    NoticeReviewsHint => "Een week voor de evaluatie, en als de datum voorbij is.",
        "A week before the review, and when the date has passed.";
    NoticeGrants => "Toestemming loopt af", "Consent ends";
    NoticeGrantsHint => "Als een hulpverlener binnen een week het plan niet meer kan lezen.",
        "When a professional can no longer read the plan within a week.";
    NoticeActivity => "Nieuws van naasten", "News from relatives";
    NoticeActivityHint => "Als een naaste een afspraak oppakt of afmaakt. Hooguit één e-mail per uur.",
        "When a relative takes on or finishes an agreement. At most one email an hour.";
    NoticeWeekly => "Weekbericht", "Weekly word";
    NoticeWeeklyHint => "Eén korte e-mail per week: wat er veranderd is en wat eraan komt.",
        "One short email a week: what changed and what is coming.";
    NoticesSaved => "Opgeslagen.", "Saved.";
    // unlinking a professional
    Unlink => "Ontkoppelen", "Unlink";
    UnlinkName => "Ontkoppelen: {name}", "Unlink: {name}";
    UnlinkAsk => "Wil je {name} ontkoppelen? Dan kan {name} niets meer lezen van jullie plan. Alles wat je met {name} deelde, stopt meteen.",
        "Do you want to unlink {name}? Then {name} can no longer read anything of your plan. Everything you shared with {name} stops at once.";
    UnlinkYes => "Ja, ontkoppelen", "Yes, unlink";
    Unlinked => "De hulpverlener is ontkoppeld. Die kan niets meer lezen van jullie plan.",
        "The professional is unlinked. They can no longer read anything of your plan.";
    LogUnlinkProfessional => "{who} ontkoppelde een hulpverlener op {when}", "{who} unlinked a professional on {when}";
    // the access log, one line per person per day
    LogGroupRead => "{who} keek {n} keer naar het plan op {day}", "{who} looked at the plan {n} times on {day}";
    LogGroupDenied => "{who} probeerde {n} keer iets te bekijken wat niet mocht, op {day}",
        "{who} tried {n} times to see something they may not, on {day}";
    LogGroupOther => "{who} deed {n} keer iets op {day}", "{who} did something {n} times on {day}";
    // the organisation admin's home
    OrgHomeTitle => "Jullie hulpverleners", "Your professionals";
    OrgHomeIntro => "Hier maak je accounts voor de hulpverleners van je organisatie. Zij krijgen een e-mail en kiezen zelf een wachtwoord. Gezinnen en plannen zie je hier niet.",
        "Here you make accounts for your organisation's professionals. They get an email and choose a password themselves. You do not see families or plans here.";
    OrgNoProfessionals => "Je hebt nog geen hulpverleners toegevoegd.", "You have not added any professionals yet.";
    OrgStateActive => "Actief", "Active";
    OrgStateWaiting => "Heeft nog geen wachtwoord gekozen", "Has not chosen a password yet";
    OrgAddTitle => "Hulpverlener toevoegen", "Add a professional";
    FieldProName => "Naam", "Name";
    FieldProEmail => "E-mailadres van het werk", "Work email address";
    OrgAddButton => "Toevoegen en e-mail sturen", "Add and send email";
    OrgAdded => "Toegevoegd. De hulpverlener krijgt een e-mail om een wachtwoord te kiezen.",
        "Added. The professional gets an email to choose a password.";
    OrgDeactivate => "Account stoppen", "Stop account";
    OrgDeactivateName => "Account stoppen: {name}", "Stop account: {name}";
    OrgDeactivateAsk => "Wil je het account van {name} stoppen? {name} kan dan niet meer inloggen en niets meer lezen. Dit kun je niet terugdraaien.",
        "Do you want to stop {name}'s account? {name} can then no longer log in or read anything. This cannot be undone.";
    OrgDeactivateYes => "Ja, stoppen", "Yes, stop";
    OrgDeactivated => "Het account is gestopt.", "The account is stopped.";
    // a relative at a parents' page
    ParentsOnly => "Dit is alleen voor ouders", "This is for parents only";
    ParentsOnlyText => "Deze pagina is voor de ouders van het gezin. Jij leest mee met het plan.",
        "This page is for the family's parents. You read along with the plan.";
    SharePreview => "Zo ziet {name} het", "This is what {name} sees";
    SharePreviewHint => "Dit is precies wat {name} kan lezen als je deelt.", "This is exactly what {name} can read when you share.";
    // a parent's private sections
    NavPrivate => "Alleen ik", "Only me";
    PrivateTitle => "Alleen voor mij", "Only for me";
    PrivateIntro => "Hier schrijf je dingen die alleen jij ziet. De andere ouder en de familie zien dit niet. Dat is fijn als iets nog niet klaar is om te delen, of als het alleen over jou gaat.",
        "Here you write things only you see. The other parent and the family do not see this. That helps when something is not ready to share yet, or when it is only about you.";
    PrivateWritten => "Geschreven", "Written";
    PrivateEmpty => "Nog leeg", "Still empty";
    PrivateShareTitle => "Laten lezen door een hulpverlener", "Let a professional read it";
    PrivateShareIntro => "Wil je dat een hulpverlener iets leest wat alleen voor jou is? Dat beslis jij alleen. De andere ouder ziet het dan nog steeds niet.",
        "Do you want a professional to read something that is only for you? You alone decide that. The other parent still does not see it.";
    PrivateSharePro => "Met wie?", "With whom?";
    PrivatePickPro => "Kies een hulpverlener.", "Choose a professional.";
    PrivateShareWhat => "Welke delen?", "Which parts?";
    PrivateNothingWritten => "Schrijf eerst iets. Dan kun je het delen.", "Write something first. Then you can share it.";
    PrivateNoPros => "Er is nog geen hulpverlener gekoppeld. Dat doe je bij 'Wie helpt er mee?'.",
        "No professional is linked yet. You do that under 'Who helps?'.";
    NavRequestsWaiting => "Verzoeken: {n} wachten op antwoord", "Requests: {n} waiting for an answer";
    // ---- Reading the plan: sentences, the scale, reading aloud ----
    ReadTitle => "Het hele plan", "The whole plan";
    ReadLink => "Lees het hele plan", "Read the whole plan";
    ReadIntro => "Hier staat jullie plan om rustig te lezen. Veranderen doe je bij Ons plan.",
        "Here is your plan to read in peace. You change it under Our plan.";
    ReadNotYet => "Nog niet ingevuld: {sections}.", "Not filled in yet: {sections}.";
    ReadNothing => "Er staat nog niets in het plan.", "There is nothing in the plan yet.";
    PrintButton => "Afdrukken", "Print";
    ReadAloud => "Lees voor", "Read aloud";
    StopAloud => "Stop met voorlezen", "Stop reading aloud";
    ScaleLow => "0 = het gaat helemaal niet", "0 = it is not going at all";
    ScaleHigh => "10 = het gaat zoals wij willen", "10 = it goes the way we want";
    ScaleAt => "Nu: {n} van 10", "Now: {n} of 10";
    ScaleHistory => "Eerder: {steps}", "Before: {steps}";
    ScaleOn => "{n} op {date}", "{n} on {date}";
    RdChildAge => "{name}, {age} jaar", "{name}, {age} years old";
    RdWhatMatters => "Wat wij belangrijk vinden", "What matters to us";
    RdNextStep => "Volgende stap: {step}", "Next step: {step}";
    RdCanOffer => "{who} kan helpen met: {what}", "{who} can help with: {what}";
    RdWarningSigns => "Hieraan merken we dat het mis gaat", "This is how we notice things go wrong";
    RdWhatWeDo => "Dit doen we dan", "This is what we do then";
    RdWhomWeCall => "Deze mensen bellen we", "We call these people";
    RdSafePlaces => "Hier kunnen de kinderen logeren", "The children can stay here";
    RdFromWhom => "{what} (van {whom})", "{what} (from {whom})";
    RdChildSays => "{name} zegt: “{words}”", "{name} says: “{words}”";
    RdNextReview => "We kijken weer samen terug op {date}.", "We look back together again on {date}.";
    RdReviews => "Eerder teruggekeken", "Looked back before";
    RdNeeded => "Nodig: {what}", "Needed: {what}";
    RdByWhen => "uiterlijk {date}", "by {date}";
    RdOpen => "nog niet gedaan", "not done yet";
    RdDone => "gedaan", "done";
    RdForGoal => "Voor het doel: {goal}", "For the goal: {goal}";
    // the editor: choosing who does it and for which goal, parts, examples
    FForGoal => "Voor welk doel?", "For which goal?";
    GoalNone => "Geen doel", "No goal";
    WhoChoose => "Kies iemand", "Choose someone";
    WhoMembers => "Doen mee in de app", "Taking part in the app";
    WhoNetwork => "Uit ons netwerk", "From our network";
    WhoOther => "Iemand anders…", "Someone else…";
    WhoName => "Naam van die persoon", "That person's name";
    PartOf => "deel {n} van {total}", "part {n} of {total}";
    ExAbout => "Bijvoorbeeld: Wij zijn Sanne, Mark en Tim (8). We koken graag samen.",
        "For example: We are Sanne, Mark and Tim (8). We like to cook together.";
    ExConcerns => "Bijvoorbeeld: Ik word boos als ik moe ben. Tim slaapt slecht.",
        "For example: I get angry when I am tired. Tim sleeps badly.";
    ExStrengths => "Bijvoorbeeld: Oma haalt Tim elke dag uit school.",
        "For example: Grandma picks Tim up from school every day.";
    ExGoals => "Bijvoorbeeld: Tim gaat elke dag naar school.",
        "For example: Tim goes to school every day.";
    ExAgreements => "Bijvoorbeeld: Oma Riet haalt Tim op, elke woensdag.",
        "For example: Grandma Riet picks Tim up, every Wednesday.";
    ExNetwork => "Bijvoorbeeld: Buurvrouw Ans kan op Tim passen.",
        "For example: Ans next door can look after Tim.";
    ExSafety => "Bijvoorbeeld: Mark drinkt weer. Dan bel ik oma Riet.",
        "For example: Mark drinks again. Then I call grandma Riet.";
    ExLifeDomains => "Bijvoorbeeld: Er zijn schulden. We willen hulp bij de post.",
        "For example: There are debts. We want help with the post.";
    ExProfessionalHelp => "Bijvoorbeeld: Hulp bij het opvoeden, van het wijkteam.",
        "For example: Help with raising the children, from the neighbourhood team.";
    ExChildren => "Bijvoorbeeld: Tim zegt: ik wil vaker bij papa zijn.",
        "For example: Tim says: I want to be with dad more often.";
    ExEvaluation => "Bijvoorbeeld: Over 3 maanden kijken we samen: wat ging goed?",
        "For example: In 3 months we look together: what went well?";
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

/// "23 november 2026, 17:05" on the Dutch clock of that moment.
pub fn format_datetime(lang: Locale, at: DateTime<Utc>) -> String {
    let local = dutch_time(at);
    format!(
        "{}, {:02}:{:02}",
        format_day(lang, local.date_naive()),
        local.hour(),
        local.minute()
    )
}

/// "3 maart 2027".
pub fn format_day(lang: Locale, day: NaiveDate) -> String {
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
        format_datetime(self.lang(), at)
    }

    /// A person's name, or "een oud lid" for someone who deleted their account.
    pub fn person(&self, name: &str) -> String {
        if name.is_empty() {
            self.t(K::FormerMember).to_string()
        } else {
            name.to_string()
        }
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>()
}

// ---- Dates without a time, and moments in sentences ----

/// "3 maart 2027": the day `at` falls on in the Netherlands.
pub fn format_date(lang: Locale, at: DateTime<Utc>) -> String {
    format_day(lang, dutch_time(at).date_naive())
}

/// "3 maart om 14:05" for a moment this year, "3 maart 2025 om 14:05" for an older one.
pub fn format_moment(lang: Locale, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let moment = dutch_time(at);
    let date = if moment.year() == dutch_time(now).year() {
        format!(
            "{} {}",
            moment.day(),
            text(lang, MONTHS[moment.month0() as usize])
        )
    } else {
        format_date(lang, at)
    };
    let time = format!("{:02}:{:02}", moment.hour(), moment.minute());
    fill(text(lang, K::AtTime), &[("date", &date), ("time", &time)])
}

impl I18n {
    /// The day of `at`: "3 maart 2027".
    pub fn day(&self, at: DateTime<Utc>) -> String {
        format_date(self.lang(), at)
    }

    /// The last day a period ending (exclusively) at `until` covers.
    pub fn last_day(&self, until: DateTime<Utc>) -> String {
        self.day(until - chrono::Duration::seconds(1))
    }

    /// "3 maart om 14:05".
    pub fn moment(&self, at: DateTime<Utc>) -> String {
        format_moment(self.lang(), at, Utc::now())
    }
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
        assert_eq!(format_datetime(Locale::Nl, at), "23 november 2026, 17:05");
        // A summer moment keeps its summer time, whenever it is read.
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
        assert_eq!(format_datetime(Locale::Nl, summer), "1 juli 2026, 14:00");
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

    #[test]
    fn moments_read_like_a_sentence() {
        let at = Utc.with_ymd_and_hms(2026, 3, 3, 13, 5, 0).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        assert_eq!(format_moment(Locale::Nl, at, now), "3 maart om 14:05");
        let later = Utc.with_ymd_and_hms(2027, 1, 2, 12, 0, 0).unwrap();
        assert_eq!(
            format_moment(Locale::Nl, at, later),
            "3 maart 2026 om 14:05"
        );
        assert_eq!(format_date(Locale::En, at), "3 March 2026");
    }
}
