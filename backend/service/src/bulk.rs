//! Bulk upsert of units (keyed by code) and employees (keyed by NIP) from JSON or CSV.
//! All or nothing: every row is validated first and every bad row reported; nothing is
//! written unless all rows pass. Idempotent: unchanged rows are neither written nor audited.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use kinerja_domain::org::{AsnType, EmployeeStatus, Sex, UnitKind};
use kinerja_store::entities::{employee, position, unit};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::actor::{Access, Ctx};
use crate::agencies::valid_code;
use crate::audit::{self, Change};
use crate::employees::{Refs, check_contact, check_identity};
use crate::error::{FieldError, ServiceError, ServiceResult};
use crate::units::UnitView;
use crate::{Services, now};

/// Most rows one request may carry.
pub const MAX_ROWS: usize = 10_000;
/// Rows per `IN (...)` lookup.
const LOOKUP_CHUNK: usize = 500;

/// The media type of a bulk body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkFormat {
    /// `{"rows": [{...}, ...]}`
    Json,
    /// A header row, then one row per object; `,` or `;` separated, UTF-8.
    Csv,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BulkQuery {
    /// The agency to import into (super_admin only; others always import into their own).
    pub agency_id: Option<Uuid>,
}

/// What a bulk upsert did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct BulkResult {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Soft warnings per row (e.g. about a NIP); they did not block the import.
    pub warnings: Vec<FieldError>,
}

/// One unit row. Keyed by `code`; a missing column (or JSON key) keeps the stored value,
/// an empty one (or `null`) clears it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"code": "DISDIK-SD", "name": "Bidang Pembinaan SD", "kind": "bidang", "parent_code": "DISDIK"}))]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    /// The parent's code: a unit already stored or one defined in the same batch, in any
    /// order. Empty: a root unit.
    pub parent_code: Option<String>,
    pub siasn_unor_id: Option<String>,
}

/// JSON body of `POST /units/bulk`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct UnitRows {
    pub rows: Vec<UnitRow>,
}

/// One employee row. Keyed by `nip` (spaces ignored); a missing column (or JSON key) keeps
/// the stored value, an empty one (or `null`) clears it, except `status` (kept) and
/// `birth_on` / `sex` (taken from the NIP).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"nip": "19860926 201505 1 001", "asn_type": "pns", "name": "Siti Rahmawati, S.Kom.",
    "golongan": "III/b", "rank_since_on": "2019-04-01", "unit_code": "DISDIK-SD", "position_code": "P-STAFF"}))]
pub struct EmployeeRow {
    pub nip: String,
    pub asn_type: AsnType,
    pub name: String,
    pub birth_on: Option<NaiveDate>,
    /// `male` / `female` (also `L` / `P`).
    pub sex: Option<Sex>,
    pub golongan: Option<String>,
    pub rank_since_on: Option<NaiveDate>,
    pub unit_code: Option<String>,
    pub position_code: Option<String>,
    /// Empty or absent: unchanged (`active` for a new employee).
    pub status: Option<EmployeeStatus>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// JSON body of `POST /employees/bulk`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct EmployeeRows {
    pub rows: Vec<EmployeeRow>,
}

// ---- parsing --------------------------------------------------------------------------------

/// Where a row came from, for error paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Zero-based index in the JSON `rows` array.
    Row(usize),
    /// Physical CSV line, the header being line 1.
    Line(u64),
}

impl Origin {
    fn field(self, column: &str) -> String {
        match self {
            Origin::Row(i) => format!("rows[{i}].{column}"),
            Origin::Line(n) => format!("line {n}: {column}"),
        }
    }
    fn describe(self) -> String {
        match self {
            Origin::Row(i) => format!("rows[{i}]"),
            Origin::Line(n) => format!("line {n}"),
        }
    }
}

/// One row as text: a column absent from the input is not in `values`; an empty or null
/// one maps to None.
#[derive(Debug, Clone)]
struct RawRow {
    origin: Origin,
    values: HashMap<&'static str, Option<String>>,
}

impl RawRow {
    /// None: column absent. Some(None): present but empty.
    fn get(&self, column: &str) -> Option<Option<&str>> {
        self.values.get(column).map(|v| v.as_deref())
    }
    fn text(&self, column: &str) -> Option<&str> {
        self.get(column).flatten()
    }
}

struct Columns {
    all: &'static [&'static str],
    required: &'static [&'static str],
}

const UNIT_COLUMNS: Columns = Columns {
    all: &["code", "name", "kind", "parent_code", "siasn_unor_id"],
    required: &["code", "name", "kind"],
};

