//! Maintained progress counters, the audit log's subject, and objection decisions recorded on
//! behalf of an external superior.
//!
//! `progress_counters` holds, per scope (an agency, a cycle or a period) and unit, how many
//! employees, plans, indicators of approved plans, realizations, feedback requests and
//! evaluations are in each state. Database triggers keep it in step with every write, in the
//! writing transaction, whatever code path writes (single writes, bulk inserts, batch
//! updates): the progress summary then reads a few thousand counter rows instead of every
//! indicator and feedback request of the agency (decision record 0008). The migration fills
//! the counters from the rows that exist.
//!
//! Metrics (`unit_id` is the nil UUID where the row has no unit):
//! - scope agency: `employee:<status>` per employee's unit;
//! - scope cycle: `plan:<status>` per plan's unit; `indicators`, the indicators of plans that
//!   are approved or in appraisal;
//! - scope period: `realized`, realizations of those indicators in the period;
//!   `feedback:<status>`, approved feedback requests by the evaluation's unit;
//!   `evaluation:<status>` per evaluation's unit.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProgressCounters {
    Table,
    ScopeId,
    UnitId,
    Metric,
    N,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    SubjectEmployeeId,
}

#[derive(DeriveIden)]
enum Objections {
    Table,
    DecisionDocument,
    RecordedBy,
}

/// The SQL of both databases that differs: the nil UUID and how a trigger body is wrapped.
struct Dialect {
    nil: &'static str,
}

impl Dialect {
    fn of(backend: DbBackend) -> Self {
        match backend {
            DbBackend::Postgres => Dialect {
                nil: "'00000000-0000-0000-0000-000000000000'::uuid",
            },
            _ => Dialect {
                nil: "zeroblob(16)",
            },
        }
    }

    /// `INSERT ... SELECT` adding to a counter; `select` yields (scope_id, unit_id, metric, n)
    /// and must have a WHERE clause (SQLite's upsert-after-select rule).
    fn add(&self, select: &str) -> String {
        format!(
            "INSERT INTO progress_counters (scope_id, unit_id, metric, n) {select} \
             ON CONFLICT (scope_id, unit_id, metric) DO UPDATE SET n = progress_counters.n + excluded.n;"
        )
    }

    fn unit(&self, col: &str) -> String {
        format!("coalesce({col}, {})", self.nil)
    }
}

const APPROVED: &str = "('approved', 'in_appraisal')";

/// The statements that move a row's contributions; `r` is `OLD` or `NEW`, `sign` `-1` or `1`.
fn employee_moves(d: &Dialect, r: &str, sign: i32) -> String {
    d.add(&format!(
        "SELECT {r}.agency_id, {u}, 'employee:' || {r}.status, {sign} WHERE true",
        u = d.unit(&format!("{r}.unit_id"))
    ))
}

fn plan_moves(d: &Dialect, r: &str, sign: i32) -> String {
    let u = d.unit(&format!("{r}.unit_id"));
    [
        d.add(&format!(
            "SELECT {r}.cycle_id, {u}, 'plan:' || {r}.status, {sign} WHERE true"
        )),
        d.add(&format!(
            "SELECT {r}.cycle_id, {u}, 'indicators', {sign} * count(*) FROM indicators i \
             JOIN work_results w ON w.id = i.work_result_id \
             WHERE w.plan_id = {r}.id AND {r}.status IN {APPROVED} HAVING count(*) > 0"
        )),
        d.add(&format!(
            "SELECT x.period_id, {u}, 'realized', {sign} * count(*) FROM realizations x \
             JOIN indicators i ON i.id = x.indicator_id \
             JOIN work_results w ON w.id = i.work_result_id \
             WHERE w.plan_id = {r}.id AND {r}.status IN {APPROVED} GROUP BY x.period_id"
        )),
    ]
    .join("\n")
}

fn indicator_moves(d: &Dialect, r: &str, sign: i32) -> String {
    d.add(&format!(
        "SELECT p.cycle_id, {u}, 'indicators', {sign} FROM work_results w \
         JOIN plans p ON p.id = w.plan_id \
         WHERE w.id = {r}.work_result_id AND p.status IN {APPROVED}",
        u = d.unit("p.unit_id")
    ))
}

