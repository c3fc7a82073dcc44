//! The pack as the renderers see it: plain view structs with every string ready to print
//! (dates written out, the chair marked, header rows in order). Both the Typst and the HTML
//! renderer read only these, so the two outputs cannot disagree about content.
//!
//! Building views from checked input is [`build`]; annex bodies come from [`super::annex`];
//! page ranges are filled in by [`super::pdf`] from the laid-out PDF.

use super::annex;
use super::inputs::Inputs;
use super::meeting::{Group, ItemBody};
use serde::Serialize;

/// What an item or annex prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Body {
    /// Markdown as written, clerk's own syntax (`{#labels}`) removed.
    Markdown { text: String },
    /// A tracked-change redline: blocks of runs, each unchanged, inserted or deleted.
    Redline { blocks: Vec<RedlineBlock> },
    /// A table of key changes (clause, change).
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// A heading, with its level in the document (1 = section).
    Heading(u8),
    Paragraph,
    ListItem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    Same,
    Inserted,
    Deleted,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RedlineBlock {
    pub kind: BlockKind,
    pub runs: Vec<(Change, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnnexView {
    /// "Annex 1".
    pub label: String,
    pub title: String,
    /// The document's own title and standing, e.g. "Contract Standing Orders · Part 4.6.1 of
    /// the Constitution · adopted 1 October 2018, amended 27 February 2024".
    pub about: String,
    pub body: Body,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportView {
    pub title: String,
    /// "Constitutional Review Working Party 27 February 2024".
    pub meeting: String,
    pub rows: Vec<(String, String)>,
    pub body: Body,
    pub annexes: Vec<AnnexView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemView {
    pub number: u32,
    pub title: String,
    /// A standard item's text, printed on the agenda.
    pub text: Option<String>,
    pub report: Option<ReportView>,
    /// First and last page, from the layout (items with a report only).
    pub pages: Option<(usize, usize)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupView {
    pub group: String,
    /// "Austin, Britcher, Everitt, W Scobie and Scott", the chair marked "(Chair)".
    pub members: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PackView {
    /// The document title, for PDF metadata and the HTML `<title>`.
    pub title: String,
    pub council: String,
    pub committee: String,
    /// "27 February 2024".
    pub date: String,
    pub date_iso: String,
    pub weekday: String,
    pub time: String,
    pub venue: String,
    pub membership: Vec<GroupView>,
    pub quorum: Option<String>,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub issued: String,
    pub footer: Vec<String>,
    pub duplex: bool,
    pub blank_page: String,
    pub items: Vec<ItemView>,
}

/// "a, b and c".
pub fn and_list(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn group_view(g: &Group, chair: &str, vice: Option<&str>) -> GroupView {
    let names: Vec<String> = g
        .members
        .iter()
        .map(|m| {
            if m == chair {
                format!("{m} (Chair)")
            } else if Some(m.as_str()) == vice {
                format!("{m} (Vice-Chair)")
            } else {
                m.clone()
            }
        })
        .collect();
    GroupView {
        group: g.group.clone(),
        members: and_list(&names),
    }
}

/// Build the views from input that passed every check.
pub fn build(inputs: &Inputs) -> Result<PackView, String> {
    let m = &inputs.meeting;
    let c = &inputs.constitution;
    let meeting_line = format!("{} {}", m.committee, m.date.long());
    let mut items = Vec::new();
    for (item, report) in m.items.iter().zip(&inputs.reports) {
        let (text, report) = match (&item.body, report) {
            (ItemBody::Text(t), _) => (Some(t.clone()), None),
            (ItemBody::Report { annexes, .. }, Some(r)) => {
                let doc = &c.documents[r.doc.0];
                let mut views = Vec::new();
                for (a, input) in annexes.iter().zip(&r.annexes) {
                    views.push(AnnexView {
                        label: format!("Annex {}", a.label.value),
                        title: a.title.clone(),
                        about: annex::about(c, input),
                        body: annex::body(c, input)?,
                    });
                }
                let view = ReportView {
                    title: r.header.title.clone(),
                    meeting: meeting_line.clone(),
                    rows: r
                        .header
                        .rows()
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect(),
                    body: Body::Markdown {
                        text: annex::markdown(c, doc),
                    },
                    annexes: views,
                };
                (None, Some(view))
            }
            (ItemBody::Report { .. }, None) => {
                return Err(format!("item {} has no report", item.number.value))
            }
        };
        items.push(ItemView {
            number: item.number.value,
            title: item.title.clone(),
            text,
            report,
            pages: None,
        });
    }
    Ok(PackView {
        title: format!("{} {}: Public Document Pack", m.committee, m.date.long()),
        council: m.council.clone(),
        committee: m.committee.clone(),
        date: m.date.long(),
        date_iso: m.date.iso(),
        weekday: m.date.weekday().to_string(),
        time: m.time.clone(),
        venue: m.venue.clone(),
        membership: m
            .membership
            .iter()
            .map(|g| group_view(g, &m.chair, m.vice_chair.as_deref()))
            .collect(),
        quorum: m.quorum.map(|q| q.to_string()),
        contact_name: m.contact.name.clone(),
        contact_phone: m.contact.direct_dial.clone(),
        contact_email: m.contact.email.clone(),
        issued: m.issued.long(),
        footer: m.footer.clone(),
        duplex: m.duplex,
        blank_page: m.blank_page.clone(),
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        let s = |v: &[&str]| and_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&["Austin"]), "Austin");
        assert_eq!(s(&["Austin", "Scott"]), "Austin and Scott");
        assert_eq!(s(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn the_chair_is_marked() {
        let g = Group {
            group: "Councillors".into(),
            members: vec!["Austin".into(), "Scott".into(), "Tucker".into()],
        };
        assert_eq!(
            group_view(&g, "Tucker", Some("Austin")).members,
            "Austin (Vice-Chair), Scott and Tucker (Chair)"
        );
    }
}
