//! The meeting file (`meetings/2024-02-27-crwp.yaml`): its schema, deserialised with
//! serde-saphyr, and the checks that need nothing but the file itself (dates, a chair who is a
//! member, item and annex numbers, exactly one source per annex).
//!
//! Every problem becomes a `K701 meeting-file` diagnostic with a span in the YAML. Whether the
//! files and documents it names exist, and whether paths stay inside the meeting's folder, is
//! [`super::inputs`]'s job; what annexes contain is [`super::annex`]'s.

pub use super::date::Date;
use crate::diag::Diagnostic;
use crate::rules;
use crate::source::{FileId, SourceFile, Span};
use crate::yaml::YamlCtx;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The words on the filler page before an item that would otherwise start on an even page.
pub const BLANK_PAGE: &str = "This page is intentionally left blank";

/// A value with the span it was written at in the meeting file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

/// One group of members as printed on the cover ("Councillors: Austin, Britcher and Scott").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub group: String,
    pub members: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub direct_dial: String,
    pub email: String,
}

/// How an annex is numbered: `1, 2, 3` or `A, B, C`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnnexLabel {
    Number(u32),
    Letter(char),
}

impl std::fmt::Display for AnnexLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnnexLabel::Number(n) => write!(f, "{n}"),
            AnnexLabel::Letter(c) => write!(f, "{c}"),
        }
    }
}

/// A document an annex prints or compares: a constitution document by id, or a Markdown file
/// (in the constitution's document format) in the meeting's folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocRef {
    Id(At<String>),
    File(At<String>),
}

impl DocRef {
    /// A value ending in `.md` is a file; anything else is a document id.
    fn from(s: Spanned<String>, ctx: &YamlCtx<'_>) -> DocRef {
        let at = At {
            span: ctx.span_of(&s.referenced),
            value: s.value,
        };
        if at.value.ends_with(".md") {
            DocRef::File(at)
        } else {
            DocRef::Id(at)
        }
    }

    pub fn at(&self) -> &At<String> {
        match self {
            DocRef::Id(a) | DocRef::File(a) => a,
        }
    }
}

/// What an annex holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnnexSource {
    /// The clean text of a document.
    Document(DocRef),
    /// A tracked-change redline of `document` against an earlier version `against`.
    Redline { document: DocRef, against: DocRef },
    /// A table of the key changes between `against` and `document`.
    KeyChanges { document: DocRef, against: DocRef },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annex {
    pub label: At<AnnexLabel>,
    pub title: String,
    pub source: AnnexSource,
    /// Printed exactly as adopted: drafting defects in it are warnings, not errors, because a
    /// committee report cannot correct a text already in force.
    pub verbatim: bool,
}

/// What follows an item's title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemBody {
    /// A report (path relative to the meeting's folder) and its annexes.
    Report {
        path: At<String>,
        annexes: Vec<Annex>,
    },
    /// A standard item printed on the agenda only ("To receive apologies for absence").
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub number: At<u32>,
    pub title: String,
    pub body: ItemBody,
}