fn realization_moves(d: &Dialect, r: &str, sign: i32) -> String {
    d.add(&format!(
        "SELECT {r}.period_id, {u}, 'realized', {sign} FROM indicators i \
         JOIN work_results w ON w.id = i.work_result_id \
         JOIN plans p ON p.id = w.plan_id \
         WHERE i.id = {r}.indicator_id AND p.status IN {APPROVED}",
        u = d.unit("p.unit_id")
    ))
}

fn feedback_moves(d: &Dialect, r: &str, sign: i32) -> String {
    d.add(&format!(
        "SELECT e.period_id, {u}, 'feedback:' || {r}.status, {sign} FROM evaluations e \
         WHERE e.id = {r}.evaluation_id AND {r}.is_approved",
        u = d.unit("e.unit_id")
    ))
}

fn evaluation_moves(d: &Dialect, r: &str, sign: i32) -> String {
    d.add(&format!(
        "SELECT {r}.period_id, {u}, 'evaluation:' || {r}.status, {sign} WHERE true",
        u = d.unit(&format!("{r}.unit_id"))
    ))
}

type Moves = fn(&Dialect, &str, i32) -> String;

/// (table, the columns whose change moves a contribution, how a row contributes).
const TRACKED: [(&str, &[&str], Moves); 6] = [
    (
        "employees",
        &["status", "unit_id", "agency_id"],
        employee_moves,
    ),
    ("plans", &["status", "unit_id", "cycle_id"], plan_moves),
    ("indicators", &["work_result_id"], indicator_moves),
    (
        "realizations",
        &["indicator_id", "period_id"],
        realization_moves,
    ),
    (
        "feedback_requests",
        &["status", "is_approved", "evaluation_id"],
        feedback_moves,
    ),
    (
        "evaluations",
        &["status", "unit_id", "period_id"],
        evaluation_moves,
    ),
];

/// Every counter computed from the rows, for the backfill.
fn backfill(d: &Dialect) -> Vec<String> {
    let u = |c: &str| d.unit(c);
    vec![
        d.add(&format!(
            "SELECT agency_id, {}, 'employee:' || status, count(*) FROM employees WHERE true \
             GROUP BY agency_id, unit_id, status",
            u("unit_id")
        )),
        d.add(&format!(
            "SELECT cycle_id, {}, 'plan:' || status, count(*) FROM plans WHERE true \
             GROUP BY cycle_id, unit_id, status",
            u("unit_id")
        )),
        d.add(&format!(
            "SELECT p.cycle_id, {}, 'indicators', count(*) FROM indicators i \
             JOIN work_results w ON w.id = i.work_result_id JOIN plans p ON p.id = w.plan_id \
             WHERE p.status IN {APPROVED} GROUP BY p.cycle_id, p.unit_id",
            u("p.unit_id")
        )),
        d.add(&format!(
            "SELECT x.period_id, {}, 'realized', count(*) FROM realizations x \
             JOIN indicators i ON i.id = x.indicator_id \
             JOIN work_results w ON w.id = i.work_result_id JOIN plans p ON p.id = w.plan_id \
             WHERE p.status IN {APPROVED} GROUP BY x.period_id, p.unit_id",
            u("p.unit_id")
        )),
        d.add(&format!(
            "SELECT e.period_id, {}, 'feedback:' || f.status, count(*) FROM feedback_requests f \
             JOIN evaluations e ON e.id = f.evaluation_id WHERE f.is_approved \
             GROUP BY e.period_id, e.unit_id, f.status",
            u("e.unit_id")
        )),
        d.add(&format!(
            "SELECT period_id, {}, 'evaluation:' || status, count(*) FROM evaluations WHERE true \
             GROUP BY period_id, unit_id, status",
            u("unit_id")
        )),
    ]
}

