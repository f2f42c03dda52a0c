export { checkRun, formatReport, type CheckReport } from './check-run.ts';
export type * from './facts.ts';
export { fault, faultKinds, type Fault, type FaultKind } from './fault.ts';
export { orderSagaShape, type SagaShape } from './saga-shape.ts';
export { allowedCancelReasons, confirmable } from './order-rules.ts';
