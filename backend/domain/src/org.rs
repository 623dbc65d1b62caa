//! Organisation and people vocabulary: ASN types, position kinds, appraiser status, roles.
//! Pure data; persistence maps these to text columns by `as_str` / `parse`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable snake_case text used in JSON and in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Parses the text written by [`Self::as_str`].
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum! {
    /// Jenis ASN: a civil servant (PNS) or a government employee on contract (PPPK).
    AsnType { Pns => "pns", Pppk => "pppk" }
}

text_enum! {
    /// Jenis kelamin as coded in digit 15 of the NIP: 1 male, 2 female.
    Sex { Male => "male", Female => "female" }
}

text_enum! {
    /// Jenis jabatan (UU 5/2014). Only JPT versus non-JPT changes the SKP form.
    PositionKind {
        /// Jabatan Pimpinan Tinggi.
        Jpt => "jpt",
        /// Jabatan Administrator.
        Administrator => "administrator",
        /// Jabatan Pengawas.
        Pengawas => "pengawas",
        /// Jabatan Pelaksana.
        Pelaksana => "pelaksana",
        /// Jabatan Fungsional, with a jenjang.
        Fungsional => "fungsional",
    }
}

impl PositionKind {
    /// Structural positions lead a unit (administrator, pengawas, JPT).
    pub fn is_structural(self) -> bool {
        matches!(
            self,
            PositionKind::Jpt | PositionKind::Administrator | PositionKind::Pengawas
        )
    }
}

text_enum! {
    /// Tingkat JPT: Utama, Madya, Pratama.
    JptLevel { Utama => "utama", Madya => "madya", Pratama => "pratama" }
}

text_enum! {
    /// Jenjang jabatan fungsional; SIASN codes PM, TR, MH, PY, PT, MU, MA, UT.
    FunctionalLevel {
        Pemula => "pemula",
        Terampil => "terampil",
        Mahir => "mahir",
        Penyelia => "penyelia",
        AhliPertama => "ahli_pertama",
        AhliMuda => "ahli_muda",
        AhliMadya => "ahli_madya",
        AhliUtama => "ahli_utama",
    }
}

impl FunctionalLevel {
    /// SIASN jenjang code.
    pub fn siasn_code(self) -> &'static str {
        match self {
            FunctionalLevel::Pemula => "PM",
            FunctionalLevel::Terampil => "TR",
            FunctionalLevel::Mahir => "MH",
            FunctionalLevel::Penyelia => "PY",
            FunctionalLevel::AhliPertama => "PT",
            FunctionalLevel::AhliMuda => "MU",
            FunctionalLevel::AhliMadya => "MA",
            FunctionalLevel::AhliUtama => "UT",
        }
    }
}

text_enum! {
    /// Employment status of an employee record.
    EmployeeStatus {
        Active => "active",
        /// Cuti di luar tanggungan negara, tugas belajar and similar: kept, not appraised.
        OnLeave => "on_leave",
        Retired => "retired",
        Transferred => "transferred",
        Dismissed => "dismissed",
        Deceased => "deceased",
    }
}

text_enum! {
    /// statusPenilai in SIASN: an appraiser may be non-ASN (a regional head, TNI/Polri).
    AppraiserStatus { Asn => "asn", NonAsn => "non_asn" }
}

text_enum! {
    /// How an appraiser holds the post: definitive, Plt (pelaksana tugas) or Plh (pelaksana harian).
    ActingKind { Definitive => "definitive", Plt => "plt", Plh => "plh" }
}

text_enum! {
    /// Account roles. Appraiser rights are not a role: they derive from appraiser assignments.
    Role {
        /// Operates the deployment: every agency.
        SuperAdmin => "super_admin",
        /// The HR office (BKPSDM) of one agency.
        AgencyAdmin => "agency_admin",
        /// Reads everything of one agency, changes nothing.
        Auditor => "auditor",
        /// An employee: their own records, and those of the people they appraise.
        Employee => "employee",
    }
}

text_enum! {
    /// Kind of organisational unit, for display and demo data; the tree carries the meaning.
    UnitKind {
        Sekretariat => "sekretariat",
        Dinas => "dinas",
        Badan => "badan",
        Inspektorat => "inspektorat",
        Kantor => "kantor",
        Bagian => "bagian",
        Bidang => "bidang",
        Subbagian => "subbagian",
        Seksi => "seksi",
        Kecamatan => "kecamatan",
        Kelurahan => "kelurahan",
        Uptd => "uptd",
        Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_enum_text_round_trips_through_parse() {
        for v in Role::ALL {
            assert_eq!(Role::parse(v.as_str()), Some(*v));
        }
        for v in PositionKind::ALL {
            assert_eq!(PositionKind::parse(v.as_str()), Some(*v));
        }
        for v in FunctionalLevel::ALL {
            assert_eq!(FunctionalLevel::parse(v.as_str()), Some(*v));
        }
        assert_eq!(
            AsnType::parse("PNS"),
            None,
            "parsing is exact, not case-folding"
        );
    }

    #[test]
    fn serde_uses_the_same_text_as_as_str() {
        for v in EmployeeStatus::ALL {
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.as_str()));
        }
    }
}
