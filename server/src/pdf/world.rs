//! The typst world a plan is typeset in: the one template (`plan.typ`) as the main file, the
//! plan's data as `/data.json` beside it, and the fonts built into the binary (Noto Sans and
//! Noto Sans Arabic, `server/fonts/`). Nothing is read from disk or the network.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

const TEMPLATE: &str = include_str!("plan.typ");

/// Subsets of Noto Sans (Latin with Turkish and Polish, Greek, Cyrillic) and Noto Sans Arabic,
/// regular and bold; SIL Open Font License (`server/fonts/OFL.txt`).
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Whether some shipped font draws `c`.
pub fn covered(c: char) -> bool {
    FONTS
        .fonts
        .iter()
        .any(|font| font.info().coverage.contains(c as u32))
}

fn file_id(path: &str) -> FileId {
    let path = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

/// One plan to typeset: the template and this plan's data.
pub struct PlanWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Datetime,
}

impl PlanWorld {
    /// `data`: the JSON the template reads; `today`: the date the document says it was made.
    pub fn new(data: Vec<u8>, today: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        let today = Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8)
            .expect("a calendar date");
        Self {
            main: Source::new(file_id("/plan.typ"), TEMPLATE.to_string()),
            data_id: file_id("/data.json"),
            data: Bytes::new(data),
            today,
        }
    }
}

impl World for PlanWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
