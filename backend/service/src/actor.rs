//! Who is calling, and the policy questions every use case asks before touching an object.
//! Authorization lives here and in scoped queries, never in URL-prefix middleware.

use kinerja_domain::org::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{ServiceError, ServiceResult};

/// OAuth2 scopes an API client may hold.
pub const SCOPES: &[&str] = &[
    "agency:read",
    "units:read",
    "units:write",
    "employees:read",
    "employees:write",
    "assignments:read",
    "assignments:write",
    "audit:read",
    "reports:read",
    "realizations:write",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Principal {
    User {
        user_id: Uuid,
        role: Role,
        employee_id: Option<Uuid>,
    },
    Client {
        client_id: String,
        scopes: Vec<String>,
    },
}

/// The authenticated caller of one request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub principal: Principal,
    /// None only for a super_admin.
    pub agency_id: Option<Uuid>,
    /// Human-readable label for the audit log (username or client id).
    pub label: String,
}

/// What a use case needs to know about the request besides its input.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: Actor,
    pub request_id: String,
}

/// The operations a policy distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

impl Actor {
    pub fn role(&self) -> Option<Role> {
        match &self.principal {
            Principal::User { role, .. } => Some(*role),
            Principal::Client { .. } => None,
        }
    }

    pub fn user_id(&self) -> Option<Uuid> {
        match &self.principal {
            Principal::User { user_id, .. } => Some(*user_id),
            Principal::Client { .. } => None,
        }
    }

    pub fn employee_id(&self) -> Option<Uuid> {
        match &self.principal {
            Principal::User { employee_id, .. } => *employee_id,
            Principal::Client { .. } => None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match &self.principal {
            Principal::User { .. } => "user",
            Principal::Client { .. } => "client",
        }
    }

    pub fn id_text(&self) -> String {
        match &self.principal {
            Principal::User { user_id, .. } => user_id.to_string(),
            Principal::Client { client_id, .. } => client_id.clone(),
        }
    }

    pub fn is_super_admin(&self) -> bool {
        self.role() == Some(Role::SuperAdmin)
    }

    fn has_scope(&self, scope: &str) -> bool {
        match &self.principal {
            Principal::Client { scopes, .. } => scopes.iter().any(|s| s == scope),
            Principal::User { .. } => false,
        }
    }

    /// May the caller see objects of `agency_id` at all? Objects of an agency the caller may
    /// not see must be reported as not found, so this returns the NotFound error for them.
    pub fn check_agency(&self, agency_id: Uuid, entity: &'static str) -> ServiceResult<()> {
        if self.is_super_admin() || self.agency_id == Some(agency_id) {
            Ok(())
        } else {
            Err(ServiceError::not_found(entity))
        }
    }

    /// Agency-wide administration of `resource` (units, employees, ...): super_admin anywhere,
    /// agency_admin in their agency, auditor reads in their agency, a client with the scope
    /// `<resource>:<read|write>` in its agency.
    pub fn can_administer(&self, agency_id: Uuid, resource: &str, access: Access) -> bool {
        if self.is_super_admin() {
            return true;
        }
        if self.agency_id != Some(agency_id) {
            return false;
        }
        match &self.principal {
            Principal::User { role, .. } => {
                matches!(
                    (role, access),
                    (Role::AgencyAdmin, _) | (Role::Auditor, Access::Read)
                )
            }
            Principal::Client { .. } => {
                let wanted = match access {
                    Access::Read => format!("{resource}:read"),
                    Access::Write => format!("{resource}:write"),
                };
                self.has_scope(&wanted)
                    || (access == Access::Read && self.has_scope(&format!("{resource}:write")))
            }
        }
    }

    /// Like [`Self::can_administer`], as a guard. Objects of another agency read as not found.
    pub fn require_admin(
        &self,
        agency_id: Uuid,
        resource: &str,
        access: Access,
        entity: &'static str,
    ) -> ServiceResult<()> {
        self.check_agency(agency_id, entity)?;
        if self.can_administer(agency_id, resource, access) {
            Ok(())
        } else {
            Err(ServiceError::forbidden(match access {
                Access::Read => format!("You may not read {resource} of this agency."),
                Access::Write => format!("You may not change {resource} of this agency."),
            }))
        }
    }

    /// The agency a listing is scoped to: the caller's own, or for a super_admin the one asked
    /// for (required, so that no listing mixes tenants by accident).
    pub fn scope_agency(&self, requested: Option<Uuid>) -> ServiceResult<Uuid> {
        match (self.is_super_admin(), self.agency_id, requested) {
            (true, _, Some(a)) => Ok(a),
            (true, _, None) => Err(ServiceError::field(
                "agency_id",
                "required",
                "A super_admin must name the agency (agency_id) to list its objects.",
            )),
            (false, Some(own), Some(a)) if a != own => Err(ServiceError::forbidden(
                "You may only list your own agency's objects.",
            )),
            (false, Some(own), _) => Ok(own),
            (false, None, _) => Err(ServiceError::forbidden(
                "This account belongs to no agency.",
            )),
        }
    }
}
