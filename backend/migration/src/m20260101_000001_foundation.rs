//! Foundation: agencies, the unit tree, positions, employees, appraiser assignments,
//! accounts, refresh tokens, API clients and the hash-chained audit log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
    Code,
    Name,
    SiasnInstansiId,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
    AgencyId,
    ParentId,
    Code,
    Name,
    Kind,
    SiasnUnorId,
    IsActive,
    Path,
    Depth,
}

#[derive(DeriveIden)]
enum Positions {
    Table,
    Id,
    AgencyId,
    UnitId,
    Code,
    Name,
    Kind,
    JptLevel,
    FunctionalLevel,
    IsActive,
}

#[derive(DeriveIden)]
enum Employees {
    Table,
    Id,
    AgencyId,
    Nip,
    AsnType,
    Name,
    BirthOn,
    Sex,
    Golongan,
    RankSinceOn,
    UnitId,
    PositionId,
    Status,
    Email,
    Phone,
}

#[derive(DeriveIden)]
enum ExternalAppraisers {
    Table,
    Id,
    AgencyId,
    IdNumber,
    Name,
    Status,
    PositionTitle,
    Golongan,
    UnitName,
}

#[derive(DeriveIden)]
enum AppraiserAssignments {
    Table,
    Id,
    AgencyId,
    EmployeeId,
    AppraiserEmployeeId,
    AppraiserExternalId,
    SuperiorEmployeeId,
    SuperiorExternalId,
    ActingKind,
    ValidFrom,
    ValidUntil,
    Note,
    CreatedBy,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    AgencyId,
    Username,
    EmployeeId,
    Role,
    PasswordHash,
    IsActive,
    FailedLoginCount,
    LockedUntil,
    LastLoginAt,
    PasswordChangedAt,
    MustChangePassword,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    CreatedAt,
    UsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ApiClients {
    Table,
    Id,
    AgencyId,
    ClientId,
    Name,
    SecretHash,
    Scopes,
    CreatedAt,
    CreatedBy,
    RevokedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    Chain,
    Seq,
    AgencyId,
    At,
    ActorKind,
    ActorId,
    ActorLabel,
    Action,
    EntityType,
    EntityId,
    Before,
    After,
    RequestId,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AuditChainHeads {
    Table,
    Chain,
    Seq,
    Hash,
}

fn timestamps(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(timestamp_with_time_zone(Alias::new("created_at")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
        .col(integer(Alias::new("version")).default(1))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table(Agencies::Table)
            .col(pk_uuid(Agencies::Id))
            .col(string_len_uniq(Agencies::Code, 32))
            .col(string_len(Agencies::Name, 200))
            .col(string_len_null(Agencies::SiasnInstansiId, 64));
        timestamps(&mut t);
        manager.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table(Units::Table)
            .col(pk_uuid(Units::Id))
            .col(uuid(Units::AgencyId))
            .col(uuid_null(Units::ParentId))
            .col(string_len(Units::Code, 64))
            .col(string_len(Units::Name, 200))
            .col(string_len(Units::Kind, 32))
            .col(string_len_null(Units::SiasnUnorId, 64))
            .col(boolean(Units::IsActive).default(true))
            // Materialised path "/<id>/<id>/" makes "the subtree of U" one indexed prefix query.
            .col(string_len(Units::Path, 1024))
            .col(integer(Units::Depth))
            .foreign_key(
                ForeignKey::create()
                    .from(Units::Table, Units::AgencyId)
                    .to(Agencies::Table, Agencies::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Units::Table, Units::ParentId)
                    .to(Units::Table, Units::Id),
            );
        timestamps(&mut t);
        manager.create_table(t.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_units_agency_code")
                    .table(Units::Table)
                    .col(Units::AgencyId)
                    .col(Units::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_units_agency_path")
                    .table(Units::Table)
                    .col(Units::AgencyId)
                    .col(Units::Path)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_units_parent")
                    .table(Units::Table)
                    .col(Units::ParentId)
                    .to_owned(),
            )
            .await?;

        let mut t = Table::create();
        t.table(Positions::Table)
            .col(pk_uuid(Positions::Id))
            .col(uuid(Positions::AgencyId))
            .col(uuid_null(Positions::UnitId))
            .col(string_len(Positions::Code, 64))
            .col(string_len(Positions::Name, 200))
            .col(string_len(Positions::Kind, 32))
            .col(string_len_null(Positions::JptLevel, 32))
            .col(string_len_null(Positions::FunctionalLevel, 32))
            .col(boolean(Positions::IsActive).default(true))
            .foreign_key(
                ForeignKey::create()
                    .from(Positions::Table, Positions::AgencyId)
                    .to(Agencies::Table, Agencies::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Positions::Table, Positions::UnitId)
                    .to(Units::Table, Units::Id),
            );
        timestamps(&mut t);
        manager.create_table(t.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_positions_agency_code")
                    .table(Positions::Table)
                    .col(Positions::AgencyId)
                    .col(Positions::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;

        let mut t = Table::create();
        t.table(Employees::Table)
            .col(pk_uuid(Employees::Id))
            .col(uuid(Employees::AgencyId))
            .col(string_len_uniq(Employees::Nip, 18))
            .col(string_len(Employees::AsnType, 8))
            .col(string_len(Employees::Name, 200))
            .col(date(Employees::BirthOn))
            .col(string_len(Employees::Sex, 8))
            .col(string_len_null(Employees::Golongan, 8))
            .col(date_null(Employees::RankSinceOn))
            .col(uuid_null(Employees::UnitId))
            .col(uuid_null(Employees::PositionId))
            .col(string_len(Employees::Status, 16))
            .col(string_len_null(Employees::Email, 254))
            .col(string_len_null(Employees::Phone, 32))
            .foreign_key(
                ForeignKey::create()
                    .from(Employees::Table, Employees::AgencyId)
                    .to(Agencies::Table, Agencies::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Employees::Table, Employees::UnitId)
                    .to(Units::Table, Units::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Employees::Table, Employees::PositionId)
                    .to(Positions::Table, Positions::Id),
            );
        timestamps(&mut t);
        manager.create_table(t.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_employees_agency_unit")
                    .table(Employees::Table)
                    .col(Employees::AgencyId)
                    .col(Employees::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_employees_agency_name")
                    .table(Employees::Table)
                    .col(Employees::AgencyId)
                    .col(Employees::Name)
                    .to_owned(),
            )
            .await?;

        let mut t = Table::create();
        t.table(ExternalAppraisers::Table)
            .col(pk_uuid(ExternalAppraisers::Id))
            .col(uuid(ExternalAppraisers::AgencyId))
            // penilaiNipNrp: an NRP or other number, not always an 18-digit NIP (domain.md 1.8).
            .col(string_len(ExternalAppraisers::IdNumber, 64))
            .col(string_len(ExternalAppraisers::Name, 200))
            .col(string_len(ExternalAppraisers::Status, 16))
            .col(string_len(ExternalAppraisers::PositionTitle, 200))
            .col(string_len_null(ExternalAppraisers::Golongan, 8))
            .col(string_len_null(ExternalAppraisers::UnitName, 200))
            .foreign_key(
                ForeignKey::create()
                    .from(ExternalAppraisers::Table, ExternalAppraisers::AgencyId)
                    .to(Agencies::Table, Agencies::Id),
            );
        timestamps(&mut t);
        manager.create_table(t.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_external_appraisers_agency_id_number")
                    .table(ExternalAppraisers::Table)
                    .col(ExternalAppraisers::AgencyId)
                    .col(ExternalAppraisers::IdNumber)
                    .unique()
                    .to_owned(),
            )
            .await?;

        let mut t = Table::create();
        t.table(AppraiserAssignments::Table)
            .col(pk_uuid(AppraiserAssignments::Id))
            .col(uuid(AppraiserAssignments::AgencyId))
            .col(uuid(AppraiserAssignments::EmployeeId))
            .col(uuid_null(AppraiserAssignments::AppraiserEmployeeId))
            .col(uuid_null(AppraiserAssignments::AppraiserExternalId))
            .col(uuid_null(AppraiserAssignments::SuperiorEmployeeId))
            .col(uuid_null(AppraiserAssignments::SuperiorExternalId))
            .col(string_len(AppraiserAssignments::ActingKind, 16))
            .col(date(AppraiserAssignments::ValidFrom))
            .col(date_null(AppraiserAssignments::ValidUntil))
            .col(string_len_null(AppraiserAssignments::Note, 500))
            .col(string_len(AppraiserAssignments::CreatedBy, 200))
            .foreign_key(
                ForeignKey::create()
                    .from(AppraiserAssignments::Table, AppraiserAssignments::AgencyId)
                    .to(Agencies::Table, Agencies::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(
                        AppraiserAssignments::Table,
                        AppraiserAssignments::EmployeeId,
                    )
                    .to(Employees::Table, Employees::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(
                        AppraiserAssignments::Table,
                        AppraiserAssignments::AppraiserEmployeeId,
                    )
                    .to(Employees::Table, Employees::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(
                        AppraiserAssignments::Table,
                        AppraiserAssignments::AppraiserExternalId,
                    )
                    .to(ExternalAppraisers::Table, ExternalAppraisers::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(
                        AppraiserAssignments::Table,
                        AppraiserAssignments::SuperiorEmployeeId,
                    )
                    .to(Employees::Table, Employees::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(
                        AppraiserAssignments::Table,
                        AppraiserAssignments::SuperiorExternalId,
                    )
                    .to(ExternalAppraisers::Table, ExternalAppraisers::Id),
            );
        timestamps(&mut t);
        manager.create_table(t.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_assignments_employee_from")
                    .table(AppraiserAssignments::Table)
                    .col(AppraiserAssignments::EmployeeId)
                    .col(AppraiserAssignments::ValidFrom)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_assignments_appraiser")
                    .table(AppraiserAssignments::Table)
                    .col(AppraiserAssignments::AppraiserEmployeeId)
                    .to_owned(),
            )
            .await?;

        let mut t = Table::create();
        t.table(Users::Table)
            .col(pk_uuid(Users::Id))
            .col(uuid_null(Users::AgencyId))
            .col(string_len_uniq(Users::Username, 64))
            .col(uuid_null(Users::EmployeeId))
            .col(string_len(Users::Role, 32))
            .col(string_len(Users::PasswordHash, 255))
            .col(boolean(Users::IsActive).default(true))
            .col(integer(Users::FailedLoginCount).default(0))
            .col(timestamp_with_time_zone_null(Users::LockedUntil))
            .col(timestamp_with_time_zone_null(Users::LastLoginAt))
            .col(timestamp_with_time_zone(Users::PasswordChangedAt))
            .col(boolean(Users::MustChangePassword).default(false))
            .foreign_key(
                ForeignKey::create()
                    .from(Users::Table, Users::AgencyId)
                    .to(Agencies::Table, Agencies::Id),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Users::Table, Users::EmployeeId)
                    .to(Employees::Table, Employees::Id),
            );
        timestamps(&mut t);
        manager.create_table(t.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_users_employee")
                    .table(Users::Table)
                    .col(Users::EmployeeId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(pk_uuid(RefreshTokens::Id))
                    .col(uuid(RefreshTokens::UserId))
                    .col(uuid(RefreshTokens::FamilyId))
                    .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                    .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RefreshTokens::Table, RefreshTokens::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_refresh_tokens_family")
                    .table(RefreshTokens::Table)
                    .col(RefreshTokens::FamilyId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiClients::Table)
                    .col(pk_uuid(ApiClients::Id))
                    .col(uuid(ApiClients::AgencyId))
                    .col(string_len_uniq(ApiClients::ClientId, 64))
                    .col(string_len(ApiClients::Name, 200))
                    .col(string_len(ApiClients::SecretHash, 255))
                    .col(string_len(ApiClients::Scopes, 1000))
                    .col(timestamp_with_time_zone(ApiClients::CreatedAt))
                    .col(string_len(ApiClients::CreatedBy, 200))
                    .col(timestamp_with_time_zone_null(ApiClients::RevokedAt))
                    .col(timestamp_with_time_zone_null(ApiClients::LastUsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiClients::Table, ApiClients::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_integer(AuditLog::Id).primary_key().auto_increment())
                    // One hash chain per agency ("agency:<id>") plus "global" for deployment-wide acts.
                    .col(string_len(AuditLog::Chain, 64))
                    .col(big_integer(AuditLog::Seq))
                    .col(uuid_null(AuditLog::AgencyId))
                    // Instants are kept as RFC 3339 text: the hash covers the exact bytes.
                    .col(string_len(AuditLog::At, 40))
                    .col(string_len(AuditLog::ActorKind, 16))
                    .col(string_len(AuditLog::ActorId, 64))
                    .col(string_len(AuditLog::ActorLabel, 200))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::EntityType, 64))
                    .col(string_len(AuditLog::EntityId, 64))
                    // Canonical JSON text, not a JSON column: PostgreSQL's jsonb would reorder keys.
                    .col(text(AuditLog::Before))
                    .col(text(AuditLog::After))
                    .col(string_len(AuditLog::RequestId, 64))
                    .col(string_len(AuditLog::PrevHash, 64))
                    .col(string_len(AuditLog::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_audit_chain_seq")
                    .table(AuditLog::Table)
                    .col(AuditLog::Chain)
                    .col(AuditLog::Seq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_entity")
                    .table(AuditLog::Table)
                    .col(AuditLog::EntityType)
                    .col(AuditLog::EntityId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditChainHeads::Table)
                    .col(string_len(AuditChainHeads::Chain, 64).primary_key())
                    .col(big_integer(AuditChainHeads::Seq))
                    .col(string_len(AuditChainHeads::Hash, 64))
                    .to_owned(),
            )
            .await?;

        // The audit log is append-only at the database too: an UPDATE or DELETE aborts.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
                )
                .await?;
            }
            DbBackend::Sqlite => {
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                )
                .await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
                    .await?;
                db.execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only()")
                    .await?;
            }
            DbBackend::Sqlite => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS audit_log_no_update")
                    .await?;
                db.execute_unprepared("DROP TRIGGER IF EXISTS audit_log_no_delete")
                    .await?;
            }
            _ => {}
        }
        for table in [
            AuditChainHeads::Table.into_iden(),
            AuditLog::Table.into_iden(),
            ApiClients::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Users::Table.into_iden(),
            AppraiserAssignments::Table.into_iden(),
            ExternalAppraisers::Table.into_iden(),
            Employees::Table.into_iden(),
            Positions::Table.into_iden(),
            Units::Table.into_iden(),
            Agencies::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
