//! The `same_trial` table: which records of a run are records of one trial. Records that
//! share a registry number (`ids.registry_ids`), directly or through other records, are one
//! trial, as `parse --dedupe` groups them ([`crate::dedupe`]); this table maps every record
//! to its trial, so that SQL over the other tables can count trials, not records.
//!
//! Unlike the record tables, its rows come from the whole run: they are written once the
//! run is read ([`rows`]), after every record's rows.

use super::columns::{int, text, Table, TableOf, Value};
use super::{tables, Rows};
use crate::dedupe;
use crate::model::RegistryId;

/// A run's records by their registry numbers, grouped into trials.
pub struct Trials {
    /// Each record's registry numbers, in record order.
    ids: Vec<Vec<RegistryId>>,
    /// Each record's group, by its index in `groups`; `None` for a record found once.
    group_of: Vec<Option<usize>>,
    /// The groups of records that share a number, each record by its index.
    groups: Vec<Vec<usize>>,
}

impl Trials {
    /// Groups a run's records (each given by its registry numbers, in record order).
    pub fn new(ids: Vec<Vec<RegistryId>>) -> Trials {
        let groups = dedupe::groups(&ids);
        let mut group_of = vec![None; ids.len()];
        for (g, members) in groups.iter().enumerate() {
            for &m in members {
                group_of[m] = Some(g);
            }
        }
        Trials {
            ids,
            group_of,
            groups,
        }
    }

    fn members(&self, i: usize) -> Option<&[usize]> {
        self.group_of[i].map(|g| self.groups[g].as_slice())
    }
}

/// A record number (from 1) as a cell.
fn number(i: usize) -> Value {
    Value::Int(i as i64 + 1)
}

/// The `same_trial` table.
pub static SAME_TRIAL: Table<Trials, usize> = Table {
    name: "same_trial",
    doc: "one row per record: the trial it is a record of (records that share a registry \
          number, directly or through other records, are one trial, as `parse --dedupe` \
          merges them)",
    keys: |t| (0..t.ids.len()).collect(),
    columns: &[
        int(
            "record",
            "the record's number in the run (its line in `parse` output)",
            |_, &i| number(i),
        ),
        int(
            "trial",
            "the trial: the number of its first record in the run (the record's own number \
             when no other record shares a registry number with it)",
            |t, &i| number(t.members(i).map_or(i, |m| m[0])),
        ),
        int(
            "records",
            "how many records of the run are records of this trial",
            |t, &i| Value::Int(t.members(i).map_or(1, <[usize]>::len) as i64),
        ),
        text(
            "shared_ids",
            "the registry numbers this record shares with the trial's other records \
             (`REGISTRY number`, as `ids.registry_ids` names them, `|`-separated); null for \
             a trial found once",
            |t, &i| match t.members(i) {
                Some(m) => {
                    let shared = dedupe::shared(i, m, &t.ids);
                    let labels: Vec<String> = shared.iter().map(dedupe::label).collect();
                    Value::Text(labels.join("|"))
                }
                None => Value::Null,
            },
        ),
    ],
};

/// The `same_trial` rows of a run (each record given by its registry numbers, in record
/// order), as rows of the export's tables ([`super::specs`]): the record tables' lists
/// empty, this table's full.
pub fn rows(ids: Vec<Vec<RegistryId>>) -> Rows {
    let mut all = vec![Vec::new(); tables::specs().len()];
    all.push(SAME_TRIAL.rows(&Trials::new(ids)));
    Rows { tables: all }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::tests::id;
    use crate::model::IdRegistry;

    #[test]
    fn each_record_names_its_trial_by_its_first_record() {
        let nct = id(IdRegistry::Ctgov, "NCT05697861");
        let euct = id(IdRegistry::Euct, "2023-507385-11-00");
        let ids = vec![
            vec![id(IdRegistry::Drks, "DRKS00032447")],
            vec![nct.clone()],
            vec![euct.clone(), nct.clone()],
            vec![euct.clone()],
        ];
        let rows = SAME_TRIAL.rows(&Trials::new(ids));
        use Value::*;
        let t = |s: &str| Text(s.to_string());
        assert_eq!(
            rows,
            [
                vec![Int(1), Int(1), Int(1), Null],
                vec![Int(2), Int(2), Int(3), t("CTGOV NCT05697861")],
                vec![
                    Int(3),
                    Int(2),
                    Int(3),
                    t("EUCT 2023-507385-11-00|CTGOV NCT05697861")
                ],
                vec![Int(4), Int(2), Int(3), t("EUCT 2023-507385-11-00")],
            ]
        );
    }

    #[test]
    fn the_readme_documents_the_table() {
        let readme = std::fs::read_to_string("README.md").unwrap();
        let md = super::super::markdown();
        if !readme.contains(md.trim_end()) {
            std::fs::write("target/tables.md", &md).unwrap();
            panic!("README.md's ## Tables section is stale: paste target/tables.md into it");
        }
    }
}
