import { expect } from 'chai';
import mongoose from 'mongoose';
import {
  markProcessed,
  notYetProcessed,
  processedMessagesDefinition,
  processedMessagesField,
} from '../src/index.ts';

describe('processed messages', () => {
  it('keeps message ids in processedMessageIds, an array of strings that starts empty', async () => {
    expect(processedMessagesField).to.equal('processedMessageIds');
    // Declared with its document type, as services do: the definition must fit such a schema.
    const schema = new mongoose.Schema<{ processedMessageIds: string[] }>({ ...processedMessagesDefinition });
    const Inbox = mongoose.createConnection().model('Inbox', schema);
    const doc = new Inbox({});
    await doc.validate();
    expect(doc.toObject().processedMessageIds).to.deep.equal([]);
    expect(schema.path('processedMessageIds').instance).to.equal('Array');
  });

  it('notYetProcessed matches only documents whose list lacks the id, an operator marked as the code’s own', () => {
    // Marked trusted: guardQueries' sanitizeFilter would otherwise compare it as a value.
    expect(notYetProcessed('m-1')).to.deep.equal({ processedMessageIds: mongoose.trusted({ $ne: 'm-1' }) });
  });

  it('markProcessed records the id with a $push', () => {
    expect(markProcessed('m-1')).to.deep.equal({ $push: { processedMessageIds: 'm-1' } });
  });
});
