//! The appraisal engine (PermenPANRB 6/2022): cycles and periods, plans (SKP) with work
//! results, indicators, expectations and annexes, realizations and evidence, evaluations,
//! 360 feedback, organisation predicates, calibration, objections, continuous feedback,
//! dialogues and the notification outbox.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Employees {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum ExternalAppraisers {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Positions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cycles {
    Table,
    Id,
    AgencyId,
    Year,
    Name,
    Status,
    Regime,
    PeriodKind,
    StartsOn,
    EndsOn,
    Policies,
}

#[derive(DeriveIden)]
enum Periods {
    Table,
    Id,
    AgencyId,
    CycleId,
    Kind,
    Seq,
    Name,
    StartsOn,
    EndsOn,
    FillDeadlineOn,
    IsFinal,
    Status,
    FinalisedAt,
    FinalisedBy,
}

#[derive(DeriveIden)]
enum Plans {
    Table,
    Id,
    AgencyId,
    CycleId,
    EmployeeId,
    UnitId,
    PositionId,
    Revision,
    SupersedesId,
    StartsOn,
    EndsOn,
    Approach,
    Form,
    AppraiserEmployeeId,
    AppraiserExternalId,
    SuperiorEmployeeId,
    SuperiorExternalId,
    Status,
    ReturnReason,
    SubmittedAt,
    ApprovedAt,
    ApprovedBy,
}

#[derive(DeriveIden)]
enum WorkResults {
    Table,
    Id,
    AgencyId,
    PlanId,
    Kind,
    Seq,
    Description,
    CascadesFromId,
    AssignedBy,
    Perspective,
    Classification,
}

#[derive(DeriveIden)]
enum Indicators {
    Table,
    Id,
    AgencyId,
    WorkResultId,
    Seq,
    Aspect,
    Description,
    Direction,
    TargetMin,
    TargetMax,
    Unit,
    TargetText,
    IsTargetMaximum,
    SourceSystem,
}

#[derive(DeriveIden)]
enum BehaviourExpectations {
    Table,
    Id,
    PlanId,
    CoreValue,
    Expectation,
}

#[derive(DeriveIden)]
enum PlanAnnexes {
    Table,
    Id,
    PlanId,
    Kind,
    Seq,
    Body,
}