const EMPLOYEE_COLUMNS: Columns = Columns {
    all: &[
        "nip",
        "asn_type",
        "name",
        "birth_on",
        "sex",
        "golongan",
        "rank_since_on",
        "unit_code",
        "position_code",
        "status",
        "email",
        "phone",
    ],
    required: &["nip", "asn_type", "name"],
};

fn too_many(n: usize) -> ServiceError {
    ServiceError::field(
        "rows",
        "too_many_rows",
        format!("At most {MAX_ROWS} rows per request; this one has {n}. Split the file."),
    )
}

fn parse_rows(format: BulkFormat, body: &[u8], columns: &Columns) -> ServiceResult<Vec<RawRow>> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match format {
        BulkFormat::Json => parse_json(body, columns),
        BulkFormat::Csv => parse_csv(body, columns),
    }
}

fn column_name(columns: &Columns, name: &str) -> Option<&'static str> {
    columns.all.iter().copied().find(|c| *c == name)
}

fn parse_json(body: &[u8], columns: &Columns) -> ServiceResult<Vec<RawRow>> {
    #[derive(Deserialize)]
    struct Body {
        rows: Vec<serde_json::Map<String, serde_json::Value>>,
    }
    let parsed: Body = serde_json::from_slice(body).map_err(|e| {
        ServiceError::field(
            "rows",
            "invalid_json",
            format!("The body must be {{\"rows\": [{{...}}, ...]}}: {e}"),
        )
    })?;
    if parsed.rows.len() > MAX_ROWS {
        return Err(too_many(parsed.rows.len()));
    }
    let mut errors = Vec::new();
    let mut rows = Vec::with_capacity(parsed.rows.len());
    for (i, object) in parsed.rows.into_iter().enumerate() {
        let origin = Origin::Row(i);
        let mut values = HashMap::new();
        for (key, value) in object {
            let Some(col) = column_name(columns, &key) else {
                errors.push(FieldError::new(
                    origin.field(&key),
                    "unknown_field",
                    format!("Unknown field; expected one of {}.", columns.all.join(", ")),
                ));
                continue;
            };
            let text = match value {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(s),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => {
                    errors.push(FieldError::new(
                        origin.field(col),
                        "invalid_type",
                        "Must be a string.",
                    ));
                    continue;
                }
            };
            values.insert(
                col,
                text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
            );
        }
        rows.push(RawRow { origin, values });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ServiceError::Validation(errors))
    }
}

fn parse_csv(body: &[u8], columns: &Columns) -> ServiceResult<Vec<RawRow>> {
    // Spreadsheets set to Indonesian locale export with ';'.
    let first_line = body.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body);
    let csv_error = |e: csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(1);
        ServiceError::field(
            format!("line {line}"),
            "csv_malformed",
            format!("The CSV cannot be read here: {e}"),
        )
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    let mut errors = Vec::new();
    let mut index: Vec<Option<&'static str>> = Vec::with_capacity(headers.len());
    for h in headers.iter() {
        let name = h.to_lowercase();
        match column_name(columns, &name) {
            Some(c) if index.contains(&Some(c)) => errors.push(FieldError::new(
                format!("line 1: {name}"),
                "duplicate_column",
                "This column appears twice in the header.",
            )),
            Some(c) => index.push(Some(c)),
            None => {
                errors.push(FieldError::new(
                    format!("line 1: {h}"),
                    "unknown_column",
                    format!("Unknown column; expected {}.", columns.all.join(", ")),
                ));
                index.push(None);
            }
        }
    }
    for required in columns.required {
        if !index.contains(&Some(required)) {
            errors.push(FieldError::new(
                format!("line 1: {required}"),
                "missing_column",
                "The header must have this column.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let mut rows = Vec::new();
    let mut records = reader.records();
    while let Some(record) = records.next() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(too_many(MAX_ROWS + 1 + records.count()));
        }
        if record.len() != index.len() {
            errors.push(FieldError::new(
                format!("line {line}"),
                "column_count",
                format!(
                    "This line has {} fields; the header has {}.",
                    record.len(),
                    index.len()
                ),
            ));
            continue;
        }
        let mut values = HashMap::new();
        for (col, value) in index.iter().zip(record.iter()) {
            if let Some(col) = col {
                values.insert(*col, Some(value.to_owned()).filter(|v| !v.is_empty()));
            }
        }
        rows.push(RawRow {
            origin: Origin::Line(line),
            values,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ServiceError::Validation(errors))
    }
}

/// Collects field errors row by row, reported in input order.
#[derive(Default)]
struct Report {
    errors: Vec<(usize, FieldError)>,
}

impl Report {
    fn push(
        &mut self,
        row: usize,
        origin: Origin,
        column: &str,
        code: &str,
        message: impl Into<String>,
    ) {
        self.errors
            .push((row, FieldError::new(origin.field(column), code, message)));
    }
    fn extend(&mut self, row: usize, errors: Vec<FieldError>) {
        self.errors.extend(errors.into_iter().map(|e| (row, e)));
    }
    fn finish(mut self) -> ServiceResult<()> {
        if self.errors.is_empty() {
            return Ok(());
        }
        self.errors.sort_by_key(|(row, _)| *row);
        Err(ServiceError::Validation(
            self.errors.into_iter().map(|(_, e)| e).collect(),
        ))
    }
}

fn required<'r>(row: &'r RawRow, idx: usize, column: &str, report: &mut Report) -> Option<&'r str> {
    let v = row.text(column);
    if v.is_none() {
        report.push(idx, row.origin, column, "required", "Is required.");
    }
    v
}

