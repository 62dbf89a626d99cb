//! Relations: triggers, arguments, modality and CAMEO codes.

use crate::analyzer::Inner;
use crate::model::{Actor, Relation, Statement};
use crate::text::Doc;

/// The compiled trigger lexicon.
#[derive(Clone, Default)]
pub(crate) struct RelationData {}

impl RelationData {
    pub fn load() -> crate::Result<RelationData> {
        Ok(RelationData {})
    }
}

/// The relations of the document.
pub(crate) fn extract(
    _doc: &Doc<'_>,
    _inner: &Inner,
    _actors: &[Actor],
    _statements: &[Statement],
) -> Vec<Relation> {
    Vec::new()
}
