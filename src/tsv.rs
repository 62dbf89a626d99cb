//! A reader for the crate's data files: TSV with `#` comments and a header.

use crate::error::{Error, ErrorKind, Result};

/// A parsed TSV table that borrows its text.
#[derive(Debug)]
pub(crate) struct Table<'a> {
    name: String,
    columns: Vec<&'a str>,
    rows: Vec<Row<'a>>,
}

/// One data line of a table.
#[derive(Debug, Clone)]
pub(crate) struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    fields: Vec<&'a str>,
}

impl<'a> Table<'a> {
    /// Parses `text`; `name` names the file in error messages.
    ///
    /// Lines starting with `#` and blank lines are skipped; the first other
    /// line is the header; every data line must have as many fields.
    pub fn parse(name: &str, text: &'a str) -> Result<Table<'a>> {
        let mut columns: Option<Vec<&str>> = None;
        let mut rows = Vec::new();
        for (index, raw) in text.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            match &columns {
                None => columns = Some(fields),
                Some(cols) => {
                    if fields.len() != cols.len() {
                        return Err(Error::new(
                            ErrorKind::InvalidData,
                            format!(
                                "{name} line {}: expected {} tab-separated fields, found {}",
                                index + 1,
                                cols.len(),
                                fields.len()
                            ),
                        ));
                    }
                    rows.push(Row {
                        line: index + 1,
                        fields,
                    });
                }
            }
        }
        let columns = columns
            .ok_or_else(|| Error::new(ErrorKind::InvalidData, format!("{name}: no header line")))?;
        Ok(Table {
            name: name.to_owned(),
            columns,
            rows,
        })
    }

    /// The index of column `column`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`] when the header lacks it.
    pub fn column(&self, column: &str) -> Result<usize> {
        self.columns
            .iter()
            .position(|c| *c == column)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidData,
                    format!("{}: the header has no column {column:?}", self.name),
                )
            })
    }

    pub fn rows(&self) -> &[Row<'a>] {
        &self.rows
    }

    /// An error about `row`, naming the file and line.
    pub fn error(&self, row: &Row<'_>, message: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorKind::InvalidData,
            format!("{} line {}: {message}", self.name, row.line),
        )
    }
}

impl<'a> Row<'a> {
    /// The field at `index`, trimmed.
    #[inline]
    pub fn get(&self, index: usize) -> &'a str {
        self.fields[index].trim()
    }

    /// The `|`-separated values of the field at `index`, empty ones skipped.
    pub fn list(&self, index: usize) -> impl Iterator<Item = &'a str> + use<'a> {
        self.fields[index]
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_comments_and_lists() {
        let text = "# comment\nname\tforms\n# section\nsay\tsay|says | said\n\nadd\t\n";
        let table = Table::parse("t.tsv", text).unwrap();
        assert_eq!(table.rows().len(), 2);
        let forms = table.column("forms").unwrap();
        let row = &table.rows()[0];
        assert_eq!(row.line, 4);
        assert_eq!(row.list(forms).collect::<Vec<_>>(), ["say", "says", "said"]);
        assert_eq!(table.rows()[1].list(forms).count(), 0);
        assert!(table.column("missing").is_err());
    }

    #[test]
    fn wrong_field_count_names_the_line() {
        let err = Table::parse("t.tsv", "a\tb\nx\n").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        assert!(err.to_string().contains("t.tsv line 2"), "{err}");
    }
}
