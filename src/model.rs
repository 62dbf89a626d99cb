//! The public model: actors, statements, relations and the analysis that
//! holds them. Every type serializes to the JSON of the contract in
//! `DESIGN.md` and reads it back.

use crate::article::Article;
use crate::span::{Excerpt, Span};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What kind of actor an [`Actor`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActorKind {
    /// A person: "Vladimir Putin", "a senior official".
    Person,
    /// A state or polity: "China", "Kosovo".
    Country,
    /// An organization: a government body, party, company, university, IGO.
    Organization,
    /// A news outlet or agency: "Xinhua", "Reuters".
    Media,
    /// A collective acting group: "protesters", "the Taliban", "analysts".
    Group,
    /// A place that acts or is acted on but is not a state: "Texas".
    Location,
}

impl ActorKind {
    /// The label used in brat files: `Person`, `Country`, ...
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(newsgraph::ActorKind::Media.label(), "Media");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::Person => "Person",
            ActorKind::Country => "Country",
            ActorKind::Organization => "Organization",
            ActorKind::Media => "Media",
            ActorKind::Group => "Group",
            ActorKind::Location => "Location",
        }
    }
}

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MentionForm {
    /// The actor's name or a part of it: "Vladimir Putin", "Putin".
    Name,
    /// Another name of the actor: "U.S.", "Xinhua", "Chinese".
    Alias,
    /// A place or building standing for the actor: "Moscow", "the Kremlin".
    Metonym,
    /// A description: "his Russian counterpart", "the US president".
    Description,
    /// A pronoun: "he", "they".
    Pronoun,
}

/// One place in the text where an actor is named.
///
/// # Example
///
/// ```
/// use newsgraph::{Mention, MentionForm, Span};
///
/// let text = "Moscow said.";
/// let m = Mention::new(text, Span::new(0, 6), MentionForm::Metonym);
/// assert_eq!(m.text, "Moscow");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The text of the mention.
    pub text: String,
    /// How the mention names the actor.
    pub form: MentionForm,
}

impl Mention {
    /// A mention of `span` in `text`.
    ///
    /// # Panics
    ///
    /// Panics if `span` is not a valid span of `text`.
    pub fn new(text: &str, span: Span, form: MentionForm) -> Mention {
        Mention {
            start: span.start,
            end: span.end,
            text: span.slice(text).to_owned(),
            form,
        }
    }

    /// The mention's byte span.
    pub const fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// A three-letter country code (ISO 3166-1 alpha-3, uppercase), as CAMEO
/// uses them: `USA`, `RUS`, `CHN`. A few polities without an ISO code use
/// codes from the user-assigned `X..` range (`XKX` for Kosovo).
///
/// # Example
///
/// ```
/// use newsgraph::CountryCode;
///
/// let code: CountryCode = "RUS".parse()?;
/// assert_eq!(code.as_str(), "RUS");
/// assert!("rus".parse::<CountryCode>().is_err());
/// assert!("RU".parse::<CountryCode>().is_err());
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 3]);

impl CountryCode {
    /// The code as a string.
    pub fn as_str(&self) -> &str {
        // Always three ASCII uppercase letters, checked on construction.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl std::str::FromStr for CountryCode {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<CountryCode> {
        let b = s.as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_uppercase) {
            Ok(CountryCode([b[0], b[1], b[2]]))
        } else {
            Err(crate::Error::new(
                crate::ErrorKind::InvalidData,
                format!("{s:?} is not a three-letter uppercase country code"),
            ))
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CountryCode, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A CAMEO event code: two to four digits whose first two, the root, run
/// from `01` to `20` ("04" consult, "042" make a visit, "163" impose
/// embargo or sanctions). "4" is not a code: the root always has two digits.
///
/// # Example
///
/// ```
/// use newsgraph::{CameoCode, QuadClass};
///
/// let code: CameoCode = "163".parse()?;
/// assert_eq!(code.root(), 16);
/// assert_eq!(code.root_code().as_str(), "16");
/// assert_eq!(code.quad_class(), QuadClass::MaterialConflict);
/// assert!("4".parse::<CameoCode>().is_err());
/// assert!("21".parse::<CameoCode>().is_err());
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    /// The code as written: "04", "042", "0311".
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or("00")
    }

    /// The root as a number, 1 to 20.
    pub fn root(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// The two-digit root code ("16" for "163").
    pub fn root_code(&self) -> CameoCode {
        CameoCode {
            digits: [self.digits[0], self.digits[1], 0, 0],
            len: 2,
        }
    }

    /// GDELT's quad class of the root: 01-05 verbal cooperation, 06-08
    /// material cooperation, 09-13 verbal conflict, 14-20 material conflict.
    pub fn quad_class(&self) -> QuadClass {
        match self.root() {
            1..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }
}

impl std::str::FromStr for CameoCode {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<CameoCode> {
        let b = s.as_bytes();
        let ok = (2..=4).contains(&b.len()) && b.iter().all(u8::is_ascii_digit);
        let root = if ok {
            (b[0] - b'0') * 10 + (b[1] - b'0')
        } else {
            0
        };
        if !ok || !(1..=20).contains(&root) {
            return Err(crate::Error::new(
                crate::ErrorKind::InvalidData,
                format!("{s:?} is not a CAMEO code (two to four digits, root 01 to 20)"),
            ));
        }
        let mut digits = [0u8; 4];
        digits[..b.len()].copy_from_slice(b);
        Ok(CameoCode {
            digits,
            len: b.len() as u8,
        })
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CameoCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CameoCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CameoCode, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// GDELT's four-way grouping of CAMEO roots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuadClass {
    /// Roots 01-05: statements, appeals, intents, consultations, diplomacy.
    VerbalCooperation,
    /// Roots 06-08: material cooperation, aid, yielding.
    MaterialCooperation,
    /// Roots 09-13: investigation, demands, disapproval, rejection, threats.
    VerbalConflict,
    /// Roots 14-20: protest, force posture, reduced relations, coercion,
    /// assault, fighting, mass violence.
    MaterialConflict,
}

impl QuadClass {
    /// GDELT's number for the class, 1 to 4.
    pub fn number(self) -> u8 {
        match self {
            QuadClass::VerbalCooperation => 1,
            QuadClass::MaterialCooperation => 2,
            QuadClass::VerbalConflict => 3,
            QuadClass::MaterialConflict => 4,
        }
    }

    /// The snake_case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "verbal_cooperation",
            QuadClass::MaterialCooperation => "material_cooperation",
            QuadClass::VerbalConflict => "verbal_conflict",
            QuadClass::MaterialConflict => "material_conflict",
        }
    }
}

/// Whether a relation happened, did not, or may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Modality {
    /// Reported as happening or having happened.
    Asserted,
    /// Reported as not happening: "not", "never", "refused to", "unlikely to".
    Negated,
    /// Possible, planned or conditional: "may", "could", "if", "plans to".
    Hypothetical,
}

