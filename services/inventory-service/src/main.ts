// The inventory service's process: the launcher starts it with `node --import tsx`.
import { runServiceMain } from '@saga/service-kit';
import { inventoryService } from './service.ts';

// service-kit opens the store connection; its single writer serialises each document's writes.
await runServiceMain(inventoryService());
