//! National reference data served to clients: golongan/pangkat, position kinds, functional
//! levels and the BerAKHLAK core values. Constants of regulation from kinerja-domain; no I/O.

use kinerja_domain::org::{AsnType, FunctionalLevel, PositionKind};
use kinerja_domain::reference::{self, CoreValue, GolonganInfo};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GolonganQuery {
    /// Only the golongan of this ASN type; both when absent.
    pub asn_type: Option<AsnType>,
}

/// The golongan of one or both ASN types, lowest first (PNS before PPPK).
pub fn golongan(query: &GolonganQuery) -> Vec<GolonganInfo> {
    let pns = reference::golongan_pns().iter();
    let pppk = reference::golongan_pppk().iter();
    match query.asn_type {
        Some(AsnType::Pns) => pns.copied().collect(),
        Some(AsnType::Pppk) => pppk.copied().collect(),
        None => pns.chain(pppk).copied().collect(),
    }
}

/// A position kind (jenis jabatan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PositionKindInfo {
    pub kind: PositionKind,
    #[schema(example = "Jabatan Fungsional")]
    pub label: &'static str,
    /// JPT, administrator and pengawas lead a unit.
    pub is_structural: bool,
    /// Whether positions of this kind carry a functional level (jenjang).
    pub has_functional_level: bool,
    /// Whether positions of this kind may carry a JPT level.
    pub has_jpt_level: bool,
}

/// Every position kind.
pub fn position_kinds() -> Vec<PositionKindInfo> {
    PositionKind::ALL
        .iter()
        .map(|&kind| PositionKindInfo {
            kind,
            label: match kind {
                PositionKind::Jpt => "Jabatan Pimpinan Tinggi",
                PositionKind::Administrator => "Jabatan Administrator",
                PositionKind::Pengawas => "Jabatan Pengawas",
                PositionKind::Pelaksana => "Jabatan Pelaksana",
                PositionKind::Fungsional => "Jabatan Fungsional",
            },
            is_structural: kind.is_structural(),
            has_functional_level: kind == PositionKind::Fungsional,
            has_jpt_level: kind == PositionKind::Jpt,
        })
        .collect()
}

/// A functional level (jenjang jabatan fungsional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FunctionalLevelInfo {
    pub level: FunctionalLevel,
    #[schema(example = "Ahli Pertama")]
    pub label: &'static str,
    /// SIASN jenjang code.
    #[schema(example = "PT")]
    pub siasn_code: &'static str,
    /// `keterampilan` (skill track) or `keahlian` (expert track).
    #[schema(example = "keahlian")]
    pub category: &'static str,
}

/// Every functional level, skill track first, lowest first.
pub fn functional_levels() -> Vec<FunctionalLevelInfo> {
    FunctionalLevel::ALL
        .iter()
        .map(|&level| {
            let (label, category) = match level {
                FunctionalLevel::Pemula => ("Pemula", "keterampilan"),
                FunctionalLevel::Terampil => ("Terampil", "keterampilan"),
                FunctionalLevel::Mahir => ("Mahir", "keterampilan"),
                FunctionalLevel::Penyelia => ("Penyelia", "keterampilan"),
                FunctionalLevel::AhliPertama => ("Ahli Pertama", "keahlian"),
                FunctionalLevel::AhliMuda => ("Ahli Muda", "keahlian"),
                FunctionalLevel::AhliMadya => ("Ahli Madya", "keahlian"),
                FunctionalLevel::AhliUtama => ("Ahli Utama", "keahlian"),
            };
            FunctionalLevelInfo {
                level,
                label,
                siasn_code: level.siasn_code(),
                category,
            }
        })
        .collect()
}

/// A BerAKHLAK core value with its three behaviour guidelines (panduan perilaku).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CoreValueInfo {
    pub value: CoreValue,
    #[schema(example = "Berorientasi Pelayanan")]
    pub label: &'static str,
    /// The three guidelines in their official order.
    pub guidelines: Vec<&'static str>,
}

/// The seven core values in the order of the acronym.
pub fn core_values() -> Vec<CoreValueInfo> {
    CoreValue::ALL
        .iter()
        .map(|&value| CoreValueInfo {
            value,
            label: value.label_id(),
            guidelines: value.guidelines().to_vec(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golongan_filter_by_asn_type() {
        let pns = golongan(&GolonganQuery {
            asn_type: Some(AsnType::Pns),
        });
        assert_eq!(pns.len(), 17);
        assert!(pns.iter().all(|g| g.asn_type == AsnType::Pns));
        assert_eq!(golongan(&GolonganQuery::default()).len(), 34);
    }

    #[test]
    fn seven_core_values_with_three_guidelines_each() {
        let values = core_values();
        assert_eq!(values.len(), 7);
        assert!(values.iter().all(|v| v.guidelines.len() == 3));
    }

    #[test]
    fn only_functional_positions_have_a_level() {
        let kinds = position_kinds();
        assert_eq!(
            kinds
                .iter()
                .filter(|k| k.has_functional_level)
                .map(|k| k.kind)
                .collect::<Vec<_>>(),
            [PositionKind::Fungsional]
        );
        assert_eq!(functional_levels().len(), 8);
    }
}