fn changed(cols: &[&str], distinct: &str) -> String {
    cols.iter()
        .map(|c| format!("OLD.{c} {distinct} NEW.{c}"))
        .collect::<Vec<_>>()
        .join(" OR ")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProgressCounters::Table)
                    .col(uuid(ProgressCounters::ScopeId))
                    .col(uuid(ProgressCounters::UnitId))
                    .col(string_len(ProgressCounters::Metric, 40))
                    .col(big_integer(ProgressCounters::N).default(0))
                    .primary_key(
                        Index::create()
                            .col(ProgressCounters::ScopeId)
                            .col(ProgressCounters::UnitId)
                            .col(ProgressCounters::Metric),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditLog::Table)
                    .add_column(uuid_null(AuditLog::SubjectEmployeeId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_subject")
                    .table(AuditLog::Table)
                    .col(AuditLog::SubjectEmployeeId)
                    .to_owned(),
            )
            .await?;
        for col in [Objections::DecisionDocument, Objections::RecordedBy] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Objections::Table)
                        .add_column(string_len_null(col, 500))
                        .to_owned(),
                )
                .await?;
        }

        let backend = manager.get_database_backend();
        let d = Dialect::of(backend);
        let db = manager.get_connection();
        if backend == DbBackend::Postgres {
            // Every write upserts a counter: with room on each page PostgreSQL keeps the new
            // version beside the old (HOT) and prunes it there, so the few thousand counters
            // stay on a few hundred pages instead of spreading over the whole table.
            db.execute_unprepared(
                "ALTER TABLE progress_counters SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.01)",
            )
            .await?;
        }
        for (table, cols, moves) in TRACKED {
            match backend {
                DbBackend::Postgres => {
                    db.execute_unprepared(&format!(
                        "CREATE FUNCTION progress_{table}() RETURNS trigger AS $$\n\
                         BEGIN\n\
                         IF TG_OP IN ('UPDATE', 'DELETE') THEN\n{old}\nEND IF;\n\
                         IF TG_OP IN ('UPDATE', 'INSERT') THEN\n{new}\nEND IF;\n\
                         RETURN NULL;\n\
                         END $$ LANGUAGE plpgsql",
                        old = moves(&d, "OLD", -1),
                        new = moves(&d, "NEW", 1),
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER progress_{table}_insert_delete AFTER INSERT OR DELETE ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION progress_{table}()"
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER progress_{table}_update AFTER UPDATE OF {list} ON {table} \
                         FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION progress_{table}()",
                        list = cols.join(", "),
                        when = changed(cols, "IS DISTINCT FROM"),
                    ))
                    .await?;
                }
                _ => {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER progress_{table}_insert AFTER INSERT ON {table} \
                         FOR EACH ROW BEGIN\n{}\nEND",
                        moves(&d, "NEW", 1)
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER progress_{table}_delete AFTER DELETE ON {table} \
                         FOR EACH ROW BEGIN\n{}\nEND",
                        moves(&d, "OLD", -1)
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER progress_{table}_update AFTER UPDATE OF {list} ON {table} \
                         FOR EACH ROW WHEN {when} BEGIN\n{old}\n{new}\nEND",
                        list = cols.join(", "),
                        when = changed(cols, "IS NOT"),
                        old = moves(&d, "OLD", -1),
                        new = moves(&d, "NEW", 1),
                    ))
                    .await?;
                }
            }
        }
        for statement in backfill(&d) {
            db.execute_unprepared(&statement).await?;
        }
        if backend == DbBackend::Postgres {
            // Evaluations are rewritten in batches (scores, finalisation): room on each page
            // lets PostgreSQL update a row in place (HOT) without touching its indexes.
            db.execute_unprepared("ALTER TABLE evaluations SET (fillfactor = 85)")
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let db = manager.get_connection();
        if backend == DbBackend::Postgres {
            db.execute_unprepared("ALTER TABLE evaluations RESET (fillfactor)")
                .await?;
        }
        for (table, _, _) in TRACKED {
            match backend {
                DbBackend::Postgres => {
                    for t in ["insert_delete", "update"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS progress_{table}_{t} ON {table}"
                        ))
                        .await?;
                    }
                    db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS progress_{table}()"))
                        .await?;
                }
                _ => {
                    for t in ["insert", "delete", "update"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS progress_{table}_{t}"
                        ))
                        .await?;
                    }
                }
            }
        }
        manager
            .drop_table(Table::drop().table(ProgressCounters::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_audit_log_subject")
                    .table(AuditLog::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditLog::Table)
                    .drop_column(AuditLog::SubjectEmployeeId)
                    .to_owned(),
            )
            .await?;
        for col in [Objections::DecisionDocument, Objections::RecordedBy] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Objections::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
