// The inventory service's process: the launcher starts it with `node --import tsx`.
import { runServiceMain } from '@saga/service-kit';
import { withSingleStoreConnection } from './model/single-store-connection.ts';
import { inventoryService } from './service.ts';

await runServiceMain(inventoryService(), { env: withSingleStoreConnection(process.env) });