fn max_len(row: &RawRow, idx: usize, column: &str, max: usize, report: &mut Report) -> bool {
    match row.text(column) {
        Some(v) if v.chars().count() > max => {
            report.push(
                idx,
                row.origin,
                column,
                "length",
                format!("Must be at most {max} characters long."),
            );
            false
        }
        _ => true,
    }
}

// ---- units ----------------------------------------------------------------------------------

struct UnitIn {
    row: usize,
    origin: Origin,
    code: String,
    name: String,
    kind: UnitKind,
    /// None: keep the stored parent (root for a new unit).
    parent_code: Option<Option<String>>,
    siasn_unor_id: Option<Option<String>>,
}

/// Creates or updates units by code. Parents may be defined anywhere in the batch.
pub async fn upsert_units(
    s: &Services,
    ctx: &Ctx,
    query: BulkQuery,
    format: BulkFormat,
    body: &[u8],
) -> ServiceResult<BulkResult> {
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    ctx.actor
        .require_admin(agency_id, "units", Access::Write, "agency")?;
    let raws = parse_rows(format, body, &UNIT_COLUMNS)?;
    let mut report = Report::default();
    let mut rows = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        let code = required(raw, i, "code", &mut report);
        let name = required(raw, i, "name", &mut report);
        let kind = required(raw, i, "kind", &mut report);
        let mut ok = max_len(raw, i, "code", 64, &mut report)
            & max_len(raw, i, "name", 200, &mut report)
            & max_len(raw, i, "siasn_unor_id", 64, &mut report)
            & max_len(raw, i, "parent_code", 64, &mut report);
        if let Some(c) = code
            && valid_code(c).is_err()
        {
            report.push(
                i,
                raw.origin,
                "code",
                "code_chars",
                "Use only letters, digits, '-', '_', '.' and '/'.",
            );
            ok = false;
        }
        let parsed_kind = kind.and_then(|k| {
            let parsed = UnitKind::parse(&k.to_lowercase());
            if parsed.is_none() {
                let known: Vec<&str> = UnitKind::ALL.iter().map(|k| k.as_str()).collect();
                report.push(
                    i,
                    raw.origin,
                    "kind",
                    "unit_kind_unknown",
                    format!("Use one of {}.", known.join(", ")),
                );
            }
            parsed
        });
        let parent_code = raw.get("parent_code").map(|v| v.map(str::to_owned));
        if let (Some(c), Some(Some(p))) = (code, &parent_code)
            && c == p
        {
            report.push(
                i,
                raw.origin,
                "parent_code",
                "parent_cycle",
                "A unit cannot be its own parent.",
            );
            ok = false;
        }
        if let (true, Some(code), Some(name), Some(kind)) = (ok, code, name, parsed_kind) {
            rows.push(UnitIn {
                row: i,
                origin: raw.origin,
                code: code.to_owned(),
                name: name.to_owned(),
                kind,
                parent_code,
                siasn_unor_id: raw.get("siasn_unor_id").map(|v| v.map(str::to_owned)),
            });
        }
    }

    let txn = s.db.begin_write().await?;
    // The whole tree of the agency: moving a unit rewrites the paths of its descendants, and
    // cycles can run through units outside the batch. One query.
    let existing = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency_id))
        .all(&*txn)
        .await?;
    let by_code: HashMap<&str, &unit::Model> =
        existing.iter().map(|u| (u.code.as_str(), u)).collect();
    let code_of: HashMap<Uuid, &str> = existing.iter().map(|u| (u.id, u.code.as_str())).collect();

    // Codes of every row, valid or not: a parent on a row that is already reported is not
    // reported again as missing.
    let mentioned: HashSet<&str> = raws.iter().filter_map(|r| r.text("code")).collect();
    let mut first_seen: HashMap<&str, Origin> = HashMap::new();
    let mut batch: HashMap<&str, &UnitIn> = HashMap::new();
    for r in &rows {
        if let Some(prev) = first_seen.get(r.code.as_str()) {
            report.push(
                r.row,
                r.origin,
                "code",
                "duplicate_code",
                format!("The code {} also appears on {}.", r.code, prev.describe()),
            );
        } else {
            first_seen.insert(&r.code, r.origin);
            batch.insert(&r.code, r);
        }
    }
    // The parent of every code after the import.
    let mut parent: HashMap<&str, Option<&str>> = existing
        .iter()
        .map(|u| {
            (
                u.code.as_str(),
                u.parent_id.and_then(|p| code_of.get(&p).copied()),
            )
        })
        .collect();
    for r in batch.values() {
        let p = match &r.parent_code {
            Some(p) => p.as_deref(),
            None => parent.get(r.code.as_str()).copied().flatten(),
        };
        parent.insert(&r.code, p);
    }
    for r in batch.values() {
        let Some(Some(pc)) = &r.parent_code else {
            continue;
        };
        match (batch.get(pc.as_str()), by_code.get(pc.as_str())) {
            (None, None) if mentioned.contains(pc.as_str()) => {}
            (None, None) => report.push(
                r.row,
                r.origin,
                "parent_code",
                "parent_not_found",
                format!("No unit with the code {pc} exists in the agency or in this batch."),
            ),
            (_, Some(p)) if !p.is_active => report.push(
                r.row,
                r.origin,
                "parent_code",
                "parent_inactive",
                format!("{} ({pc}) is deactivated.", p.name),
            ),
            _ => {}
        }
    }
    for r in batch.values() {
        let mut at = r.code.as_str();
        let mut steps = 0;
        while let Some(Some(p)) = parent.get(at) {
            steps += 1;
            if *p == r.code || steps > parent.len() {
                report.push(
                    r.row,
                    r.origin,
                    "parent_code",
                    "parent_cycle",
                    format!(
                        "Following the parents of {} leads back to it: the units form a cycle.",
                        r.code
                    ),
                );
                break;
            }
            at = p;
        }
    }
    report.finish()?;

    // Ids, then paths, for every unit after the import.
    let mut ids: HashMap<&str, Uuid> = existing.iter().map(|u| (u.code.as_str(), u.id)).collect();
    for r in batch.values() {
        ids.entry(r.code.as_str()).or_insert_with(Uuid::now_v7);
    }
    let mut paths: HashMap<&str, (String, i32)> = HashMap::new();
    let codes: Vec<&str> = parent.keys().copied().collect();
    for code in codes {
        let mut chain = vec![code];
        while let Some(Some(p)) = parent.get(chain[chain.len() - 1]) {
            if paths.contains_key(p) {
                break;
            }
            chain.push(p);
        }
        for c in chain.into_iter().rev() {
            if paths.contains_key(c) {
                continue;
            }
            let entry = match parent.get(c).copied().flatten() {
                Some(p) => {
                    let (pp, pd) = &paths[p];
                    (format!("{pp}{}/", ids[c]), pd + 1)
                }
                None => (format!("/{}/", ids[c]), 0),
            };
            paths.insert(c, entry);
        }
    }

    let at = now();
    let mut result = BulkResult {
        created: 0,
        updated: 0,
        unchanged: 0,
        warnings: Vec::new(),
    };
    let mut new_rows: Vec<&UnitIn> = batch
        .values()
        .copied()
        .filter(|r| !by_code.contains_key(r.code.as_str()))
        .collect();
    new_rows.sort_by_key(|r| (paths[r.code.as_str()].1, r.row));
    for r in new_rows {
        let (path, depth) = paths[r.code.as_str()].clone();
        let model = unit::ActiveModel {
            id: Set(ids[r.code.as_str()]),
            agency_id: Set(agency_id),
            parent_id: Set(parent[r.code.as_str()].map(|p| ids[p])),
            code: Set(r.code.clone()),
            name: Set(r.name.clone()),
            kind: Set(r.kind.as_str().to_owned()),
            siasn_unor_id: Set(r.siasn_unor_id.clone().flatten()),
            is_active: Set(true),
            path: Set(path),
            depth: Set(depth),
            created_at: Set(at),
            updated_at: Set(at),
            version: Set(1),
        }
        .insert(&*txn)
        .await?;
        audit::record(
            &*txn,
            ctx,
            Change {
                subject_employee_id: None,
                agency_id: Some(agency_id),
                action: "unit.create",
                entity_type: "unit",
                entity_id: model.id.to_string(),
                before: None,
                after: audit::snapshot(&UnitView::from(&model)),
            },
        )
        .await?;
        result.created += 1;
    }
    for u in &existing {
        let code = u.code.as_str();
        let (path, depth) = paths[code].clone();
        let parent_id = parent[code].map(|p| ids[p]);
        let Some(r) = batch.get(code) else {
            if path != u.path || depth != u.depth {
                move_only(&*txn, u, path, depth).await?;
            }
            continue;
        };
        let siasn = r
            .siasn_unor_id
            .clone()
            .unwrap_or_else(|| u.siasn_unor_id.clone());
        let changed = r.name != u.name
            || r.kind.as_str() != u.kind
            || siasn != u.siasn_unor_id
            || parent_id != u.parent_id;
        if !changed {
            if path != u.path || depth != u.depth {
                move_only(&*txn, u, path, depth).await?;
            }
            result.unchanged += 1;
            continue;
        }
        let before = UnitView::from(u);
        let mut am = u.clone().into_active_model();
        am.name = Set(r.name.clone());
        am.kind = Set(r.kind.as_str().to_owned());
        am.siasn_unor_id = Set(siasn);
        am.parent_id = Set(parent_id);
        am.path = Set(path);
        am.depth = Set(depth);
        am.updated_at = Set(at);
        am.version = Set(u.version + 1);
        let after = UnitView::from(&am.update(&*txn).await?);
        audit::record(
            &*txn,
            ctx,
            Change {
                subject_employee_id: None,
                agency_id: Some(agency_id),
                action: "unit.update",
                entity_type: "unit",
                entity_id: u.id.to_string(),
                before: audit::snapshot(&before),
                after: audit::snapshot(&after),
            },
        )
        .await?;
        result.updated += 1;
    }
    txn.commit().await?;
    Ok(result)
}