#[derive(DeriveIden)]
enum Realizations {
    Table,
    Id,
    AgencyId,
    IndicatorId,
    PeriodId,
    Value,
    Body,
    SourceSystem,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Evidence {
    Table,
    Id,
    AgencyId,
    PlanId,
    RealizationId,
    WorkResultId,
    Uri,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    SourceSystem,
    UploadedBy,
    UploadedAt,
}

#[derive(DeriveIden)]
enum EvidenceBlobs {
    Table,
    Sha256,
    Content,
    SizeBytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Evaluations {
    Table,
    Id,
    AgencyId,
    CycleId,
    PeriodId,
    PlanId,
    EmployeeId,
    UnitId,
    IsAnnual,
    AppraiserEmployeeId,
    AppraiserExternalId,
    SuperiorEmployeeId,
    SuperiorExternalId,
    Status,
    ResultRating,
    BehaviourRating,
    Predicate,
    ResultJustification,
    BehaviourJustification,
    AppraiserNote,
    HasInnovation,
    InnovationNote,
    SelfAssessment,
    Regime,
    NumericSnapshot,
    RatedAt,
    RatedBy,
    CalibratedPredicate,
    DistributionOverrideReason,
    ContentHash,
    SignedBy,
    SignedAt,
    FinalisedAt,
    ReceivedAt,
    FinalAt,
}

#[derive(DeriveIden)]
enum FeedbackRequests {
    Table,
    Id,
    AgencyId,
    EvaluationId,
    RaterEmployeeId,
    RaterRole,
    Status,
    NominatedBy,
    IsApproved,
    DueOn,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum FeedbackAnswers {
    Table,
    Id,
    RequestId,
    CoreValue,
    Rating,
    Comment,
}

#[derive(DeriveIden)]
enum OrgPerformance {
    Table,
    Id,
    AgencyId,
    UnitId,
    PeriodId,
    Predicate,
    Basis,
    SetBy,
    SetAt,
    DistributionOverrideReason,
}

#[derive(DeriveIden)]
enum Calibrations {
    Table,
    Id,
    AgencyId,
    EvaluationId,
    BeforePredicate,
    AfterPredicate,
    Reason,
    CalibratedBy,
    CalibratedAt,
}

#[derive(DeriveIden)]
enum Objections {
    Table,
    Id,
    AgencyId,
    EvaluationId,
    SubmittedBy,
    SubmittedAt,
    Reasons,
    Status,
    DeciderEmployeeId,
    DeciderExternalId,
    DecidedAt,
    DecidedBy,
    DecisionNote,
    NewResultRating,
    NewBehaviourRating,
    NewPredicate,
}

#[derive(DeriveIden)]
enum ContinuousFeedback {
    Table,
    Id,
    AgencyId,
    PlanId,
    PeriodId,
    TargetType,
    TargetId,
    CoreValue,
    AuthorUserId,
    AuthorEmployeeId,
    AuthorRole,
    Body,
    Visibility,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Dialogues {
    Table,
    Id,
    AgencyId,
    PlanId,
    HeldOn,
    Kind,
    Notes,
    FollowUp,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    AgencyId,
    RecipientEmployeeId,
    Kind,
    Subject,
    Body,
    Payload,
    CreatedAt,
    ReadAt,
    SentAt,
}

fn stamps(t: &mut TableCreateStatement) -> TableCreateStatement {
    t.col(timestamp_with_time_zone(Alias::new("created_at")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
        .col(integer(Alias::new("version")).default(1))
        .to_owned()
}

fn fk<F: IntoIden, T: IntoIden>(
    from_table: impl IntoIden,
    from: F,
    to_table: impl IntoIden,
    to: T,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from)
        .to(to_table, to)
        .to_owned()
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    manager.create_index(i.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(stamps(
                Table::create()
                    .table(Cycles::Table)
                    .col(pk_uuid(Cycles::Id))
                    .col(uuid(Cycles::AgencyId))
                    .col(integer(Cycles::Year))
                    .col(string_len(Cycles::Name, 200))
                    .col(string_len(Cycles::Status, 16))
                    .col(string_len(Cycles::Regime, 32))
                    .col(string_len(Cycles::PeriodKind, 16))
                    .col(date(Cycles::StartsOn))
                    .col(date(Cycles::EndsOn))
                    // Agency policies for this cycle (annual policy, 360, anonymity, distribution...), JSON text.
                    .col(text(Cycles::Policies))
                    .foreign_key(&mut fk(
                        Cycles::Table,
                        Cycles::AgencyId,
                        Agencies::Table,
                        Agencies::Id,
                    )),
            ))
            .await?;
        index(
            manager,
            "ux_cycles_agency_year",
            Cycles::Table,
            &["agency_id", "year"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Periods::Table)
                    .col(pk_uuid(Periods::Id))
                    .col(uuid(Periods::AgencyId))
                    .col(uuid(Periods::CycleId))
                    .col(string_len(Periods::Kind, 16))
                    .col(integer(Periods::Seq))
                    .col(string_len(Periods::Name, 100))
                    .col(date(Periods::StartsOn))
                    .col(date(Periods::EndsOn))
                    .col(date(Periods::FillDeadlineOn))
                    .col(boolean(Periods::IsFinal).default(false))
                    .col(string_len(Periods::Status, 16))
                    .col(timestamp_with_time_zone_null(Periods::FinalisedAt))
                    .col(string_len_null(Periods::FinalisedBy, 200))
                    .foreign_key(&mut fk(
                        Periods::Table,
                        Periods::CycleId,
                        Cycles::Table,
                        Cycles::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_periods_cycle_seq",
            Periods::Table,
            &["cycle_id", "seq"],
            true,
        )
        .await?;

        manager
            .create_table(stamps(
                Table::create()
                    .table(Plans::Table)
                    .col(pk_uuid(Plans::Id))
                    .col(uuid(Plans::AgencyId))
                    .col(uuid(Plans::CycleId))
                    .col(uuid(Plans::EmployeeId))
                    .col(uuid_null(Plans::UnitId))
                    .col(uuid_null(Plans::PositionId))
                    // Plan revision: an approved plan revised mid-year gets a successor with revision + 1.
                    .col(integer(Plans::Revision).default(1))
                    .col(uuid_null(Plans::SupersedesId))
                    .col(date(Plans::StartsOn))
                    .col(date(Plans::EndsOn))
                    .col(string_len(Plans::Approach, 16))
                    .col(string_len(Plans::Form, 16))
                    .col(uuid_null(Plans::AppraiserEmployeeId))
                    .col(uuid_null(Plans::AppraiserExternalId))
                    .col(uuid_null(Plans::SuperiorEmployeeId))
                    .col(uuid_null(Plans::SuperiorExternalId))
                    .col(string_len(Plans::Status, 16))
                    .col(string_len_null(Plans::ReturnReason, 2000))
                    .col(timestamp_with_time_zone_null(Plans::SubmittedAt))
                    .col(timestamp_with_time_zone_null(Plans::ApprovedAt))
                    .col(string_len_null(Plans::ApprovedBy, 200))
                    .foreign_key(&mut fk(
                        Plans::Table,
                        Plans::CycleId,
                        Cycles::Table,
                        Cycles::Id,
                    ))
                    .foreign_key(&mut fk(
                        Plans::Table,
                        Plans::EmployeeId,
                        Employees::Table,
                        Employees::Id,
                    ))
                    .foreign_key(&mut fk(
                        Plans::Table,
                        Plans::UnitId,
                        Units::Table,
                        Units::Id,
                    ))
                    .foreign_key(&mut fk(
                        Plans::Table,
                        Plans::PositionId,
                        Positions::Table,
                        Positions::Id,
                    ))
                    .foreign_key(&mut fk(
                        Plans::Table,
                        Plans::SupersedesId,
                        Plans::Table,
                        Plans::Id,
                    ))
                    .foreign_key(&mut fk(
                        Plans::Table,
                        Plans::AppraiserEmployeeId,
                        Employees::Table,
                        Employees::Id,
                    ))
                    .foreign_key(&mut fk(
                        Plans::Table,
                        Plans::AppraiserExternalId,
                        ExternalAppraisers::Table,
                        ExternalAppraisers::Id,
                    )),
            ))
            .await?;
        index(
            manager,
            "ix_plans_cycle_employee",
            Plans::Table,
            &["cycle_id", "employee_id"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_plans_appraiser",
            Plans::Table,
            &["appraiser_employee_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(WorkResults::Table)
                    .col(pk_uuid(WorkResults::Id))
                    .col(uuid(WorkResults::AgencyId))
                    .col(uuid(WorkResults::PlanId))
                    .col(string_len(WorkResults::Kind, 16))
                    .col(integer(WorkResults::Seq))
                    .col(string_len(WorkResults::Description, 2000))
                    // The superior's work result this one is intervened from (non-JPT main results).
                    .col(uuid_null(WorkResults::CascadesFromId))
                    // JPT: who assigned it ("penugasan dari").
                    .col(string_len_null(WorkResults::AssignedBy, 200))
                    .col(string_len_null(WorkResults::Perspective, 32))
                    .col(string_len_null(WorkResults::Classification, 200))
                    .foreign_key(&mut fk(
                        WorkResults::Table,
                        WorkResults::PlanId,
                        Plans::Table,
                        Plans::Id,
                    ))
                    .foreign_key(&mut fk(
                        WorkResults::Table,
                        WorkResults::CascadesFromId,
                        WorkResults::Table,
                        WorkResults::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_work_results_plan",
            WorkResults::Table,
            &["plan_id", "seq"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_work_results_cascade",
            WorkResults::Table,
            &["cascades_from_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Indicators::Table)
                    .col(pk_uuid(Indicators::Id))
                    .col(uuid(Indicators::AgencyId))
                    .col(uuid(Indicators::WorkResultId))
                    .col(integer(Indicators::Seq))
                    .col(string_len(Indicators::Aspect, 16))
                    .col(string_len(Indicators::Description, 2000))
                    .col(string_len(Indicators::Direction, 16))
                    // Decimal targets as text: exact on both databases, parsed with rust_decimal.
                    .col(string_len_null(Indicators::TargetMin, 40))
                    .col(string_len_null(Indicators::TargetMax, 40))
                    .col(string_len_null(Indicators::Unit, 64))
                    .col(string_len_null(Indicators::TargetText, 2000))
                    .col(boolean(Indicators::IsTargetMaximum).default(false))
                    .col(string_len_null(Indicators::SourceSystem, 64))
                    .foreign_key(&mut fk(
                        Indicators::Table,
                        Indicators::WorkResultId,
                        WorkResults::Table,
                        WorkResults::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_indicators_work_result",
            Indicators::Table,
            &["work_result_id", "seq"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(BehaviourExpectations::Table)
                    .col(pk_uuid(BehaviourExpectations::Id))
                    .col(uuid(BehaviourExpectations::PlanId))
                    .col(string_len(BehaviourExpectations::CoreValue, 32))
                    .col(string_len(BehaviourExpectations::Expectation, 2000))
                    .foreign_key(&mut fk(
                        BehaviourExpectations::Table,
                        BehaviourExpectations::PlanId,
                        Plans::Table,
                        Plans::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_expectations_plan_value",
            BehaviourExpectations::Table,
            &["plan_id", "core_value"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(PlanAnnexes::Table)
                    .col(pk_uuid(PlanAnnexes::Id))
                    .col(uuid(PlanAnnexes::PlanId))
                    .col(string_len(PlanAnnexes::Kind, 32))
                    .col(integer(PlanAnnexes::Seq))
                    .col(string_len(PlanAnnexes::Body, 2000))
                    .foreign_key(&mut fk(
                        PlanAnnexes::Table,
                        PlanAnnexes::PlanId,
                        Plans::Table,
                        Plans::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_annexes_plan",
            PlanAnnexes::Table,
            &["plan_id", "kind", "seq"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Realizations::Table)
                    .col(pk_uuid(Realizations::Id))
                    .col(uuid(Realizations::AgencyId))
                    .col(uuid(Realizations::IndicatorId))
                    .col(uuid(Realizations::PeriodId))
                    .col(string_len_null(Realizations::Value, 40))
                    .col(string_len_null(Realizations::Body, 4000))
                    .col(string_len_null(Realizations::SourceSystem, 64))
                    .col(string_len(Realizations::RecordedBy, 200))
                    .col(timestamp_with_time_zone(Realizations::RecordedAt))
                    .col(integer(Alias::new("version")).default(1))
                    .foreign_key(&mut fk(
                        Realizations::Table,
                        Realizations::IndicatorId,
                        Indicators::Table,
                        Indicators::Id,
                    ))
                    .foreign_key(&mut fk(
                        Realizations::Table,
                        Realizations::PeriodId,
                        Periods::Table,
                        Periods::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_realizations_indicator_period",
            Realizations::Table,
            &["indicator_id", "period_id"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceBlobs::Table)
                    .col(string_len(EvidenceBlobs::Sha256, 64).primary_key())
                    .col(blob(EvidenceBlobs::Content))
                    .col(big_integer(EvidenceBlobs::SizeBytes))
                    .col(timestamp_with_time_zone(EvidenceBlobs::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Evidence::Table)
                    .col(pk_uuid(Evidence::Id))
                    .col(uuid(Evidence::AgencyId))
                    .col(uuid(Evidence::PlanId))
                    .col(uuid_null(Evidence::RealizationId))
                    .col(uuid_null(Evidence::WorkResultId))
                    .col(string_len_null(Evidence::Uri, 2000))
                    .col(string_len_null(Evidence::FileName, 255))
                    .col(string_len_null(Evidence::ContentType, 127))
                    .col(big_integer_null(Evidence::SizeBytes))
                    .col(string_len_null(Evidence::Sha256, 64))
                    .col(string_len_null(Evidence::SourceSystem, 64))
                    .col(string_len(Evidence::UploadedBy, 200))
                    .col(timestamp_with_time_zone(Evidence::UploadedAt))
                    .foreign_key(&mut fk(
                        Evidence::Table,
                        Evidence::PlanId,
                        Plans::Table,
                        Plans::Id,
                    ))
                    .foreign_key(&mut fk(
                        Evidence::Table,
                        Evidence::RealizationId,
                        Realizations::Table,
                        Realizations::Id,
                    ))
                    .foreign_key(&mut fk(
                        Evidence::Table,
                        Evidence::WorkResultId,
                        WorkResults::Table,
                        WorkResults::Id,
                    ))
                    .foreign_key(&mut fk(
                        Evidence::Table,
                        Evidence::Sha256,
                        EvidenceBlobs::Table,
                        EvidenceBlobs::Sha256,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_evidence_plan",
            Evidence::Table,
            &["plan_id"],
            false,
        )
        .await?;

        manager
            .create_table(stamps(
                Table::create()
                    .table(Evaluations::Table)
                    .col(pk_uuid(Evaluations::Id))
                    .col(uuid(Evaluations::AgencyId))
                    .col(uuid(Evaluations::CycleId))
                    .col(uuid(Evaluations::PeriodId))
                    .col(uuid(Evaluations::PlanId))
                    .col(uuid(Evaluations::EmployeeId))
                    .col(uuid_null(Evaluations::UnitId))
                    .col(boolean(Evaluations::IsAnnual).default(false))
                    .col(uuid_null(Evaluations::AppraiserEmployeeId))
                    .col(uuid_null(Evaluations::AppraiserExternalId))
                    .col(uuid_null(Evaluations::SuperiorEmployeeId))
                    .col(uuid_null(Evaluations::SuperiorExternalId))
                    .col(string_len(Evaluations::Status, 24))
                    .col(string_len_null(Evaluations::ResultRating, 16))
                    .col(string_len_null(Evaluations::BehaviourRating, 16))
                    .col(string_len_null(Evaluations::Predicate, 24))
                    .col(string_len_null(Evaluations::ResultJustification, 4000))
                    .col(string_len_null(Evaluations::BehaviourJustification, 4000))
                    .col(string_len_null(Evaluations::AppraiserNote, 4000))
                    .col(boolean(Evaluations::HasInnovation).default(false))
                    .col(string_len_null(Evaluations::InnovationNote, 2000))
                    // The employee's self-assessment handed in with the realizations (submit).
                    .col(text_null(Evaluations::SelfAssessment))
                    .col(string_len(Evaluations::Regime, 32))
                    // Inputs and intermediate values of the numeric regimes, JSON text.
                    .col(text_null(Evaluations::NumericSnapshot))
                    .col(timestamp_with_time_zone_null(Evaluations::RatedAt))
                    .col(string_len_null(Evaluations::RatedBy, 200))
                    .col(string_len_null(Evaluations::CalibratedPredicate, 24))
                    .col(string_len_null(
                        Evaluations::DistributionOverrideReason,
                        2000,
                    ))
                    .col(string_len_null(Evaluations::ContentHash, 64))
                    .col(string_len_null(Evaluations::SignedBy, 200))
                    .col(timestamp_with_time_zone_null(Evaluations::SignedAt))
                    .col(timestamp_with_time_zone_null(Evaluations::FinalisedAt))
                    .col(timestamp_with_time_zone_null(Evaluations::ReceivedAt))
                    .col(timestamp_with_time_zone_null(Evaluations::FinalAt))
                    .foreign_key(&mut fk(
                        Evaluations::Table,
                        Evaluations::PlanId,
                        Plans::Table,
                        Plans::Id,
                    ))
                    .foreign_key(&mut fk(
                        Evaluations::Table,
                        Evaluations::PeriodId,
                        Periods::Table,
                        Periods::Id,
                    ))
                    .foreign_key(&mut fk(
                        Evaluations::Table,
                        Evaluations::EmployeeId,
                        Employees::Table,
                        Employees::Id,
                    )),
            ))
            .await?;
        index(
            manager,
            "ux_evaluations_plan_period",
            Evaluations::Table,
            &["plan_id", "period_id"],
            true,
        )
        .await?;
        index(
            manager,
            "ix_evaluations_period_unit",
            Evaluations::Table,
            &["period_id", "unit_id"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_evaluations_cycle",
            Evaluations::Table,
            &["cycle_id", "status"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_evaluations_appraiser",
            Evaluations::Table,
            &["appraiser_employee_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(FeedbackRequests::Table)
                    .col(pk_uuid(FeedbackRequests::Id))
                    .col(uuid(FeedbackRequests::AgencyId))
                    .col(uuid(FeedbackRequests::EvaluationId))
                    .col(uuid(FeedbackRequests::RaterEmployeeId))
                    .col(string_len(FeedbackRequests::RaterRole, 24))
                    .col(string_len(FeedbackRequests::Status, 16))
                    .col(uuid_null(FeedbackRequests::NominatedBy))
                    .col(boolean(FeedbackRequests::IsApproved).default(true))
                    .col(date_null(FeedbackRequests::DueOn))
                    .col(timestamp_with_time_zone_null(FeedbackRequests::SubmittedAt))
                    .col(timestamp_with_time_zone(Alias::new("created_at")))
                    .foreign_key(&mut fk(
                        FeedbackRequests::Table,
                        FeedbackRequests::EvaluationId,
                        Evaluations::Table,
                        Evaluations::Id,
                    ))
                    .foreign_key(&mut fk(
                        FeedbackRequests::Table,
                        FeedbackRequests::RaterEmployeeId,
                        Employees::Table,
                        Employees::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_feedback_requests_eval_rater",
            FeedbackRequests::Table,
            &["evaluation_id", "rater_employee_id"],
            true,
        )
        .await?;
        index(
            manager,
            "ix_feedback_requests_rater",
            FeedbackRequests::Table,
            &["rater_employee_id", "status"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(FeedbackAnswers::Table)
                    .col(pk_uuid(FeedbackAnswers::Id))
                    .col(uuid(FeedbackAnswers::RequestId))
                    .col(string_len(FeedbackAnswers::CoreValue, 32))
                    .col(string_len(FeedbackAnswers::Rating, 16))
                    .col(string_len_null(FeedbackAnswers::Comment, 4000))
                    .foreign_key(&mut fk(
                        FeedbackAnswers::Table,
                        FeedbackAnswers::RequestId,
                        FeedbackRequests::Table,
                        FeedbackRequests::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_feedback_answers_request_value",
            FeedbackAnswers::Table,
            &["request_id", "core_value"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrgPerformance::Table)
                    .col(pk_uuid(OrgPerformance::Id))
                    .col(uuid(OrgPerformance::AgencyId))
                    .col(uuid(OrgPerformance::UnitId))
                    .col(uuid(OrgPerformance::PeriodId))
                    .col(string_len(OrgPerformance::Predicate, 24))
                    .col(string_len_null(OrgPerformance::Basis, 4000))
                    .col(string_len(OrgPerformance::SetBy, 200))
                    .col(timestamp_with_time_zone(OrgPerformance::SetAt))
                    .col(string_len_null(
                        OrgPerformance::DistributionOverrideReason,
                        2000,
                    ))
                    .col(integer(Alias::new("version")).default(1))
                    .foreign_key(&mut fk(
                        OrgPerformance::Table,
                        OrgPerformance::UnitId,
                        Units::Table,
                        Units::Id,
                    ))
                    .foreign_key(&mut fk(
                        OrgPerformance::Table,
                        OrgPerformance::PeriodId,
                        Periods::Table,
                        Periods::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_org_performance_unit_period",
            OrgPerformance::Table,
            &["unit_id", "period_id"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Calibrations::Table)
                    .col(pk_uuid(Calibrations::Id))
                    .col(uuid(Calibrations::AgencyId))
                    .col(uuid(Calibrations::EvaluationId))
                    .col(string_len(Calibrations::BeforePredicate, 24))
                    .col(string_len(Calibrations::AfterPredicate, 24))
                    .col(string_len(Calibrations::Reason, 2000))
                    .col(string_len(Calibrations::CalibratedBy, 200))
                    .col(timestamp_with_time_zone(Calibrations::CalibratedAt))
                    .foreign_key(&mut fk(
                        Calibrations::Table,
                        Calibrations::EvaluationId,
                        Evaluations::Table,
                        Evaluations::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_calibrations_evaluation",
            Calibrations::Table,
            &["evaluation_id"],
            false,
        )
        .await?;

        manager
            .create_table(stamps(
                Table::create()
                    .table(Objections::Table)
                    .col(pk_uuid(Objections::Id))
                    .col(uuid(Objections::AgencyId))
                    .col(uuid(Objections::EvaluationId))
                    .col(uuid(Objections::SubmittedBy))
                    .col(timestamp_with_time_zone(Objections::SubmittedAt))
                    .col(string_len(Objections::Reasons, 8000))
                    .col(string_len(Objections::Status, 24))
                    .col(uuid_null(Objections::DeciderEmployeeId))
                    .col(uuid_null(Objections::DeciderExternalId))
                    .col(timestamp_with_time_zone_null(Objections::DecidedAt))
                    .col(string_len_null(Objections::DecidedBy, 200))
                    .col(string_len_null(Objections::DecisionNote, 8000))
                    .col(string_len_null(Objections::NewResultRating, 16))
                    .col(string_len_null(Objections::NewBehaviourRating, 16))
                    .col(string_len_null(Objections::NewPredicate, 24))
                    .foreign_key(&mut fk(
                        Objections::Table,
                        Objections::EvaluationId,
                        Evaluations::Table,
                        Evaluations::Id,
                    )),
            ))
            .await?;
        index(
            manager,
            "ux_objections_evaluation",
            Objections::Table,
            &["evaluation_id"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ContinuousFeedback::Table)
                    .col(pk_uuid(ContinuousFeedback::Id))
                    .col(uuid(ContinuousFeedback::AgencyId))
                    .col(uuid(ContinuousFeedback::PlanId))
                    .col(uuid_null(ContinuousFeedback::PeriodId))
                    .col(string_len(ContinuousFeedback::TargetType, 16))
                    .col(uuid_null(ContinuousFeedback::TargetId))
                    .col(string_len_null(ContinuousFeedback::CoreValue, 32))
                    .col(uuid(ContinuousFeedback::AuthorUserId))
                    .col(uuid_null(ContinuousFeedback::AuthorEmployeeId))
                    .col(string_len(ContinuousFeedback::AuthorRole, 24))
                    .col(string_len(ContinuousFeedback::Body, 8000))
                    .col(string_len(ContinuousFeedback::Visibility, 24))
                    .col(timestamp_with_time_zone(ContinuousFeedback::CreatedAt))
                    .foreign_key(&mut fk(
                        ContinuousFeedback::Table,
                        ContinuousFeedback::PlanId,
                        Plans::Table,
                        Plans::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_continuous_feedback_plan",
            ContinuousFeedback::Table,
            &["plan_id", "period_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Dialogues::Table)
                    .col(pk_uuid(Dialogues::Id))
                    .col(uuid(Dialogues::AgencyId))
                    .col(uuid(Dialogues::PlanId))
                    .col(date(Dialogues::HeldOn))
                    .col(string_len(Dialogues::Kind, 24))
                    .col(string_len(Dialogues::Notes, 8000))
                    .col(string_len_null(Dialogues::FollowUp, 4000))
                    .col(string_len(Dialogues::RecordedBy, 200))
                    .col(timestamp_with_time_zone(Dialogues::CreatedAt))
                    .foreign_key(&mut fk(
                        Dialogues::Table,
                        Dialogues::PlanId,
                        Plans::Table,
                        Plans::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_dialogues_plan",
            Dialogues::Table,
            &["plan_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_uuid(Notifications::Id))
                    .col(uuid(Notifications::AgencyId))
                    .col(uuid(Notifications::RecipientEmployeeId))
                    .col(string_len(Notifications::Kind, 48))
                    .col(string_len(Notifications::Subject, 300))
                    .col(string_len(Notifications::Body, 4000))
                    .col(text(Notifications::Payload))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    // Outbox: an email sender can pick up rows where sent_at is null.
                    .col(timestamp_with_time_zone_null(Notifications::SentAt))
                    .foreign_key(&mut fk(
                        Notifications::Table,
                        Notifications::RecipientEmployeeId,
                        Employees::Table,
                        Employees::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_notifications_recipient",
            Notifications::Table,
            &["recipient_employee_id", "read_at"],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Notifications::Table.into_iden(),
            Dialogues::Table.into_iden(),
            ContinuousFeedback::Table.into_iden(),
            Objections::Table.into_iden(),
            Calibrations::Table.into_iden(),
            OrgPerformance::Table.into_iden(),
            FeedbackAnswers::Table.into_iden(),
            FeedbackRequests::Table.into_iden(),
            Evaluations::Table.into_iden(),
            Evidence::Table.into_iden(),
            EvidenceBlobs::Table.into_iden(),
            Realizations::Table.into_iden(),
            PlanAnnexes::Table.into_iden(),
            BehaviourExpectations::Table.into_iden(),
            Indicators::Table.into_iden(),
            WorkResults::Table.into_iden(),
            Plans::Table.into_iden(),
            Periods::Table.into_iden(),
            Cycles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
