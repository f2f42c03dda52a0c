import type { ServiceDefinition } from '@saga/service-kit';
import { inventoryService } from '@saga/inventory-service/src/service.ts';
import { orchestratorService } from '@saga/orchestrator-service/src/service.ts';
import { orderService } from '@saga/order-service/src/service.ts';
import { paymentService } from '@saga/payment-service/src/service.ts';

/** The platform's services, whose HTTP APIs are documented (the console is a UI, not part of the API). */
export const platformServices: readonly ServiceDefinition[] = [
  orderService,
  orchestratorService,
  inventoryService(),
  paymentService,
];
