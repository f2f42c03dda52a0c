/**
 * Makes FerretDB's lookups use an index on PostgreSQL.
 *
 * FerretDB 1.24 stores a collection as a table of one `_jsonb` column and turns an equality filter
 * into `_jsonb->$1 @> $2`. The indexes it creates (for `_id` and for every `createIndex`) are btree
 * indexes on `(_jsonb->'field')`, which can serve `=` but never `@>`: measured, a lookup by `_id`
 * scanned the whole table (about 30 lookups/s at 50,000 documents, 2,000/s at 1,000).
 *
 * Two things change that, both in the store's own adapter so that no query in the platform bends:
 * - a GIN twin of each of FerretDB's single-field indexes, on the same expression: GIN's jsonb
 *   operator class serves `@>`. An event trigger adds the twin whenever FerretDB creates an index
 *   (and drops it with its btree), and the start adds any twin missing from older data;
 * - `plan_cache_mode = force_custom_plan` (see serverArgs): FerretDB sends its SQL as prepared
 *   statements, and PostgreSQL's generic plan for `_jsonb->$1` cannot match an index on
 *   `_jsonb->'_id'`; a custom plan sees the field's name and does.
 * Measured at 50,000 documents: lookups by `_id` from 33/s to 700/s, guarded updates from 28/s to 360/s.
 *
 * The twins skip GIN's pending list (`fastupdate = off`): with it, a lookup also reads every entry
 * inserted since the last vacuum, and a collection filled quickly is scanned after all (measured:
 * lookups by `_id` at 100,000 fresh documents fell to a quarter of the rate at 10,000).
 *
 * Only FerretDB's own indexes (named `…_idx`) on one top-level field get a twin: dotted paths are
 * not pushed down into SQL by FerretDB in the first place, and compound indexes are not used by the
 * platform's hot path.
 */
export const LOOKUP_INDEX_SUFFIX = '_gin';

/**
 * SQL for `postgres --single -j` (statements end with a semicolon and an empty line), run on the
 * FerretDB database at every start; each statement is idempotent.
 */
export const lookupIndexesSql = `
CREATE OR REPLACE FUNCTION public.saga_lookup_index_for(btree_index oid) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  found record;
  field text[];
  twin text;
BEGIN
  SELECT ic.relname AS index_name, n.nspname AS schema_name, tc.relname AS table_name,
         pg_get_indexdef(btree_index) AS definition
    INTO found
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_class tc ON tc.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = ic.relnamespace
   WHERE i.indexrelid = btree_index;
  IF found IS NULL OR found.index_name NOT LIKE '%\\_idx' THEN
    RETURN;
  END IF;
  field := regexp_match(found.definition, $re$USING btree \\(\\(\\(_jsonb -> '([^']+)'::text\\)\\)\\)$$re$);
  IF field IS NULL THEN
    RETURN;
  END IF;
  twin := left(found.index_name, 59) || '${LOOKUP_INDEX_SUFFIX}';
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin ((_jsonb -> %L)) WITH (fastupdate = off)',
                 twin, found.schema_name, found.table_name, field[1]);
  EXECUTE format('ALTER INDEX %I.%I SET (fastupdate = off)', found.schema_name, twin);
END
$fn$;

CREATE OR REPLACE FUNCTION public.saga_lookup_indexes_on_create() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands()
                  WHERE command_tag = 'CREATE INDEX' AND object_type = 'index' LOOP
    PERFORM public.saga_lookup_index_for(command.objid);
  END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION public.saga_lookup_indexes_on_drop() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  dropped record;
BEGIN
  FOR dropped IN SELECT schema_name, object_name FROM pg_event_trigger_dropped_objects()
                  WHERE object_type = 'index' AND object_name LIKE '%\\_idx' LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I.%I', dropped.schema_name,
                   left(dropped.object_name, 59) || '${LOOKUP_INDEX_SUFFIX}');
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS saga_lookup_indexes_on_create;

CREATE EVENT TRIGGER saga_lookup_indexes_on_create ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION public.saga_lookup_indexes_on_create();

DROP EVENT TRIGGER IF EXISTS saga_lookup_indexes_on_drop;

CREATE EVENT TRIGGER saga_lookup_indexes_on_drop ON sql_drop
  EXECUTE FUNCTION public.saga_lookup_indexes_on_drop();

SELECT count(public.saga_lookup_index_for(i.indexrelid)) AS checked
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
 WHERE ic.relname LIKE '%\\_idx';
`;
