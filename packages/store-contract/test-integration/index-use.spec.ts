import { expect } from 'chai';
import { useOwnDatabase } from './support/store.ts';

/**
 * The hot path's reads are by `_id` (every aggregate write reads its document first) or by one
 * indexed field. On MongoDB both are index lookups. FerretDB on PostgreSQL answers them with
 * `_jsonb->'field' @> value`, which its own btree indexes cannot serve: the local stack's PostgreSQL
 * adds a GIN twin for each of them (stack/src/pieces/postgres-lookup-indexes.ts). A store where these
 * plans scan is one where every write slows down as history grows.
 */
describe('index use: lookups by _id and by an indexed field do not scan the collection', () => {
  const store = useOwnDatabase();

  /** What the query plan says, as text: MongoDB's stage names or PostgreSQL's node types. */
  const planOf = async (filter: Record<string, unknown>) =>
    JSON.stringify(await store.db.collection('docs').find(filter).explain());
  const scans = /COLLSCAN|Seq Scan|"SCAN /;
  const usesIndex = /IDHACK|EXPRESS_IXSCAN|IXSCAN|CLUSTERED_IXSCAN|Index Scan|Index Only Scan/;

  beforeEach(async () => {
    const docs = store.db.collection('docs');
    await docs.createIndexes([{ key: { status: 1 } }]);
    // Enough rows that a planner would not scan a tiny table on cost alone.
    for (let start = 0; start < 2_000; start += 500) {
      await docs.insertMany(
        Array.from({ length: 500 }, (_, n) => ({
          _id: `d-${start + n}` as never,
          status: `s-${(start + n) % 100}`,
        })),
      );
    }
  });

  it('by _id', async () => {
    const plan = await planOf({ _id: 'd-1234' });
    expect(plan).to.match(usesIndex);
    expect(plan).not.to.match(scans);
  });

  it('by a field with an index of its own (createIndex)', async () => {
    const plan = await planOf({ status: 's-7' });
    expect(plan).to.match(usesIndex);
    expect(plan).not.to.match(scans);
  });

  it('answers the same documents through the index as it holds', async () => {
    const docs = store.db.collection('docs');
    expect(await docs.findOne({ _id: 'd-1999' as never })).to.deep.equal({ _id: 'd-1999', status: 's-99' });
    expect(await docs.countDocuments({ status: 's-7' })).to.equal(20);
  });
});
