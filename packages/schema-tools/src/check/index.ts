export type {
  BaselineResult,
  CheckReport,
  Comparison,
  RegistryResult,
  RegistryState,
  RegistryVerdict,
  SubjectCheck,
} from './check-report.ts';
export { checkSchemas, type CheckOptions } from './check-schemas.ts';
export { checkWorkingTree, type WorkingTreeCheckOptions } from './check-working-tree.ts';
export { formatCheckReport } from './format-check-report.ts';
