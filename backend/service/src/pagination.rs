//! Page requests and paged responses shared by every listing.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

pub const DEFAULT_PER_PAGE: u64 = 50;
pub const MAX_PER_PAGE: u64 = 500;

#[derive(Debug, Clone, Copy, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// 1-based page number.
    #[validate(range(min = 1, max = 1_000_000))]
    pub page: Option<u64>,
    /// Items per page (1 to 500, default 50).
    #[validate(range(min = 1, max = 500))]
    pub per_page: Option<u64>,
}

impl PageParams {
    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1).max(1)
    }
    pub fn per_page(&self) -> u64 {
        self.per_page
            .unwrap_or(DEFAULT_PER_PAGE)
            .clamp(1, MAX_PER_PAGE)
    }
    pub fn offset(&self) -> u64 {
        (self.page() - 1) * self.per_page()
    }
}

/// One page of a listing with the total count across all pages.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Number of items matching the filters, across all pages.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

/// A sort request such as `name` or `-created_at`.
pub fn parse_sort<'a>(
    raw: Option<&'a str>,
    allowed: &[&str],
    default: &'a str,
) -> Result<(&'a str, bool), crate::ServiceError> {
    let raw = raw.unwrap_or(default);
    let (field, desc) = match raw.strip_prefix('-') {
        Some(f) => (f, true),
        None => (raw, false),
    };
    if allowed.contains(&field) {
        Ok((field, desc))
    } else {
        Err(crate::ServiceError::field(
            "sort",
            "invalid_sort",
            format!(
                "Sort by one of: {} (prefix with - for descending).",
                allowed.join(", ")
            ),
        ))
    }
}
