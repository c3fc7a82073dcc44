//! Splicing by byte range: a text event of the source is cut where a reference starts or ends
//! (to open or close its `<a>`) and where a hidden range (the clause number, the label) lies.
//! Which references and ranges those are is the caller's; this part only cuts.

use super::{escape_into, Writer};
use crate::source::Span;
use pulldown_cmark::CowStr;

impl<'a> Writer<'a, '_> {
    /// The opening `<a>` of reference `i`, when it has somewhere to point.
    pub(super) fn anchor_html(&self, i: usize) -> Option<String> {
        let r = &self.chunk.refs[i];
        let href = r.href.as_ref()?;
        let mut html = String::from("<a class=\"ref\" href=\"");
        escape_into(&mut html, href);
        html.push_str("\">");
        if let Some(p) = &r.hidden_prefix {
            html.push_str("<span class=\"vh\">");
            escape_into(&mut html, p);
            html.push_str(" </span>");
        }
        Some(html)
    }

    pub(super) fn open_ref_at(&mut self, i: usize) {
        if let Some(html) = self.anchor_html(i) {
            self.raw(html);
            self.open_ref = Some(i);
        }
    }

    pub(super) fn close_ref(&mut self) {
        if let Some(i) = self.open_ref.take() {
            self.raw("</a>".into());
            self.next_ref = self.next_ref.max(i + 1);
        }
    }

    /// The reference covering `at`, if any, skipping those that end before it.
    pub(super) fn ref_at(&mut self, at: usize) -> Option<usize> {
        let refs = self.chunk.refs;
        while self.next_ref < refs.len() && refs[self.next_ref].span.end <= at {
            if self.open_ref == Some(self.next_ref) {
                self.close_ref();
            } else {
                self.next_ref += 1;
            }
        }
        let r = refs.get(self.next_ref)?;
        (r.span.start <= at && at < r.span.end).then_some(self.next_ref)
    }

    /// The hidden range covering `at`, if any.
    pub(super) fn hide_at(&mut self, at: usize) -> Option<Span> {
        let hide = self.chunk.hide;
        while self.next_hide < hide.len() && hide[self.next_hide].end <= at {
            self.next_hide += 1;
        }
        let h = hide.get(self.next_hide)?;
        (h.start <= at).then(|| h.clone())
    }

    /// The next place after `at` where a reference or hidden range starts or ends.
    pub(super) fn next_boundary(&self, at: usize, end: usize) -> usize {
        let mut b = end;
        if let Some(h) = self.chunk.hide.get(self.next_hide) {
            if h.start > at {
                b = b.min(h.start);
            }
        }
        if let Some(r) = self.chunk.refs.get(self.next_ref) {
            if r.span.start > at {
                b = b.min(r.span.start);
            } else if r.span.end > at {
                b = b.min(r.span.end);
            }
        }
        b
    }

    /// A text event: cut at reference and hidden-range boundaries when it is the source
    /// verbatim; an entity or escape is placed as one piece.
    pub(super) fn source_text(&mut self, t: CowStr<'a>, r: &Span) {
        let src = self.chunk.src;
        // Text borrowed from the source at its own range is the source verbatim; an entity or
        // escape is not (comparing addresses first spares a comparison of every text).
        let verbatim = t.len() == r.len()
            && (std::ptr::eq(t.as_ptr(), src[r.start..].as_ptr())
                || src.get(r.clone()) == Some(&*t));
        if !verbatim {
            if self.hide_at(r.start).is_some() {
                return;
            }
            match self.ref_at(r.start) {
                Some(i) if self.open_ref != Some(i) => {
                    self.close_ref();
                    self.open_ref_at(i);
                }
                None => self.close_ref(),
                _ => {}
            }
            self.text(t);
            if let Some(i) = self.open_ref {
                if self.chunk.refs[i].span.end <= r.end {
                    self.close_ref();
                }
            }
            return;
        }
        let mut p = r.start;
        while p < r.end {
            if let Some(h) = self.hide_at(p) {
                p = h.end.min(r.end);
                continue;
            }
            match self.ref_at(p) {
                Some(i) if self.open_ref != Some(i) => {
                    self.close_ref();
                    self.open_ref_at(i);
                }
                None => self.close_ref(),
                _ => {}
            }
            let next = self.next_boundary(p, r.end).max(p + 1).min(r.end);
            let next = floor_boundary(src, next, p);
            self.text(CowStr::Borrowed(&src[p..next]));
            p = next;
        }
        if let Some(i) = self.open_ref {
            if self.chunk.refs[i].span.end <= r.end {
                self.close_ref();
            }
        }
    }
}

/// Move `i` back to a character boundary, but not to or before `floor`.
fn floor_boundary(s: &str, mut i: usize, floor: usize) -> usize {
    while i > floor + 1 && !s.is_char_boundary(i) {
        i -= 1;
    }
    if !s.is_char_boundary(i) {
        // Forward instead: the piece must not be empty.
        while i < s.len() && !s.is_char_boundary(i) {
            i += 1;
        }
    }
    i
}
