// The inventory service's process: the launcher starts it with `node --import tsx`.
import { runServiceMain } from '@saga/service-kit';
import { inventoryService } from './service.ts';

// service-kit opens one store connection, which FerretDB needs for atomic document updates.
await runServiceMain(inventoryService());