/// A descendant of a moved unit: only its derived path and depth change (like `move_unit`).
async fn move_only<C: ConnectionTrait>(
    db: &C,
    u: &unit::Model,
    path: String,
    depth: i32,
) -> ServiceResult<()> {
    unit::Entity::update_many()
        .col_expr(unit::Column::Path, sea_orm::sea_query::Expr::value(path))
        .col_expr(unit::Column::Depth, sea_orm::sea_query::Expr::value(depth))
        .filter(unit::Column::Id.eq(u.id))
        .exec(db)
        .await?;
    Ok(())
}

// ---- employees ------------------------------------------------------------------------------

fn parse_date(
    raw: &RawRow,
    idx: usize,
    column: &str,
    report: &mut Report,
) -> Result<Option<Option<NaiveDate>>, ()> {
    match raw.get(column) {
        None => Ok(None),
        Some(None) => Ok(Some(None)),
        Some(Some(v)) => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Ok(Some(Some(d))),
            Err(_) => {
                report.push(
                    idx,
                    raw.origin,
                    column,
                    "date_format",
                    "Must be a date written YYYY-MM-DD.",
                );
                Err(())
            }
        },
    }
}

fn parse_sex(v: &str) -> Option<Sex> {
    match v.to_lowercase().as_str() {
        "male" | "l" | "laki-laki" | "pria" | "1" => Some(Sex::Male),
        "female" | "p" | "perempuan" | "wanita" | "2" => Some(Sex::Female),
        _ => None,
    }
}

