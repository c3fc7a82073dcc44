//! The Typst world a pack is compiled in: one main source held in memory, the standard
//! library, and the fonts bundled in typst-assets — no file system, no network, and a fixed
//! `today()` (the meeting's date), so the same input always gives the same PDF.
//!
//! Generating the source is [`super::typst`]'s job; this module only answers Typst's
//! questions about files, fonts and dates.

use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Fonts and their book, parsed once per process.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// A world holding one Typst source.
pub struct PackWorld {
    main: Source,
    today: Datetime,
}

impl PackWorld {
    /// A world whose main file is `text`, on the day `(year, month, day)`.
    pub fn new(text: String, (year, month, day): (i32, u8, u8)) -> PackWorld {
        let path = VirtualPath::new("/pack.typ").expect("a valid virtual path");
        let id = FileId::new(RootedPath::new(VirtualRoot::Project, path));
        PackWorld {
            main: Source::new(id, text),
            today: Datetime::from_ymd(year, month, day)
                .unwrap_or_else(|| Datetime::from_ymd(1970, 1, 1).expect("a valid date")),
        }
    }

    /// The main source, for turning Typst's error spans into lines.
    pub fn source_text(&self) -> &Source {
        &self.main
    }
}

impl World for PackWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
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
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
