// The order-service process: `node --import tsx services/order-service/src/main.ts`.
import { runServiceMain } from '@saga/service-kit';
import { orderService } from './service.ts';

await runServiceMain(orderService);
