//! The audit log's tamper evidence: each entry's hash covers its content and the previous hash.
//! Pure: the store decides ordering and persistence; this module only defines the hash.

use sha2::{Digest, Sha256};

/// The hash that precedes the first entry of a chain.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The content of one audit entry that the hash covers. Field order is part of the contract:
/// changing it breaks every existing chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditContent<'a> {
    pub seq: i64,
    pub chain: &'a str,
    pub at: &'a str,
    pub actor_kind: &'a str,
    pub actor_id: &'a str,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub before: &'a str,
    pub after: &'a str,
    pub request_id: &'a str,
    /// The employee the entry is about, as text; empty when none. Covered by the hash only
    /// when present, so chains written before subjects existed verify unchanged.
    pub subject: &'a str,
}

/// SHA-256 over the previous hash and each field, length-prefixed so that no two different
/// entries can serialise to the same bytes.
pub fn entry_hash(prev_hash: &str, content: &AuditContent<'_>) -> String {
    let mut hasher = Sha256::new();
    let seq = content.seq.to_string();
    for part in [
        prev_hash,
        seq.as_str(),
        content.chain,
        content.at,
        content.actor_kind,
        content.actor_id,
        content.action,
        content.entity_type,
        content.entity_id,
        content.before,
        content.after,
        content.request_id,
    ] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    if !content.subject.is_empty() {
        hasher.update((content.subject.len() as u64).to_be_bytes());
        hasher.update(content.subject.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Where a chain first fails verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The entry's recorded previous hash is not the hash of the entry before it.
    PrevHashMismatch { seq: i64 },
    /// The entry's content no longer hashes to its recorded hash (edited after the fact).
    HashMismatch { seq: i64 },
    /// Sequence numbers are not consecutive (an entry was deleted).
    Gap { expected_seq: i64, found_seq: i64 },
}

/// One stored entry as the verifier sees it.
pub struct StoredEntry<'a> {
    pub content: AuditContent<'a>,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

/// Incremental verifier: feed entries in sequence order; the first break is reported.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_hash: String,
    next_seq: i64,
    pub checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            last_hash: GENESIS_HASH.to_owned(),
            next_seq: 1,
            checked: 0,
        }
    }
}

impl ChainVerifier {
    pub fn feed(&mut self, entry: &StoredEntry<'_>) -> Result<(), ChainBreak> {
        let seq = entry.content.seq;
        if seq != self.next_seq {
            return Err(ChainBreak::Gap {
                expected_seq: self.next_seq,
                found_seq: seq,
            });
        }
        if entry.prev_hash != self.last_hash {
            return Err(ChainBreak::PrevHashMismatch { seq });
        }
        if entry_hash(entry.prev_hash, &entry.content) != entry.hash {
            return Err(ChainBreak::HashMismatch { seq });
        }
        self.last_hash = entry.hash.to_owned();
        self.next_seq += 1;
        self.checked += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(seq: i64, after: &'static str) -> AuditContent<'static> {
        AuditContent {
            seq,
            chain: "agency-1",
            at: "2026-01-01T00:00:00Z",
            actor_kind: "user",
            actor_id: "u1",
            action: "employee.create",
            entity_type: "employee",
            entity_id: "e1",
            before: "null",
            after,
            request_id: "r1",
            subject: "",
        }
    }

    fn chain(afters: &[&'static str]) -> Vec<(AuditContent<'static>, String, String)> {
        let mut prev = GENESIS_HASH.to_owned();
        let mut out = Vec::new();
        for (i, a) in afters.iter().enumerate() {
            let c = content(i as i64 + 1, a);
            let h = entry_hash(&prev, &c);
            out.push((c, prev.clone(), h.clone()));
            prev = h;
        }
        out
    }

    fn verify(entries: &[(AuditContent<'static>, String, String)]) -> Result<u64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for (c, p, h) in entries {
            v.feed(&StoredEntry {
                content: c.clone(),
                prev_hash: p,
                hash: h,
            })?;
        }
        Ok(v.checked)
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(
            verify(&chain(&["{\"a\":1}", "{\"a\":2}", "{\"a\":3}"])),
            Ok(3)
        );
    }

    #[test]
    fn an_edited_entry_is_the_first_broken_link() {
        let mut c = chain(&["{\"a\":1}", "{\"a\":2}", "{\"a\":3}"]);
        c[1].0.after = "{\"a\":99}";
        assert_eq!(verify(&c), Err(ChainBreak::HashMismatch { seq: 2 }));
    }

    #[test]
    fn a_deleted_entry_is_reported_as_a_gap() {
        let mut c = chain(&["1", "2", "3"]);
        c.remove(1);
        assert_eq!(
            verify(&c),
            Err(ChainBreak::Gap {
                expected_seq: 2,
                found_seq: 3
            })
        );
    }

    #[test]
    fn a_rehashed_entry_breaks_the_link_to_its_successor() {
        let mut c = chain(&["1", "2", "3"]);
        c[1].0.after = "tampered";
        c[1].2 = entry_hash(&c[1].1, &c[1].0);
        assert_eq!(verify(&c), Err(ChainBreak::PrevHashMismatch { seq: 3 }));
    }

    #[test]
    fn field_boundaries_are_unambiguous() {
        let mut a = content(1, "x");
        a.actor_id = "ab";
        a.action = "c";
        let mut b = content(1, "x");
        b.actor_id = "a";
        b.action = "bc";
        assert_ne!(entry_hash(GENESIS_HASH, &a), entry_hash(GENESIS_HASH, &b));
    }

    #[test]
    fn the_subject_is_covered_by_the_hash_only_when_present() {
        let plain = content(1, "{}");
        let with = AuditContent {
            subject: "0190f0c2-0000-7000-8000-000000000001",
            ..plain.clone()
        };
        let other = AuditContent {
            subject: "0190f0c2-0000-7000-8000-000000000002",
            ..plain.clone()
        };
        let h = entry_hash(GENESIS_HASH, &plain);
        assert_ne!(entry_hash(GENESIS_HASH, &with), h);
        assert_ne!(
            entry_hash(GENESIS_HASH, &with),
            entry_hash(GENESIS_HASH, &other)
        );
        // Removing a subject after the fact breaks the entry's hash.
        let stored = entry_hash(GENESIS_HASH, &with);
        assert_ne!(stored, h);
    }
}
