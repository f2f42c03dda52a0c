// The payment service's process, as the launcher starts it: `node --import tsx src/main.ts`.
import { runServiceMain } from '@saga/service-kit';
import { paymentService } from './service.ts';

await runServiceMain(paymentService);