struct EmployeeIn {
    row: usize,
    origin: Origin,
    nip: String,
    asn_type: AsnType,
    name: String,
    raw_birth_on: Option<Option<NaiveDate>>,
    raw_sex: Option<Option<Sex>>,
    golongan: Option<Option<String>>,
    rank_since_on: Option<Option<NaiveDate>>,
    unit_code: Option<Option<String>>,
    position_code: Option<Option<String>>,
    status: Option<EmployeeStatus>,
    email: Option<Option<String>>,
    phone: Option<Option<String>>,
}

/// Creates or updates employees by NIP, placing them by unit and position codes.
pub async fn upsert_employees(
    s: &Services,
    ctx: &Ctx,
    query: BulkQuery,
    format: BulkFormat,
    body: &[u8],
) -> ServiceResult<BulkResult> {
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    ctx.actor
        .require_admin(agency_id, "employees", Access::Write, "agency")?;
    let raws = parse_rows(format, body, &EMPLOYEE_COLUMNS)?;
    let mut report = Report::default();
    let mut rows: Vec<EmployeeIn> = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        let nip = required(raw, i, "nip", &mut report);
        let asn = required(raw, i, "asn_type", &mut report);
        let name = required(raw, i, "name", &mut report);
        // Rows with bad optional fields are still checked further, so that every problem of
        // the row is reported at once; the report refuses the batch anyway.
        max_len(raw, i, "name", 200, &mut report);
        max_len(raw, i, "unit_code", 64, &mut report);
        max_len(raw, i, "position_code", 64, &mut report);
        let asn_type = asn.and_then(|a| {
            let t = AsnType::parse(&a.to_lowercase());
            if t.is_none() {
                report.push(
                    i,
                    raw.origin,
                    "asn_type",
                    "asn_type_unknown",
                    "Use pns or pppk.",
                );
            }
            t
        });
        let birth = parse_date(raw, i, "birth_on", &mut report);
        let rank_since = parse_date(raw, i, "rank_since_on", &mut report);
        let sex = match raw.get("sex") {
            None => Ok(None),
            Some(None) => Ok(Some(None)),
            Some(Some(v)) => match parse_sex(v) {
                Some(s) => Ok(Some(Some(s))),
                None => {
                    report.push(
                        i,
                        raw.origin,
                        "sex",
                        "sex_unknown",
                        "Use male or female (L or P).",
                    );
                    Err(())
                }
            },
        };
        let status = match raw.text("status") {
            None => Ok(None),
            Some(v) => match EmployeeStatus::parse(&v.to_lowercase()) {
                Some(st) => Ok(Some(st)),
                None => {
                    let known: Vec<&str> = EmployeeStatus::ALL.iter().map(|s| s.as_str()).collect();
                    report.push(
                        i,
                        raw.origin,
                        "status",
                        "status_unknown",
                        format!("Use one of {}.", known.join(", ")),
                    );
                    Err(())
                }
            },
        };
        let origin = raw.origin;
        let contact = check_contact(raw.text("email"), raw.text("phone"), &|c| origin.field(c));
        report.extend(i, contact);
        let (Some(nip), Some(asn_type), Some(name), Ok(birth), Ok(rank_since), Ok(sex), Ok(status)) =
            (nip, asn_type, name, birth, rank_since, sex, status)
        else {
            continue;
        };
        rows.push(EmployeeIn {
            row: i,
            origin,
            nip: nip.to_owned(),
            asn_type,
            name: name.to_owned(),
            raw_birth_on: birth,
            raw_sex: sex,
            golongan: raw.get("golongan").map(|v| v.map(str::to_owned)),
            rank_since_on: rank_since,
            unit_code: raw.get("unit_code").map(|v| v.map(str::to_owned)),
            position_code: raw.get("position_code").map(|v| v.map(str::to_owned)),
            status,
            email: raw.get("email").map(|v| v.map(str::to_owned)),
            phone: raw.get("phone").map(|v| v.map(str::to_owned)),
        });
    }
    // Normalise NIPs first: they are the key.
    for r in &mut rows {
        r.nip = r.nip.chars().filter(|c| !c.is_whitespace()).collect();
    }

    let txn = s.db.begin_write().await?;
    let nips: Vec<String> = rows.iter().map(|r| r.nip.clone()).collect();
    let mut existing: HashMap<String, employee::Model> = HashMap::new();
    for chunk in nips.chunks(LOOKUP_CHUNK) {
        for e in employee::Entity::find()
            .filter(employee::Column::Nip.is_in(chunk.iter().cloned()))
            .all(&*txn)
            .await?
        {
            existing.insert(e.nip.clone(), e);
        }
    }
    let unit_codes: HashSet<String> = rows
        .iter()
        .filter_map(|r| r.unit_code.clone().flatten())
        .collect();
    let position_codes: HashSet<String> = rows
        .iter()
        .filter_map(|r| r.position_code.clone().flatten())
        .collect();
    let units = by_code::<unit::Entity, _>(
        &*txn,
        agency_id,
        &unit_codes,
        unit::Column::AgencyId,
        unit::Column::Code,
        |u: &unit::Model| u.code.clone(),
    )
    .await?;
    let positions = by_code::<position::Entity, _>(
        &*txn,
        agency_id,
        &position_codes,
        position::Column::AgencyId,
        position::Column::Code,
        |p: &position::Model| p.code.clone(),
    )
    .await?;

    let mut seen: HashMap<String, Origin> = HashMap::new();
    let mut plans: Vec<(
        usize,
        Option<employee::Model>,
        employee::Model,
        Vec<FieldError>,
    )> = Vec::new();
    let at = now();
    for r in &rows {
        if let Some(prev) = seen.get(&r.nip) {
            report.push(
                r.row,
                r.origin,
                "nip",
                "duplicate_nip",
                format!("The identifier also appears on {}.", prev.describe()),
            );
            continue;
        }
        seen.insert(r.nip.clone(), r.origin);
        let current = existing.get(&r.nip);
        if current.is_some_and(|e| e.agency_id != agency_id) {
            report.push(
                r.row,
                r.origin,
                "nip",
                "nip_taken",
                "An employee with this identifier is registered in another agency.",
            );
            continue;
        }
        let keep = |v: Option<Option<String>>, old: Option<&Option<String>>| match v {
            Some(v) => v,
            None => old.cloned().flatten(),
        };
        // Birth date and sex: given, else the stored ones, else what the NIP says.
        let birth_on = match r.raw_birth_on {
            Some(v) => v,
            None => current.map(|c| c.birth_on),
        };
        let sex = match r.raw_sex {
            Some(v) => v,
            None => current.and_then(|c| Sex::parse(&c.sex)),
        };
        let golongan = keep(r.golongan.clone(), current.map(|c| &c.golongan));
        let identity = match check_identity(
            r.asn_type,
            &r.nip,
            birth_on,
            sex,
            golongan.as_deref(),
            &|c| r.origin.field(c),
        ) {
            Ok(i) => Some(i),
            Err(errors) => {
                report.extend(r.row, errors);
                None
            }
        };
        let mut bad = false;
        let unit_id = match &r.unit_code {
            None => current.and_then(|c| c.unit_id),
            Some(None) => None,
            Some(Some(code)) => match units.get(code) {
                None => {
                    report.push(
                        r.row,
                        r.origin,
                        "unit_code",
                        "unit_not_found",
                        format!("No unit with the code {code} exists in the agency."),
                    );
                    bad = true;
                    None
                }
                Some(u) if !u.is_active && current.and_then(|c| c.unit_id) != Some(u.id) => {
                    report.push(
                        r.row,
                        r.origin,
                        "unit_code",
                        "unit_inactive",
                        format!("{} ({code}) is deactivated.", u.name),
                    );
                    bad = true;
                    None
                }
                Some(u) => Some(u.id),
            },
        };
        let position_id = match &r.position_code {
            None => current.and_then(|c| c.position_id),
            Some(None) => None,
            Some(Some(code)) => match positions.get(code) {
                None => {
                    report.push(
                        r.row,
                        r.origin,
                        "position_code",
                        "position_not_found",
                        format!("No position with the code {code} exists in the agency."),
                    );
                    bad = true;
                    None
                }
                Some(p) if !p.is_active && current.and_then(|c| c.position_id) != Some(p.id) => {
                    report.push(
                        r.row,
                        r.origin,
                        "position_code",
                        "position_inactive",
                        format!("{} ({code}) is deactivated.", p.name),
                    );
                    bad = true;
                    None
                }
                Some(p) => Some(p.id),
            },
        };
        let (false, Some(identity)) = (bad, identity) else {
            continue;
        };
        let warnings: Vec<FieldError> = identity
            .warnings
            .iter()
            .map(|w| FieldError::new(r.origin.field("nip"), w.code, w.message.clone()))
            .collect();
        let next = employee::Model {
            id: current.map(|c| c.id).unwrap_or_else(Uuid::now_v7),
            agency_id,
            nip: identity.nip,
            asn_type: r.asn_type.as_str().to_owned(),
            name: r.name.clone(),
            birth_on: identity.birth_on,
            sex: identity.sex.as_str().to_owned(),
            golongan: identity.golongan,
            rank_since_on: match r.rank_since_on {
                Some(v) => v,
                None => current.and_then(|c| c.rank_since_on),
            },
            unit_id,
            position_id,
            status: r
                .status
                .map(|s| s.as_str().to_owned())
                .or_else(|| current.map(|c| c.status.clone()))
                .unwrap_or_else(|| EmployeeStatus::Active.as_str().to_owned()),
            email: keep(r.email.clone(), current.map(|c| &c.email)),
            phone: keep(r.phone.clone(), current.map(|c| &c.phone)),
            created_at: current.map(|c| c.created_at).unwrap_or(at),
            updated_at: current.map(|c| c.updated_at).unwrap_or(at),
            version: current.map(|c| c.version).unwrap_or(1),
        };
        plans.push((r.row, current.cloned(), next, warnings));
    }
    report.finish()?;

    let mut result = BulkResult {
        created: 0,
        updated: 0,
        unchanged: 0,
        warnings: Vec::new(),
    };
    let touched: Vec<employee::Model> = plans
        .iter()
        .filter(|(_, cur, next, _)| cur.as_ref() != Some(next))
        .flat_map(|(_, cur, next, _)| cur.iter().cloned().chain(std::iter::once(next.clone())))
        .collect();
    let refs = Refs::load(&*txn, &touched).await?;
    for (_, current, mut next, warnings) in plans {
        result.warnings.extend(warnings);
        match current {
            Some(cur) if cur == next => result.unchanged += 1,
            Some(cur) => {
                next.version = cur.version + 1;
                next.updated_at = at;
                let saved = crate::employees::save(&*txn, next).await?;
                audit::record(
                    &*txn,
                    ctx,
                    Change {
                        subject_employee_id: None,
                        agency_id: Some(agency_id),
                        action: "employee.update",
                        entity_type: "employee",
                        entity_id: saved.id.to_string(),
                        before: audit::snapshot(&refs.view(&cur)),
                        after: audit::snapshot(&refs.view(&saved)),
                    },
                )
                .await?;
                result.updated += 1;
            }
            None => {
                let saved = next.into_active_model().reset_all().insert(&*txn).await?;
                audit::record(
                    &*txn,
                    ctx,
                    Change {
                        subject_employee_id: None,
                        agency_id: Some(agency_id),
                        action: "employee.create",
                        entity_type: "employee",
                        entity_id: saved.id.to_string(),
                        before: None,
                        after: audit::snapshot(&refs.view(&saved)),
                    },
                )
                .await?;
                result.created += 1;
            }
        }
    }
    txn.commit().await?;
    Ok(result)
}

