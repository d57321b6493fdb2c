-- Units of metrics, kept beside the values rather than inside them: `metrics` stays a flat
-- {"name": number} object that queries can cast directly, and `metric_units` holds
-- {"name": "unit"} ("元", "%", "$/百萬代幣") for the metrics whose cells printed a unit; a metric
-- absent here has none. Existing rows get '{}': they were stored before units were read. A
-- constant default needs no table rewrite (PostgreSQL 11+), so this is quick on a large entry.
ALTER TABLE entry ADD COLUMN metric_units jsonb NOT NULL DEFAULT '{}'::jsonb;
