//! The route table and the application: one place, read top to bottom, used by the server and
//! by the tests alike.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::{Logger, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, web};
use std::path::PathBuf;
use std::sync::Arc;

use crate::problem::{self, Problem};
use crate::state::AppState;
use crate::{openapi, request_id, routes};

/// `/api/v1` routes, one line per capability.
fn api_v1(cfg: &mut web::ServiceConfig) {
    routes::auth::routes(cfg);
    routes::me::routes(cfg);
    routes::agencies::routes(cfg);
    routes::units::routes(cfg);
    routes::positions::routes(cfg);
    routes::employees::routes(cfg);
    routes::external_appraisers::routes(cfg);
    routes::assignments::routes(cfg);
    routes::users::routes(cfg);
    routes::api_clients::routes(cfg);
    routes::audit::routes(cfg);
    routes::reference::routes(cfg);
    routes::cycles::routes(cfg);
    routes::plans::routes(cfg);
    routes::realizations::routes(cfg);
    routes::evaluations::routes(cfg);
    routes::feedback360::routes(cfg);
    routes::org_performance::routes(cfg);
    routes::objections::routes(cfg);
    routes::follow_up::routes(cfg);
    routes::continuous_feedback::routes(cfg);
    routes::notifications::routes(cfg);
    routes::progress::routes(cfg);
}

/// Builds the application. `web_dir` is the built SPA to serve at `/`, if any.
pub fn build(
    state: AppState,
    web_dir: Option<PathBuf>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let doc = openapi::cached().clone();
    let matcher = Arc::new(RouteMatcher::from_doc(&doc));
    let fallback_matcher = matcher.clone();
    let mut app = App::new()
        .app_data(web::Data::new(state))
        .app_data(web::Data::new(matcher))
        .app_data(problem::json_config())
        .app_data(problem::path_config())
        .app_data(problem::query_config())
        .app_data(problem::form_config())
        // Bulk imports (CSV / JSON) arrive as raw bytes.
        .app_data(web::PayloadConfig::new(16 * 1024 * 1024))
        .wrap(from_fn(request_id::middleware))
        // Outermost, so that the access log sees the request id the inner middleware set.
        .wrap(
            Logger::new("%{r}a \"%r\" %s %b %Dms request_id=%{x-request-id}o").exclude("/healthz"),
        )
        .service(routes::health::healthz)
        .service(routes::health::readyz)
        // Before the /api/v1 scope, which would otherwise claim /api/v1/openapi.json.
        .service(
            utoipa_swagger_ui::SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", doc),
        )
        .service(web::scope("/api/v1").configure(api_v1));
    let web_dir = web_dir.filter(|d| d.join("index.html").is_file());
    if let Some(dir) = web_dir {
        let index = dir.join("index.html");
        app = app.service(
            actix_files::Files::new("/", dir)
                .index_file("index.html")
                .default_handler(web::to(move |req: HttpRequest| {
                    let index = index.clone();
                    let matcher = fallback_matcher.clone();
                    async move { spa_or_problem(req, &matcher, &index).await }
                })),
        );
    }
    app.default_service(web::to(not_routed))
}

/// Unknown API routes and wrong methods answer as problems; everything else is the SPA.
async fn spa_or_problem(req: HttpRequest, matcher: &RouteMatcher, index: &PathBuf) -> HttpResponse {
    if req.path().starts_with("/api/") || req.method() != Method::GET {
        return route_problem(&req, matcher);
    }
    match actix_files::NamedFile::open_async(index).await {
        Ok(file) => file.into_response(&req),
        Err(_) => route_problem(&req, matcher),
    }
}

async fn not_routed(req: HttpRequest, matcher: web::Data<Arc<RouteMatcher>>) -> HttpResponse {
    route_problem(&req, &matcher)
}

fn route_problem(req: &HttpRequest, matcher: &RouteMatcher) -> HttpResponse {
    match matcher.allowed(req.path()) {
        Some(methods) if !methods.is_empty() => {
            let allow = methods.join(", ");
            let mut resp = Problem::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method not allowed",
                format!(
                    "{} is not supported on {}; use {allow}.",
                    req.method(),
                    req.path()
                ),
            )
            .response();
            if let Ok(v) = header::HeaderValue::from_str(&allow) {
                resp.headers_mut().insert(header::ALLOW, v);
            }
            resp
        }
        _ => Problem::new(
            StatusCode::NOT_FOUND,
            "route_not_found",
            "Not found",
            format!("There is no endpoint at {}.", req.path()),
        )
        .response(),
    }
}

/// Path templates and methods from the OpenAPI document: tells 405 from 404.
pub struct RouteMatcher {
    routes: Vec<(Vec<Option<String>>, Vec<String>)>,
}

impl RouteMatcher {
    pub fn from_doc(doc: &utoipa::openapi::OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in &doc.paths.paths {
            let segments = path
                .trim_matches('/')
                .split('/')
                .map(|s| {
                    if s.starts_with('{') {
                        None
                    } else {
                        Some(s.to_owned())
                    }
                })
                .collect();
            let mut methods = Vec::new();
            for (name, op) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ] {
                if op.is_some() {
                    methods.push(name.to_owned());
                }
            }
            routes.push((segments, methods));
        }
        Self { routes }
    }

    /// Methods allowed on `path`, if some documented route matches it.
    pub fn allowed(&self, path: &str) -> Option<Vec<String>> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let mut found: Option<Vec<String>> = None;
        for (segments, methods) in &self.routes {
            if segments.len() == parts.len()
                && segments
                    .iter()
                    .zip(&parts)
                    .all(|(s, p)| s.as_deref().is_none_or(|s| s == *p))
            {
                let all = found.get_or_insert_with(Vec::new);
                for m in methods {
                    if !all.contains(m) {
                        all.push(m.clone());
                    }
                }
            }
        }
        found
    }
}
