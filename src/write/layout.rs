//! What the write stage keeps in and beside the output folder: the names of its manifest,
//! staging folder, lock file and spare tree, and the manifest's entries as read back.

use std::collections::HashMap;

/// The file listing what the last build wrote (path, tab, blake3 hash of the bytes),
/// inside the output folder.
pub const MANIFEST: &str = ".shelf-manifest";

/// The staging folder's name, inside the work folder, or inside the output folder where no
/// work folder can be made.
pub const STAGING: &str = ".shelf-staging";

/// The lock file's name inside an output folder that has no work folder beside it.
pub(super) const LOCK_INSIDE: &str = ".shelf-lock";

/// The spare tree's name inside the work folder.
pub(super) const SPARE: &str = "spare";

/// A manifest's entries: path → hash of the bytes.
pub(super) type Entries = HashMap<String, blake3::Hash>;