impl Modality {
    /// The snake_case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// How a statement reports its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StatementKind {
    /// The speaker's words, quoted (with or without quotation marks).
    Direct,
    /// Reported speech or thought: "Putin said relations were the best".
    Indirect,
    /// Reported speech with a quoted fragment inside.
    Mixed,
}

/// A person, state, organization, outlet or group, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// The actor's id in this analysis: `A1`, `A2`, ...
    pub id: String,
    /// The canonical name: "Vladimir Putin", "Russia".
    pub name: String,
    /// What kind of actor it is.
    pub kind: ActorKind,
    /// The actor's country (ISO 3166-1 alpha-3), when known.
    pub country: Option<CountryCode>,
    /// A CAMEO-style actor code: "RUS", "RUSGOV", "CHNMED".
    pub code: Option<String>,
    /// Roles from titles and appositives: "president", "professor of
    /// international relations at Nanjing University".
    pub roles: Vec<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// An attribution: who said (or thought, or reported) what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The statement's id in this analysis: `S1`, `S2`, ...
    pub id: String,
    /// The id of the actor the source resolves to, if any.
    pub speaker: Option<String>,
    /// The local mention of the speaker: "he", "a senior official".
    pub source: Option<Excerpt>,
    /// The words that signal the attribution: "said", "according to".
    pub cue: Excerpt,
    /// What is attributed.
    pub content: Excerpt,
    /// Further pieces of the content when the attribution interrupts it
    /// (`“Q1,” he said, “Q2.”`) or a quotation goes on after it (`“Q1,” he
    /// said. “Q2.”`), in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub continuation: Vec<Excerpt>,
    /// Direct, indirect or mixed.
    pub kind: StatementKind,
    /// The id of the actor the statement came through ("according to
    /// Xinhua"), if any.
    pub via: Option<String>,
    /// The index of the sentence holding the cue.
    pub sentence: usize,
}

/// Who did what to whom, CAMEO-coded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// The relation's id in this analysis: `R1`, `R2`, ...
    pub id: String,
    /// The id of the acting actor.
    pub source: String,
    /// The id of the actor acted on.
    pub target: String,
    /// Whether the relation is mutual ("met", "talks between").
    pub symmetric: bool,
    /// The CAMEO root code, "01" to "20".
    pub cameo: CameoCode,
    /// GDELT's quad class of the root.
    pub quad: QuadClass,
    /// The Goldstein value of the event, -10 to 10.
    pub goldstein: f32,
    /// Asserted, negated or hypothetical.
    pub modality: Modality,
    /// The words that express the event.
    pub trigger: Excerpt,
    /// The index of the sentence holding the trigger.
    pub sentence: usize,
    /// The id of the statement whose content reports the relation, if any.
    pub statement: Option<String>,
}

/// The id of the `n`th actor, statement or relation (`A1`, `S12`, `R3`),
/// written without the formatting machinery: a long text has hundreds of
/// thousands of them.
pub(crate) fn numbered_id(prefix: char, n: usize) -> String {
    let mut id = String::with_capacity(8);
    write_numbered_id(&mut id, prefix, n);
    id
}

/// Makes `id` the id of the `n`th actor, statement or relation, in place
/// (no allocation when it has room).
pub(crate) fn write_numbered_id(id: &mut String, prefix: char, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    id.clear();
    id.push(prefix);
    for &d in &digits[at..] {
        id.push(char::from(d));
    }
}

/// The number of an id written by [`numbered_id`]: 12 for `S12`.
pub(crate) fn id_number(id: &str) -> Option<usize> {
    id.get(1..)?.parse().ok()
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The article: text, date, paragraphs, sentences.
    pub article: Article,
    /// The actors, in order of first mention.
    pub actors: Vec<Actor>,
    /// The statements, in text order of their cues.
    pub statements: Vec<Statement>,
    /// The relations, in text order of their triggers.
    pub relations: Vec<Relation>,
}

impl Analysis {
    /// The actor with id `id`.
    ///
    /// # Example
    ///
    /// ```
    /// let analysis = newsgraph::analyze("Russia and China held talks on Tuesday.")?;
    /// for actor in &analysis.actors {
    ///     assert_eq!(analysis.actor(&actor.id), Some(actor));
    /// }
    /// assert!(analysis.actor("no such id").is_none());
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The statement with id `id`.
    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.statements.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbered_ids_are_written_as_format_would() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(super::numbered_id('S', n), format!("S{n}"));
            assert_eq!(super::id_number(&format!("S{n}")), Some(n));
        }
    }
}
