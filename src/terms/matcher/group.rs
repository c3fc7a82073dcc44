//! Which forms of one pattern count in which document, looked up per hit.
//!
//! Many forms can share one pattern (the same words defined in several documents, a title
//! that is also a term); the automaton reports the pattern, and [`Group::forms_in`] narrows
//! it to the forms that count where the hit is. Whether a form matches is left to
//! [`super::scan`].

/// The forms of one pattern. Terms defined inside a document count in that document only,
/// and every document of a large constitution may define the same words ("Chief Officer"):
/// a hit looks up its own document's forms by binary search instead of walking every
/// document's, which made the scan quadratic in the number of documents.
#[derive(Default)]
pub(super) struct Group {
    /// Every form, in order (what a scan with no document sees).
    pub(super) all: Vec<u32>,
    /// Forms that count everywhere, in order.
    everywhere: Vec<u32>,
    /// `(document, form)` for forms that count in one document, sorted.
    pub(super) local: Vec<(u32, u32)>,
}

impl Group {
    pub(super) fn push(&mut self, form: u32, only_in: Option<u32>) {
        self.all.push(form);
        match only_in {
            None => self.everywhere.push(form),
            Some(d) => self.local.push((d, form)),
        }
    }

    /// The forms that count in `doc`, in form order.
    pub(super) fn forms_in(&self, doc: Option<u32>) -> InOrder<'_> {
        let Some(d) = doc else {
            return InOrder {
                a: &self.all,
                b: &[],
            };
        };
        let from = self.local.partition_point(|&(x, _)| x < d);
        let to = from + self.local[from..].partition_point(|&(x, _)| x == d);
        InOrder {
            a: &self.everywhere,
            b: &self.local[from..to],
        }
    }
}

/// Two ascending lists of form indices merged into one ascending sequence.
pub(super) struct InOrder<'a> {
    a: &'a [u32],
    b: &'a [(u32, u32)],
}

impl Iterator for InOrder<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        let take_a = match (self.a.first(), self.b.first()) {
            (Some(&x), Some(&(_, y))) => x < y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if take_a {
            let x = self.a[0];
            self.a = &self.a[1..];
            Some(x as usize)
        } else {
            let y = self.b[0].1;
            self.b = &self.b[1..];
            Some(y as usize)
        }
    }
}
