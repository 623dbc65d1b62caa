//! The OpenAPI document: every route module's paths merged under one info block, with the two
//! security schemes. `kinerja openapi` prints it; openapi.yaml at the root is its committed copy.

use utoipa::openapi::security::{
    ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityScheme,
};
use utoipa::openapi::{OpenApi as OpenApiDoc, Server};
use utoipa::{Modify, OpenApi};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kinerja API",
        description = "Performance appraisal of Indonesian civil servants (ASN: PNS and PPPK) under PermenPANRB 6/2022.\n\n\
Every error is an RFC 9457 problem (`application/problem+json`); clients switch on `type`. \
Updates need `If-Match` with the ETag read (412 when stale, 428 when missing). \
Every response carries `X-Request-Id`.",
        license(name = "Apache-2.0")
    ),
    modifiers(&Security),
    tags(
        (name = "health", description = "Probes"),
        (name = "auth", description = "Login, tokens, passwords"),
        (name = "me", description = "The caller's own account and records"),
        (name = "agencies", description = "Agencies (instansi), the tenants"),
        (name = "units", description = "The organisation tree (unit organisasi)"),
        (name = "positions", description = "Positions (jabatan)"),
        (name = "employees", description = "Employees (pegawai), PNS and PPPK"),
        (name = "appraisers", description = "Appraiser assignments (pejabat penilai) and external appraisers"),
        (name = "users", description = "Accounts and roles"),
        (name = "api-clients", description = "OAuth2 clients for third-party systems"),
        (name = "audit", description = "The tamper-evident audit log"),
        (name = "reference", description = "Reference data: golongan, position kinds, core values"),
        (name = "cycles", description = "Appraisal cycles (tahun penilaian) and periods"),
        (name = "plans", description = "Performance plans (SKP): work results, indicators, expectations, annexes"),
        (name = "realizations", description = "Realizations and evidence (bukti dukung)"),
        (name = "evaluations", description = "Evaluations, ratings, predicates and their explanation"),
        (name = "feedback", description = "360 feedback on the BerAKHLAK core values"),
        (name = "distribution", description = "Organisation predicates, the distribution curve, calibration"),
        (name = "objections", description = "Objections (keberatan)"),
        (name = "follow-up", description = "Follow-up (tindak lanjut): awards, development, promotion, credit points"),
        (name = "continuous-feedback", description = "Continuous feedback and performance dialogues"),
        (name = "notifications", description = "In-app notifications"),
        (name = "progress", description = "Progress against deadlines"),
    )
)]
struct Root;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        let scopes = Scopes::from_iter(
            kinerja_service::actor::SCOPES
                .iter()
                .map(|s| (s.to_string(), format!("Grants {s}"))),
        );
        components.add_security_scheme(
            "oauth2",
            SecurityScheme::OAuth2(OAuth2::new([Flow::ClientCredentials(
                ClientCredentials::new("/api/v1/auth/token", scopes),
            )])),
        );
    }
}

/// Paths of these documents are served under `/api/v1`.
fn api_v1_docs() -> Vec<OpenApiDoc> {
    vec![
        routes::auth::Doc::openapi(),
        routes::me::Doc::openapi(),
        routes::agencies::Doc::openapi(),
        routes::units::Doc::openapi(),
        routes::positions::Doc::openapi(),
        routes::employees::Doc::openapi(),
        routes::external_appraisers::Doc::openapi(),
        routes::assignments::Doc::openapi(),
        routes::users::Doc::openapi(),
        routes::api_clients::Doc::openapi(),
        routes::audit::Doc::openapi(),
        routes::reference::Doc::openapi(),
        routes::cycles::Doc::openapi(),
        routes::plans::Doc::openapi(),
        routes::realizations::Doc::openapi(),
        routes::evaluations::Doc::openapi(),
        routes::feedback360::Doc::openapi(),
        routes::org_performance::Doc::openapi(),
        routes::objections::Doc::openapi(),
        routes::follow_up::Doc::openapi(),
        routes::continuous_feedback::Doc::openapi(),
        routes::notifications::Doc::openapi(),
        routes::progress::Doc::openapi(),
    ]
}

/// The complete document.
pub fn document() -> OpenApiDoc {
    let mut doc = Root::openapi();
    doc.merge(routes::health::Doc::openapi());
    for mut part in api_v1_docs() {
        let mut prefixed = utoipa::openapi::Paths::new();
        for (path, item) in std::mem::take(&mut part.paths.paths) {
            prefixed.paths.insert(format!("/api/v1{path}"), item);
        }
        part.paths = prefixed;
        doc.merge(part);
    }
    doc.servers = Some(vec![Server::new("/")]);
    doc
}

/// The document as YAML, exactly as committed in openapi.yaml.
pub fn yaml() -> String {
    document()
        .to_yaml()
        .expect("the OpenAPI document serialises to YAML")
}

/// The document, built once per process.
pub fn cached() -> &'static OpenApiDoc {
    static DOC: std::sync::OnceLock<OpenApiDoc> = std::sync::OnceLock::new();
    DOC.get_or_init(document)
}