/// A meeting file, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub council: String,
    pub committee: String,
    pub date: Date,
    pub time: String,
    pub venue: String,
    pub membership: Vec<Group>,
    pub chair: String,
    pub vice_chair: Option<String>,
    pub quorum: Option<u32>,
    pub contact: Contact,
    pub issued: Date,
    /// The constitution folder, relative to the meeting file's folder.
    pub constitution: At<String>,
    /// Lines at the foot of the cover (address, switchboard, chief executive).
    pub footer: Vec<String>,
    /// Whether items start on odd pages, with a filler page before them when needed.
    pub duplex: bool,
    pub blank_page: String,
    pub items: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    group: String,
    members: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    name: String,
    direct_dial: String,
    email: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrString {
    Num(u32),
    Str(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompare {
    document: Spanned<String>,
    against: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnex {
    number: Spanned<NumOrString>,
    title: String,
    #[serde(default)]
    document: Option<Spanned<String>>,
    #[serde(default)]
    redline: Option<Spanned<RawCompare>>,
    #[serde(default)]
    key_changes: Option<Spanned<RawCompare>>,
    #[serde(default)]
    verbatim: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    number: Spanned<u32>,
    title: Spanned<String>,
    #[serde(default)]
    report: Option<Spanned<String>>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    annexes: Option<Spanned<Vec<RawAnnex>>>,
}

fn yes() -> bool {
    true
}

fn default_constitution() -> Spanned<String> {
    Spanned {
        value: "../constitution".into(),
        referenced: serde_saphyr::Location::UNKNOWN,
        defined: serde_saphyr::Location::UNKNOWN,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeeting {
    council: String,
    committee: String,
    date: Spanned<String>,
    time: String,
    venue: String,
    membership: Vec<RawGroup>,
    chair: Spanned<String>,
    #[serde(default)]
    vice_chair: Option<Spanned<String>>,
    #[serde(default)]
    quorum: Option<u32>,
    contact: RawContact,
    issued: Spanned<String>,
    #[serde(default = "default_constitution")]
    constitution: Spanned<String>,
    #[serde(default)]
    footer: Vec<String>,
    #[serde(default = "yes")]
    duplex: bool,
    #[serde(default)]
    blank_page: Option<String>,
    items: Spanned<Vec<RawItem>>,
}

/// Parse and validate a meeting file. Every problem found is returned; the meeting only when
/// none of them is an error.
pub fn parse(file: FileId, source: &SourceFile) -> Result<Meeting, Vec<Diagnostic>> {
    let ctx = YamlCtx {
        file,
        source,
        offset: 0,
        rule: rules::MEETING_FILE,
    };
    let raw: RawMeeting = ctx.parse(&source.text).map_err(|d| vec![d])?;
    let mut diags = Vec::new();
    let mut date = |s: &Spanned<String>, what: &str| {
        Date::parse(s.value.trim()).unwrap_or_else(|| {
            diags.push(
                ctx.diag(
                    ctx.span_of(&s.referenced),
                    format!("{what} `{}` is not a date", s.value),
                )
                .help("write dates as YYYY-MM-DD, e.g. 2024-02-27"),
            );
            Date {
                year: 1970,
                month: 1,
                day: 1,
            }
        })
    };
    let meeting_date = date(&raw.date, "date");
    let issued = date(&raw.issued, "issued");
    if issued > meeting_date {
        diags.push(
            ctx.diag(
                ctx.span_of(&raw.issued.referenced),
                format!(
                    "the pack is issued on {} but the meeting is on {}",
                    issued.long(),
                    meeting_date.long()
                ),
            )
            .help("the issue date is when the pack is sent out, before the meeting"),
        );
    }
    let members: Vec<&str> = raw
        .membership
        .iter()
        .flat_map(|g| g.members.iter().map(String::as_str))
        .collect();
    for (who, s) in [
        ("chair", Some(&raw.chair)),
        ("vice_chair", raw.vice_chair.as_ref()),
    ] {
        if let Some(s) = s.filter(|s| !members.contains(&s.value.as_str())) {
            diags.push(
                ctx.diag(
                    ctx.span_of(&s.referenced),
                    format!("{who} `{}` is not in the membership", s.value),
                )
                .help(format!("members: {}", members.join(", "))),
            );
        }
    }
    if !raw.contact.email.value.contains('@') {
        diags.push(ctx.diag(
            ctx.span_of(&raw.contact.email.referenced),
            format!("`{}` is not an email address", raw.contact.email.value),
        ));
    }
    let mut items = Vec::new();
    for it in raw.items.value {
        if let Some(item) = item(&ctx, it, &mut diags) {
            items.push(item);
        }
    }
    for w in items.windows(2) {
        if w[1].number.value <= w[0].number.value {
            diags.push(
                ctx.diag(
                    w[1].number.span.clone(),
                    format!(
                        "item {} comes after item {}",
                        w[1].number.value, w[0].number.value
                    ),
                )
                .help("number agenda items in increasing order, each number once"),
            );
        }
    }
    if items.is_empty() && diags.is_empty() {
        diags.push(ctx.diag(
            ctx.span_of(&raw.items.referenced),
            "the agenda has no items",
        ));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Meeting {
        council: raw.council,
        committee: raw.committee,
        date: meeting_date,
        time: raw.time,
        venue: raw.venue,
        membership: raw
            .membership
            .into_iter()
            .map(|g| Group {
                group: g.group,
                members: g.members,
            })
            .collect(),
        chair: raw.chair.value,
        vice_chair: raw.vice_chair.map(|v| v.value),
        quorum: raw.quorum,
        contact: Contact {
            name: raw.contact.name,
            direct_dial: raw.contact.direct_dial,
            email: raw.contact.email.value,
        },
        issued,
        constitution: At {
            span: ctx.span_of(&raw.constitution.referenced),
            value: raw.constitution.value,
        },
        footer: raw.footer,
        duplex: raw.duplex,
        blank_page: raw.blank_page.unwrap_or_else(|| BLANK_PAGE.to_string()),
        items,
    })
}

fn item(ctx: &YamlCtx<'_>, it: RawItem, diags: &mut Vec<Diagnostic>) -> Option<Item> {
    let number = At {
        span: ctx.span_of(&it.number.referenced),
        value: it.number.value,
    };
    let title_span = ctx.span_of(&it.title.referenced);
    let body = match (it.report, it.text) {
        (Some(report), None) => {
            let annexes = match it.annexes {
                Some(a) => a
                    .value
                    .into_iter()
                    .filter_map(|a| annex(ctx, a, diags))
                    .collect(),
                None => Vec::new(),
            };
            ItemBody::Report {
                path: At {
                    span: ctx.span_of(&report.referenced),
                    value: report.value,
                },
                annexes,
            }
        }
        (None, Some(text)) => {
            if let Some(a) = it.annexes {
                diags.push(
                    ctx.diag(
                        ctx.span_of(&a.referenced),
                        format!("item {} has annexes but no report", number.value),
                    )
                    .help("annexes belong to a report: give the item a `report:`"),
                );
            }
            ItemBody::Text(text)
        }
        (Some(_), Some(_)) | (None, None) => {
            diags.push(
                ctx.diag(
                    title_span,
                    format!(
                        "item {} needs exactly one of `report:` (a report file) or `text:` (a standard item)",
                        number.value
                    ),
                ),
            );
            return None;
        }
    };
    Some(Item {
        number,
        title: it.title.value,
        body,
    })
}

fn annex(ctx: &YamlCtx<'_>, a: RawAnnex, diags: &mut Vec<Diagnostic>) -> Option<Annex> {
    let span = ctx.span_of(&a.number.referenced);
    let label = match &a.number.value {
        NumOrString::Num(n) => Some(AnnexLabel::Number(*n)),
        NumOrString::Str(s) => {
            let t = s.trim();
            match (t.parse::<u32>(), t.chars().next()) {
                (Ok(n), _) => Some(AnnexLabel::Number(n)),
                (_, Some(c)) if t.len() == 1 && c.is_ascii_uppercase() => {
                    Some(AnnexLabel::Letter(c))
                }
                _ => None,
            }
        }
    };
    let Some(label) = label else {
        diags.push(
            ctx.diag(span, "an annex is numbered 1, 2, 3 … or lettered A, B, C …")
                .help("write `number: 1` or `number: A`"),
        );
        return None;
    };
    let compare = |c: Spanned<RawCompare>| {
        (
            DocRef::from(c.value.document, ctx),
            DocRef::from(c.value.against, ctx),
        )
    };
    let source = match (a.document, a.redline, a.key_changes) {
        (Some(d), None, None) => AnnexSource::Document(DocRef::from(d, ctx)),
        (None, Some(r), None) => {
            let (document, against) = compare(r);
            AnnexSource::Redline { document, against }
        }
        (None, None, Some(k)) => {
            let (document, against) = compare(k);
            AnnexSource::KeyChanges { document, against }
        }
        _ => {
            diags.push(
                ctx.diag(
                    span,
                    format!(
                        "annex {label} needs exactly one of `document:`, `redline:` or `key_changes:`"
                    ),
                )
                .help("`document: cso` prints a constitution document; `document: file.md` a file in the meeting's folder"),
            );
            return None;
        }
    };
    Some(Annex {
        label: At { value: label, span },
        title: a.title,
        source,
        verbatim: a.verbatim,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "council: Thanet District Council
committee: Constitutional Review Working Party
date: 2024-02-27
time: 7.00 pm
venue: Council Chamber
membership:
  - group: Councillors
    members: [Austin, Scott]
chair: Scott
contact:
  name: Gabriella Stewart
  direct_dial: (01843) 577207
  email: g@example.org
issued: 2024-02-22
items:
  - number: 1
    title: Apologies
    text: To receive apologies for absence.
  - number: 4
    title: Contract Procedure Rules
    report: item-4.md
    annexes:
      - number: 1
        title: Contract Standing Orders
        document: cso
      - number: 2
        title: Redline
        redline: {document: cso, against: old.md}
";

    fn parse_str(s: &str) -> Result<Meeting, Vec<Diagnostic>> {
        parse(FileId(0), &SourceFile::new("m.yaml", s))
    }

    #[test]
    fn reads_a_meeting() {
        let m = parse_str(OK).unwrap();
        assert_eq!(m.date.long(), "27 February 2024");
        assert_eq!(m.date.weekday(), "Tuesday");
        assert_eq!(m.items.len(), 2);
        let ItemBody::Report { annexes, .. } = &m.items[1].body else {
            panic!()
        };
        assert!(
            matches!(&annexes[0].source, AnnexSource::Document(DocRef::Id(a)) if a.value == "cso")
        );
        assert!(
            matches!(&annexes[1].source, AnnexSource::Redline { against: DocRef::File(f), .. } if f.value == "old.md")
        );
        assert!(m.duplex);
        assert_eq!(m.blank_page, BLANK_PAGE);
    }

    #[test]
    fn problems_point_at_their_line() {
        let bad = OK.replace("chair: Scott", "chair: Tucker");
        let d = parse_str(&bad).unwrap_err();
        let src = SourceFile::new("m.yaml", bad.as_str());
        assert_eq!(src.line_col(d[0].span.start).0, 9, "{d:?}");
        assert!(d[0].message.contains("Tucker"));
        let d = parse_str(&OK.replace("time:", "tme:")).unwrap_err();
        assert!(d[0].message.contains("tme"), "{}", d[0].message);
        let d = parse_str(&OK.replace("date: 2024-02-27", "date: 2024-02-30")).unwrap_err();
        assert!(d[0].message.contains("not a date"));
    }
}
