-- Model identity (docs/model-identity.md): the parts the rules read from a model's name, and the
-- identity version each snapshot was resolved under, so `lbtrack reprocess` knows which
-- snapshots an updated rule set or registry has not seen yet. Nullable columns without defaults:
-- no table rewrite. Existing models get their parts at the next reprocess.
ALTER TABLE model
    ADD COLUMN family   text,
    ADD COLUMN version  text,
    ADD COLUMN size     text,
    ADD COLUMN tuning   text,
    ADD COLUMN mode     text,
    ADD COLUMN date_tag text;

-- "rules 2, registry 0123abcd...": the registry's digest beside the rules version (the integer
-- rules_version column stays as it was).
ALTER TABLE snapshot ADD COLUMN identity_version text NOT NULL DEFAULT '';

-- `lbtrack models --unreviewed` starts from the provisional models, a small part of all.
CREATE INDEX model_provisional ON model (provisional) WHERE provisional;
