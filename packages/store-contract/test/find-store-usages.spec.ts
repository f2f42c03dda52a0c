import { expect } from 'chai';
import {
  collectConstants,
  findStoreUsages,
  pathEqualityHomes,
  type SourceConstants,
  type StoreUsageRule,
} from '../src/index.ts';

/** What the static guards see: each forbidden form is found, and the platform's safe forms are not. */
describe('findStoreUsages', () => {
  const scan = (text: string, constants: SourceConstants = new Map()) =>
    findStoreUsages({ path: 'services/x/src/x.ts', text }, constants).map((u) => ({
      rule: u.rule,
      line: u.line,
    }));
  const rulesIn = (text: string, constants?: SourceConstants) => scan(text, constants).map((u) => u.rule);
  const finds = (rule: StoreUsageRule, text: string) => expect(rulesIn(text)).to.deep.equal([rule]);

  describe('$pull', () => {
    it('finds $pull however its key is written, and a mongoose array’s .pull()', () => {
      finds('pull', `m.updateOne(f, { $pull: { holds: { orderId: { $in: ids } } } });`);
      finds('pull', `m.updateOne(f, { '$pull': { holds: hold } });`);
      finds('pull', `m.updateOne(f, { ['$pull']: { holds: hold } });`);
      finds('pull', `doc.holds.pull(hold);`);
    });
    it('leaves $pullAll alone', () => {
      expect(rulesIn(`c.updateOne(f, { $pullAll: { outbox: sent } });`)).to.deep.equal([]);
    });
  });

  it('finds $elemMatch and a query’s .elemMatch()', () => {
    finds('elem-match', `m.find({ holds: { $elemMatch: { orderId: 'X', quantity: 2 } } });`);
    finds('elem-match', `m.find().elemMatch('holds', { orderId: 'X' });`);
  });

  it('finds aggregations: .aggregate(), $group and its accumulators', () => {
    expect(rulesIn(`m.aggregate([{ $group: { _id: '$k', n: { $sum: 1 } } }]);`)).to.deep.equal([
      'aggregation',
      'aggregation',
      'aggregation',
    ]);
  });

  it('finds positional paths, written out or built, and arrayFilters', () => {
    finds('positional', `m.updateOne(f, { $set: { 'holds.$.quantity': 2 } });`);
    finds('positional', 'm.updateOne(f, { $set: { [`${field}.$`]: v } });');
    finds('positional', `m.updateOne(f, { $set: { 'holds.$[h].quantity': 2 } });`);
    finds('positional', `m.updateOne(f, u, { arrayFilters: [{ 'h.orderId': 'X' }] });`);
  });
  it('does not read prose or a lone "$" as a positional path', () => {
    expect(rulesIn(`log('costs 5.$ (sic)'); const symbol = '$'; s.replace(/x/, '$1');`)).to.deep.equal([]);
  });

  describe('$ne and $nin', () => {
    it('finds them on a dotted path, trusted or not, written out or built', () => {
      finds('ne-through-array', `m.updateOne({ 'holds.orderId': { $ne: id } }, u);`);
      finds('ne-through-array', `m.updateOne({ 'holds.orderId': mongoose.trusted({ $nin: [id] }) }, u);`);
      finds('ne-through-array', 'm.find({ [`${holdsField}.orderId`]: { $ne: id } });');
    });
    it('finds them against a whole subdocument, on any path', () => {
      finds('ne-through-array', `m.find({ holds: { $ne: { orderId: 'X', quantity: 1 } } });`);
      finds('ne-through-array', `m.find({ holds: { $nin: [{ orderId: 'X', quantity: 1 }] } });`);
    });
    it('finds them where it cannot tell the path', () => {
      finds('ne-through-array', `const guard = { $ne: id };`);
      finds('ne-through-array', `m.find({ [pathOf(x)]: { $ne: id } });`);
    });
    it('allows them on a plain field or a plain array (processedMessageIds), also through a constant', () => {
      const text = `
        m.find({ status: mongoose.trusted({ $ne: 'PENDING' }), deadlineAt: { $ne: null } });
        m.find({ [processedMessagesField]: mongoose.trusted({ $ne: messageId }) });`;
      const constants = collectConstants([
        { path: 'a.ts', text: `export const processedMessagesField = 'processedMessageIds';` },
      ]);
      expect(rulesIn(text, constants)).to.deep.equal([]);
      expect(rulesIn(text)).to.deep.equal(['ne-through-array']); // without the constant the path is unknown
    });
  });

  describe('duplicate keys', () => {
    it('finds a test for code 11000 or its message', () => {
      finds('duplicate-key-code', `if (error.code === 11000) return false;`);
      finds('duplicate-key-code', `if (/E11000/.test(error.message)) return false;`);
      finds('duplicate-key-code', `if (String(error.message).includes('E11000')) return false;`);
    });
    it('finds an update (or upsert) whose duplicate key error is caught as an outcome', () => {
      expect(
        scan(`
          try {
            await m.updateOne({ _id }, { $set: { orderId } });
          } catch (error) {
            if (isDuplicateKeyError(error)) return false;
          }`),
      ).to.deep.equal([{ rule: 'duplicate-key-from-update', line: 3 }]);
    });
    it('allows the same for an insert', () => {
      expect(
        rulesIn(`
          try {
            await m.create(doc);
          } catch (error) {
            if (isDuplicateKeyError(error)) return false;
          }`),
      ).to.deep.equal([]);
    });
  });

  it('finds upserts and $setOnInsert', () => {
    finds('upsert', `m.updateOne(f, { $set: s }, { upsert: true });`);
    finds('upsert', `m.updateOne(f, { $setOnInsert: fresh });`);
    expect(rulesIn(`m.updateOne(f, { $set: s }, { upsert: false });`)).to.deep.equal([]);
  });

  it('finds a projection given to findOneAndUpdate, as an option or chained', () => {
    finds(
      'find-and-modify-projection',
      `m.findOneAndUpdate(f, u, { returnDocument: 'after', projection: { a: 1 } });`,
    );
    finds(
      'find-and-modify-projection',
      `m.findOneAndUpdate(f, u, { returnDocument: 'after' }).select('status').lean();`,
    );
    expect(rulesIn(`m.find(f).select('status'); m.findById(id, { status: 1 });`)).to.deep.equal([]);
  });

  describe('equalities on a dotted path at the top of a write’s filter', () => {
    it('finds one in each write FerretDB on PostgreSQL pushes its filter down for', () => {
      for (const method of [
        'updateOne',
        'updateMany',
        'findOneAndUpdate',
        'replaceOne',
        'findOneAndReplace',
        'deleteOne',
        'deleteMany',
        'findOneAndDelete',
      ]) {
        expect(rulesIn(`m.${method}({ _id: id, 'holds.orderId': orderId }, u);`), method).to.deep.equal([
          'path-equality-in-write',
        ]);
      }
    });

    it('finds it however the key is written, through a constant too', () => {
      const constants = collectConstants([{ path: 'a.ts', text: `export const holdsField = 'holds';` }]);
      const rules = (text: string) => rulesIn(text, constants);
      expect(rules(`m.updateOne({ _id, "holds.orderId": orderId }, u);`)).to.deep.equal([
        'path-equality-in-write',
      ]);
      expect(rules(`m.updateOne({ _id, ['holds.orderId']: orderId }, u);`)).to.deep.equal([
        'path-equality-in-write',
      ]);
      expect(rules('m.updateOne({ _id, [`${holdsField}.orderId`]: orderId }, u);')).to.deep.equal([
        'path-equality-in-write',
      ]);
      expect(rules('m.updateOne({ _id, [`${unknown}.orderId`]: orderId }, u);')).to.deep.equal([
        'path-equality-in-write',
      ]);
    });

    it('finds every kind of equality: a value, a whole subdocument, $eq, trusted or not', () => {
      finds('path-equality-in-write', `m.updateOne({ _id, 'holds.orderId': 'X' }, u);`);
      finds('path-equality-in-write', `m.updateOne({ _id, 'refund.refundedAt': null }, u);`);
      finds('path-equality-in-write', `m.updateOne({ _id, 'refund.amount': { currency: 'EUR' } }, u);`);
      finds('path-equality-in-write', `m.updateOne({ _id, 'holds.orderId': { $eq: orderId } }, u);`);
      finds(
        'path-equality-in-write',
        `m.findOneAndUpdate({ _id, 'holds.orderId': mongoose.trusted({ $eq: orderId }) }, u);`,
      );
    });

    it('finds it in a filter built in a variable, spread from a literal, under a condition or a cast', () => {
      expect(
        scan(`
          const filter = { _id: id, 'holds.orderId': orderId };
          await m.updateOne(filter as never, u);
          await c.deleteOne({ _id, ...(guarded ? { 'charges.orderId': orderId } : {}) });
          await c.findOneAndDelete({ ...{ 'refunds.orderId': orderId } }!);`),
      ).to.deep.equal([
        { rule: 'path-equality-in-write', line: 2 },
        { rule: 'path-equality-in-write', line: 4 },
        { rule: 'path-equality-in-write', line: 5 },
      ]);
    });

    it('finds an equality whose key it cannot read', () => {
      finds('path-equality-in-write', `m.updateOne({ _id, [pathOf(x)]: orderId }, u);`);
    });

    it('leaves the safe forms alone: arrayElementWith, $and, $nor, other operators, plain keys', () => {
      expect(
        rulesIn(`
          m.updateOne({ _id, ...arrayElementWith({ 'holds.orderId': orderId }) }, u);
          m.findOneAndUpdate({ _id, $and: [{ 'holds.orderId': orderId }] }, u, { returnDocument: 'after' });
          m.updateOne({ _id, ...noArrayElementWith({ 'holds.orderId': orderId }) }, u);
          m.updateOne({ _id, $nor: [{ 'charges.orderId': orderId }] }, u);
          m.updateOne({ _id, 'totals.charged': { $gte: 5 }, 'refund.at': mongoose.trusted({ $exists: true }) }, u);
          m.updateOne({ _id, 'refund.at': mongoose.trusted(condition) }, u);
          m.findOneAndUpdate({ ...guardFilter(guard), _id: id, ...notYetProcessed(message.id) }, u);
          m.updateOne({ _id: doc._id, status, version: 3 }, { $set: { 'refund.refundedAt': at } });`),
      ).to.deep.equal([]);
    });

    it('leaves reads alone: find is not pushed down wrongly', () => {
      expect(
        rulesIn(`
          m.find({ 'holds.orderId': orderId });
          m.findOne({ _id, 'holds.orderId': orderId });
          m.countDocuments({ 'outbox.id': id });`),
      ).to.deep.equal([]);
    });

    it('leaves a decision’s guard alone: the runtime wraps it (guardFilter)', () => {
      expect(
        rulesIn(`
          return decision.update(
            { $inc: { reserved: -hold.quantity }, $pullAll: { holds: [hold] } },
            true,
            { guard: { reserved: stock.reserved, 'holds.orderId': orderId } },
          );`),
      ).to.deep.equal([]);
    });

    it('leaves guardFilter and arrayElementWith alone, where the equality is written to be wrapped', () => {
      const text = `m.updateOne({ _id, 'holds.orderId': orderId }, u);`;
      for (const path of pathEqualityHomes) {
        expect(findStoreUsages({ path, text }).map((u) => u.rule)).to.deep.equal([]);
      }
    });
  });

  it('never reads comments', () => {
    expect(
      rulesIn(`// { $pull: { a: { $elemMatch: {} } } }, 'a.$', 11000\n/* $ne on 'holds.orderId' */`),
    ).to.deep.equal([]);
  });

  it('names the line of each use', () => {
    expect(scan(`const a = 1;\n\nm.updateOne(f, {\n  $pull: { holds: h },\n});`)).to.deep.equal([
      { rule: 'pull', line: 4 },
    ]);
  });
});
