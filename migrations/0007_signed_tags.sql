-- ropa schema level 7: a tag can carry the DPO's signature of the version it names.
--
-- The hash chain proves the history consistent, not that nobody rewrote it: whoever can write
-- the file can recompute every hash (issue: history you can trust). A signature by a key kept
-- outside the register (Ed25519; `ropa key new`, `ropa tag --sign`) cannot be recomputed:
-- `ropa verify` checks every signed tag against the change it names, so a history rewritten
-- up to that change is reported, and, given the DPO's public key, a tag signed by another.
--
-- The signature covers "ropa-tag-1" and netstrings of the tag's name, its change's id and that
-- change's hash (docs/versioning.md). Both columns are set together or not at all (ropa sets
-- them; SQLite cannot add a table constraint with ALTER TABLE, so each column checks its own
-- form and verify checks the pair). The tag's capture triggers follow the new columns by
-- themselves (src/storage/history_capture.cpp).
ALTER TABLE tag ADD COLUMN signer_key TEXT
    CHECK (signer_key IS NULL OR (length(signer_key) = 64 AND signer_key NOT GLOB '*[^0-9a-f]*'));
ALTER TABLE tag ADD COLUMN signature TEXT
    CHECK (signature IS NULL OR (length(signature) = 128 AND signature NOT GLOB '*[^0-9a-f]*'));
