import type { RestockInventory } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import type { Logger } from '@saga/logging';
import type { AggregateRuntime, SingleWriter } from '@saga/service-kit';
import type { RestockDocument, RestockModel } from '../model/restock-model.ts';
import type { StockDocument, StockModel } from '../model/stock-model.ts';
import {
  decideRestockAnswer,
  decideRestockStart,
  decideStockRestock,
  type RestockStart,
} from './restock-decision.ts';

export interface RestockDeps {
  readonly Restock: RestockModel;
  readonly Stock: StockModel;
  readonly aggregates: AggregateRuntime;
  readonly writer: SingleWriter;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * `inventory.restock`: takes a return's items back into stock, once, and answers. As the restock's
 * writer (by return id), three steps, each a decision the aggregate runtime applies: record the
 * restock (or fail it, answered at once, when a SKU has no stock here: nothing moves); move each
 * line's units from sold to available, each SKU once by its marker; then mark it DONE with
 * inventory.restocked, recording the message id (a FAILED one is answered again there for a re-send). A crash between steps is finished by the redelivery, which finds each step done; a
 * command sent again is answered again.
 */
export function restockHandler(deps: RestockDeps) {
  return (command: RestockInventory, context: MessageContext): Promise<void> =>
    deps.writer.run(deps.Restock, command.returnId, async () => {
      const now = deps.now?.() ?? new Date();
      const to = { sagaId: command.sagaId, traceparent: context.traceparent };
      const fields = { orderId: command.orderId, returnId: command.returnId, messageId: context.id };
      const known = await Promise.all(
        command.items.map(async (line) => (await deps.Stock.exists({ _id: line.sku })) !== null),
      );
      const unknownSkus = command.items.filter((_, index) => known[index] !== true).map((line) => line.sku);
      const started = await deps.aggregates.apply<RestockDocument, RestockStart>(
        deps.Restock,
        command.returnId,
        // No message id here: the last step records it, with the answer (recorded now, the answer
        // would find the message applied and be skipped). A redelivered message is a duplicate there.
        { decide: (existing) => decideRestockStart(existing, command, unknownSkus, to, now) },
      );
      if (started.kind === 'duplicate') throw new TypeError('a restock start records no message id');
      if (started.result.kind === 'failed') {
        deps.logger.warn({ ...fields, unknownSkus }, 'restock failed: inventory holds no stock of some SKUs');
        return;
      }
      if (started.result.kind === 'begun') {
        for (const line of started.result.restock.items) {
          await deps.aggregates.apply<StockDocument, string>(deps.Stock, line.sku, {
            decide: (stock) => decideStockRestock(stock, command.returnId, line.quantity),
          });
        }
      }
      const answered = await deps.aggregates.apply<RestockDocument, string>(deps.Restock, command.returnId, {
        message: { id: context.id },
        decide: (restock) => decideRestockAnswer(restock, command.returnId, to, now),
      });
      if (answered.kind === 'duplicate') {
        deps.logger.info(fields, 'restock command applied before (message delivered again); nothing changed');
        return;
      }
      deps.logger.info(
        { ...fields, status: answered.result, items: command.items },
        started.result.kind === 'begun' ? 'return restocked' : 'restock answered again',
      );
    });
}
