//! How Word numbers paragraphs: list definitions in `word/numbering.xml` (abstract lists,
//! their instances, level overrides and `startOverride` restarts), numbering attached to
//! paragraph styles in `word/styles.xml`, and the counters that turn a paragraph's list and
//! level into the number Word displays ("1.", "1.2", "(b)", "iv").
//!
//! Only numbers are computed here; reading the document body is [`super::docx`]'s job.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rustc_hash::FxHashMap as HashMap;

/// The value of attribute `w:{name}` (any prefix).
pub(super) fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

pub(super) fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, b"val")
}

pub(super) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(val(e).as_deref(), Some("0" | "false" | "off"))
}

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct Level {
    start: Option<u32>,
    fmt: String,
    text: String,
    /// `lvlRestart`: restart after a level above this (1-based) is used; 0 never.
    restart: Option<u32>,
    legal: bool,
    style: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Instance {
    abs: String,
    /// Per level: a `startOverride`, and a whole replacement level.
    start_override: [Option<u32>; 9],
    level_override: [Option<Level>; 9],
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Instance>,
    /// Abstract lists defined by a list style (`w:numStyleLink`): the style's id.
    style_links: HashMap<String, String>,
}

pub(super) fn parse_numbering(xml: &str) -> Numbering {
    let mut n = Numbering::default();
    let mut r = Reader::from_str(xml);
    let (mut abs, mut levels): (Option<String>, Vec<Level>) = (None, Vec::new());
    let mut num: Option<(String, Instance)> = None;
    let mut lvl: Option<(usize, Level)> = None;
    let mut override_at: Option<usize> = None;
    loop {
        let ev = match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"abstractNum" => {
                    abs = attr(&e, b"abstractNumId");
                    levels = vec![Level::default(); 9];
                }
                b"num" => num = attr(&e, b"numId").map(|id| (id, Instance::default())),
                b"numStyleLink" => {
                    if let (Some(a), Some(style)) = (&abs, val(&e)) {
                        n.style_links.insert(a.clone(), style);
                    }
                }
                b"abstractNumId" => {
                    if let (Some((_, inst)), Some(v)) = (&mut num, val(&e)) {
                        inst.abs = v;
                    }
                }
                b"lvlOverride" => override_at = attr(&e, b"ilvl").and_then(|v| v.parse().ok()),
                b"startOverride" => {
                    if let (Some((_, inst)), Some(i)) = (&mut num, override_at.filter(|&i| i < 9)) {
                        inst.start_override[i] = val(&e).and_then(|v| v.parse().ok());
                    }
                }
                b"lvl" => {
                    let i: usize = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    lvl = Some((i.min(8), Level::default()));
                }
                name => {
                    if let Some((_, l)) = &mut lvl {
                        match name {
                            b"start" => l.start = val(&e).and_then(|v| v.parse().ok()),
                            b"numFmt" => l.fmt = val(&e).unwrap_or_default(),
                            b"lvlText" => l.text = val(&e).unwrap_or_default(),
                            b"lvlRestart" => l.restart = val(&e).and_then(|v| v.parse().ok()),
                            b"isLgl" => l.legal = on(&e),
                            b"pStyle" => l.style = val(&e),
                            _ => {}
                        }
                    }
                }
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"lvl" => {
                    if let Some((i, l)) = lvl.take() {
                        match (&mut num, override_at) {
                            (Some((_, inst)), Some(o)) if o < 9 => inst.level_override[i] = Some(l),
                            _ => levels[i] = l,
                        }
                    }
                }
                b"lvlOverride" => override_at = None,
                b"abstractNum" => {
                    if let Some(id) = abs.take() {
                        n.abstracts.insert(id, std::mem::take(&mut levels));
                    }
                }
                b"num" => {
                    if let Some((id, inst)) = num.take() {
                        n.nums.insert(id, inst);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    n
}

/// A paragraph style: its name, parent, and numbering.
#[derive(Clone, Debug, Default)]
pub(super) struct Style {
    pub name: String,
    pub based_on: Option<String>,
    pub num_id: Option<String>,
    pub ilvl: Option<usize>,
}

pub(super) fn parse_styles(xml: &str) -> HashMap<String, Style> {
    let mut styles = HashMap::default();
    let mut r = Reader::from_str(xml);
    let mut cur: Option<(String, Style)> = None;
    loop {
        let ev = match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                match (name.as_ref(), &mut cur) {
                    (b"style", _) => {
                        let kind = attr(&e, b"type");
                        cur = matches!(kind.as_deref(), Some("paragraph" | "numbering"))
                            .then(|| attr(&e, b"styleId"))
                            .flatten()
                            .map(|id| (id, Style::default()))
                    }
                    (b"name", Some((_, s))) => s.name = val(&e).unwrap_or_default(),
                    (b"basedOn", Some((_, s))) => s.based_on = val(&e),
                    (b"numId", Some((_, s))) => s.num_id = val(&e),
                    (b"ilvl", Some((_, s))) => s.ilvl = val(&e).and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"style" => {
                if let Some((id, s)) = cur.take() {
                    styles.insert(id, s);
                }
            }
            _ => {}
        }
    }
    styles
}

/// A number in a list format: `decimal` 3, `lowerLetter` c, `upperRoman` III, …
fn format_number(n: u32, fmt: &str) -> String {
    let letters = |upper: bool| {
        if n == 0 {
            return String::new();
        }
        let c = (b'a' + ((n - 1) % 26) as u8) as char;
        let s = c.to_string().repeat(((n - 1) / 26 + 1) as usize);
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    };
    match fmt {
        "lowerLetter" => letters(false),
        "upperLetter" => letters(true),
        "lowerRoman" => crate::number::to_roman(n),
        "upperRoman" => crate::number::to_roman(n).to_uppercase(),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// Word's list counters, one set per list definition (instances of one definition continue
/// each other unless an instance restarts a level with `startOverride`).
#[derive(Default)]
pub(super) struct Counters {
    by_abs: HashMap<String, [Option<u32>; 9]>,
    seen: rustc_hash::FxHashSet<String>,
}

/// What a numbered paragraph shows before its text.
pub(super) enum Shown {
    Number(String),
    Bullet,
}

impl Numbering {
    /// Follow `w:numStyleLink`: an abstract list that only names a list style takes its
    /// levels from the list that style points to.
    pub(super) fn link_styles(&mut self, styles: &HashMap<String, Style>) {
        let links: Vec<(String, String)> = self.style_links.drain().collect();
        for (abs, style) in links {
            let target = styles
                .get(&style)
                .and_then(|s| s.num_id.as_ref())
                .and_then(|id| self.nums.get(id))
                .map(|inst| inst.abs.clone())
                .filter(|t| *t != abs);
            if let Some(levels) = target.and_then(|t| self.abstracts.get(&t).cloned()) {
                self.abstracts.insert(abs, levels);
            }
        }
    }

    fn level(&self, inst: &Instance, i: usize) -> Level {
        inst.level_override[i]
            .clone()
            .or_else(|| {
                self.abstracts
                    .get(&inst.abs)
                    .and_then(|l| l.get(i).cloned())
            })
            .unwrap_or_default()
    }

    /// Advance the counters for a paragraph at level `ilvl` of list `num_id`, and return
    /// what it shows.
    pub(super) fn advance(&self, c: &mut Counters, num_id: &str, ilvl: usize) -> Option<Shown> {
        let inst = self.nums.get(num_id)?;
        let ilvl = ilvl.min(8);
        let levels: Vec<Level> = (0..9).map(|i| self.level(inst, i)).collect();
        let counters = c.by_abs.entry(inst.abs.clone()).or_insert([None; 9]);
        let start = |i: usize| inst.start_override[i].or(levels[i].start).unwrap_or(1);
        if c.seen.insert(num_id.to_string()) {
            for (i, o) in inst.start_override.iter().enumerate() {
                if o.is_some() {
                    counters[i..].iter_mut().for_each(|x| *x = None);
                }
            }
        }
        let lvl = &levels[ilvl];
        if lvl.fmt == "bullet" {
            return Some(Shown::Bullet);
        }
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |v| v + 1));
        for k in ilvl + 1..9 {
            let restarts = match levels[k].restart {
                Some(0) => false,
                Some(r) => (ilvl as u32) < r,
                None => true,
            };
            if restarts {
                counters[k] = None;
            }
        }
        let mut shown = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let k = (d - 1) as usize;
                    let v = counters[k].unwrap_or_else(|| start(k));
                    let fmt = if lvl.legal {
                        "decimal"
                    } else {
                        levels[k].fmt.as_str()
                    };
                    shown.push_str(&format_number(v, fmt));
                }
                _ => shown.push(ch),
            }
        }
        Some(Shown::Number(shown.trim().to_string()))
    }

    /// The level a style is attached to by `w:pStyle` in a list definition.
    pub(super) fn level_of_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let inst = self.nums.get(num_id)?;
        (0..9).find(|&i| self.level(inst, i).style.as_deref() == Some(style))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_as_word_does() {
        assert_eq!(format_number(3, "lowerLetter"), "c");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(7, "decimalZero"), "07");
    }

    #[test]
    fn counters_nest_restart_and_override() {
        let xml = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/>
            <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let n = parse_numbering(xml);
        let mut c = Counters::default();
        let mut show = |id: &str, l: usize| match n.advance(&mut c, id, l) {
            Some(Shown::Number(s)) => s,
            _ => "-".into(),
        };
        let got: Vec<String> = [
            ("1", 0),
            ("1", 1),
            ("1", 2),
            ("1", 2),
            ("1", 1),
            ("1", 0),
            ("1", 2),
            ("2", 0),
            ("2", 1),
        ]
        .iter()
        .map(|(id, l)| show(id, *l))
        .collect();
        assert_eq!(
            got,
            ["1.", "1.1", "(a)", "(b)", "1.2", "2.", "(a)", "1.", "1.1"]
        );
    }

    #[test]
    fn list_styles_start_values_and_no_restart() {
        let numbering = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:lvlRestart w:val="0"/><w:isLgl/></w:lvl>
          </w:abstractNum>
          <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="LegalList"/></w:abstractNum>
          <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>"#;
        let styles = r#"<w:styles xmlns:w="w">
          <w:style w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
        </w:styles>"#;
        let mut n = parse_numbering(numbering);
        n.link_styles(&parse_styles(styles));
        let mut c = Counters::default();
        let mut show = |id: &str, l: usize| match n.advance(&mut c, id, l) {
            Some(Shown::Number(s)) => s,
            _ => "-".into(),
        };
        // Through the list style: starts at III; level 2 is legal (decimal) and never restarts.
        let got: Vec<String> = [("6", 0), ("6", 1), ("6", 0), ("6", 1)]
            .iter()
            .map(|(id, l)| show(id, *l))
            .collect();
        assert_eq!(got, ["III.", "3.1", "IV.", "4.2"]);
    }
}