/// Rows of `agency_id` whose code is in `codes`, loaded in chunks.
async fn by_code<E, C>(
    db: &C,
    agency_id: Uuid,
    codes: &HashSet<String>,
    agency_col: E::Column,
    code_col: E::Column,
    key: impl Fn(&E::Model) -> String,
) -> ServiceResult<HashMap<String, E::Model>>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let codes: Vec<&String> = codes.iter().collect();
    let mut out = HashMap::new();
    for chunk in codes.chunks(LOOKUP_CHUNK) {
        for m in E::find()
            .filter(agency_col.eq(agency_id))
            .filter(code_col.is_in(chunk.iter().map(|c| c.as_str())))
            .all(db)
            .await?
        {
            out.insert(key(&m), m);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_carry_their_physical_line_and_empty_cells_are_none() {
        let csv = "code,name,kind,parent_code\nA,Alpha,dinas,\n\"B\",\"Beta\nmultiline\",bidang,A\nC,Gamma,seksi,B\n";
        let rows = parse_csv(csv.as_bytes(), &UNIT_COLUMNS).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].origin, Origin::Line(2));
        assert_eq!(rows[0].get("parent_code"), Some(None));
        assert_eq!(rows[0].get("siasn_unor_id"), None, "absent column");
        assert_eq!(rows[1].origin, Origin::Line(3));
        assert_eq!(
            rows[2].origin,
            Origin::Line(5),
            "the quoted newline takes a line"
        );
    }

    #[test]
    fn a_semicolon_separated_file_with_a_bom_is_read() {
        let csv = "\u{feff}code;name;kind\nA;Alpha;dinas\n";
        let rows = parse_rows(BulkFormat::Csv, csv.as_bytes(), &UNIT_COLUMNS).unwrap();
        assert_eq!(rows[0].text("name"), Some("Alpha"));
    }

    #[test]
    fn a_header_with_unknown_or_missing_columns_is_refused() {
        let err = parse_csv(b"code,nama\nA,B\n", &UNIT_COLUMNS).unwrap_err();
        let ServiceError::Validation(errors) = err else {
            panic!("validation")
        };
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert!(fields.contains(&("line 1: nama", "unknown_column")));
        assert!(fields.contains(&("line 1: name", "missing_column")));
        assert!(fields.contains(&("line 1: kind", "missing_column")));
    }

    #[test]
    fn json_rows_tell_null_from_absent_and_name_unknown_fields() {
        let rows = parse_json(
            br#"{"rows": [{"code": "A", "parent_code": null}]}"#,
            &UNIT_COLUMNS,
        )
        .unwrap();
        assert_eq!(rows[0].get("parent_code"), Some(None));
        assert_eq!(rows[0].get("siasn_unor_id"), None);
        let err = parse_json(
            br#"{"rows": [{"code": "A"}, {"colour": "red"}]}"#,
            &UNIT_COLUMNS,
        )
        .unwrap_err();
        let ServiceError::Validation(errors) = err else {
            panic!("validation")
        };
        assert_eq!(errors[0].field, "rows[1].colour");
    }

    #[test]
    fn sex_accepts_the_indonesian_letters() {
        assert_eq!(parse_sex("L"), Some(Sex::Male));
        assert_eq!(parse_sex("p"), Some(Sex::Female));
        assert_eq!(parse_sex("x"), None);
    }
}
