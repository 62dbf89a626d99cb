//! Statements: cues, quotes, speakers and pronoun resolution.

use crate::analyzer::Inner;
use crate::model::{Actor, Statement};
use crate::text::Doc;

/// The compiled cue lexicon.
#[derive(Clone, Default)]
pub(crate) struct StatementData {}

impl StatementData {
    pub fn load() -> crate::Result<StatementData> {
        Ok(StatementData {})
    }
}

/// The statements of the document; may add pronoun mentions to `actors`.
pub(crate) fn extract(_doc: &Doc<'_>, _inner: &Inner, _actors: &mut [Actor]) -> Vec<Statement> {
    Vec::new()
}
