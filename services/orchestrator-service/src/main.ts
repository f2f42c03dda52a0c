import { runServiceMain } from '@saga/service-kit';
import { orchestratorService } from './service.ts';

await runServiceMain(orchestratorService);
