//! Making a [`Matcher`] from the forms: once per run, over every name of the constitution.
//!
//! Everything a scan would otherwise work out per match is worked out here instead (which
//! patterns are prefixes of which, where another pattern may start inside one, which can
//! only be capitalised terms), since a constitution has thousands of documents and one set
//! of names. How those tables are used is [`super::scan`]'s business.

use super::group::Group;
use super::{Automaton, CaseRule, Form, Matcher, SHORT};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

impl Matcher {
    pub fn new(forms: Vec<Form>) -> Matcher {
        let forms: Vec<Form> = forms
            .into_iter()
            .filter(|f| !f.text.trim().is_empty())
            .collect();
        let mut texts: Vec<String> = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut by_text: rustc_hash::FxHashMap<String, usize> = Default::default();
        for (i, f) in forms.iter().enumerate() {
            let k = f.text.to_ascii_lowercase();
            let g = *by_text.entry(k.clone()).or_insert_with(|| {
                texts.push(k);
                groups.push(Group::default());
                texts.len() - 1
            });
            groups[g].push(i as u32, f.only_in);
        }
        for g in &mut groups {
            g.local.sort_unstable();
        }
        let mut prefixes: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                (0..texts.len() as u32)
                    .filter(|&q| {
                        let q = &texts[q as usize];
                        q.len() < t.len() && t.starts_with(q.as_str())
                    })
                    .collect()
            })
            .collect();
        for p in &mut prefixes {
            p.sort_by_key(|&q| std::cmp::Reverse(texts[q as usize].len()));
        }
        let lens = texts.iter().map(String::len).collect();
        let first_word = |t: &str| -> String {
            t.split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_string()
        };
        let firsts: rustc_hash::FxHashSet<String> = texts.iter().map(|t| first_word(t)).collect();
        let refind_inside = texts
            .iter()
            .map(|t| {
                t.char_indices().any(|(k, c)| {
                    k > 0
                        && c.is_alphanumeric()
                        && !t[..k].ends_with(char::is_alphanumeric)
                        && firsts.contains(&first_word(&t[k..]))
                })
            })
            .collect();
        let capital_terms = |p: usize| {
            groups[p].all.iter().all(|&fi| {
                let f = &forms[fi as usize];
                f.case == CaseRule::AsWritten
                    && f.text.starts_with(|c: char| c.is_ascii_uppercase())
            })
        };
        let capitals_only = (0..texts.len())
            .map(|p| capital_terms(p) && prefixes[p].iter().all(|&q| capital_terms(q as usize)))
            .collect();
        let automata = [false, true]
            .into_iter()
            .filter_map(|short| {
                let ids: Vec<u32> = (0..texts.len() as u32)
                    .filter(|&p| (texts[p as usize].len() <= SHORT) == short)
                    .collect();
                let ac = AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(ids.iter().map(|&p| &texts[p as usize]))
                    .expect("plain string patterns");
                (!ids.is_empty()).then_some(Automaton { ac, ids })
            })
            .collect();
        Matcher {
            automata,
            forms,
            groups,
            prefixes,
            lens,
            refind_inside,
            capitals_only,
        }
    }
}
