export { checkRun, formatReport, type CheckReport } from './check-run.ts';
export type * from './facts.ts';
export { fault, faultKinds, type Fault, type FaultKind } from './fault.ts';
export { orderSagaShape, returnSagaShape, sagaShapes, type SagaShape } from './saga-shape.ts';
export { allowedRejectReasons } from './return-rules.ts';
export { allowedCancelReasons, confirmable } from './order-rules.ts';
