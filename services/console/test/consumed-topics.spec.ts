import { expect } from 'chai';
import { inventoryService } from '@saga/inventory-service/src/service.ts';
import { orchestratorService } from '@saga/orchestrator-service/src/service.ts';
import { orderService } from '@saga/order-service/src/service.ts';
import { paymentService } from '@saga/payment-service/src/service.ts';
import { consumedTopics } from '../src/consumed-topics.ts';

describe('consumedTopics', () => {
  it('names, for every topic, the service whose definition consumes it (whose dead-letter routes hold its dead letters)', () => {
    const fromDefinitions = [
      ...orderService.consumes.map((topic) => ({ topic, service: 'order' })),
      ...orchestratorService.consumes.map((topic) => ({ topic, service: 'orchestrator' })),
      ...inventoryService().consumes.map((topic) => ({ topic, service: 'inventory' })),
      ...paymentService.consumes.map((topic) => ({ topic, service: 'payment' })),
    ].sort((a, b) => a.topic.localeCompare(b.topic));
    expect(consumedTopics()).to.deep.equal(fromDefinitions);
  });
});
