import { fault, type Fault } from './fault.ts';
import type { SagaFact } from './facts.ts';
import type { SagaShape } from './saga-shape.ts';

const ENDED = ['COMPLETED', 'CANCELLED'];

/**
 * Judges one stored saga against its definition's shape and its subject (the order, or the return,
 * whose status, undefined when it is not stored, the saga's end must agree with): steps in definition order,
 * a history that begins with the start, runs forward in time, sends each forward command only after
 * the one before it and none once compensation began, tells the order one outcome, as its status
 * says (sent again only while unacknowledged), ends only once the order acknowledged it, sends
 * nothing after its end but late compensations, and holds one version per reception.
 */
export function checkSaga(saga: SagaFact, subjectStatus: string | undefined, shape: SagaShape): Fault[] {
  const faults: Fault[] = [];
  const add = (kind: Fault['kind'], message: string) =>
    faults.push(fault(kind, saga.orderId, `saga ${saga.sagaId}: ${message}`));

  const names = saga.steps.map((s) => s.name);
  if (names.join(',') !== shape.steps.join(','))
    add('history', `steps [${names.join(', ')}] are not the definition's [${shape.steps.join(', ')}]`);

  if (saga.status === 'NEEDS_ATTENTION')
    add('lost', 'NEEDS_ATTENTION after the drain: it gave up on a step and waits for a person to retry it');
  else if (!ENDED.includes(saga.status)) add('lost', `still ${saga.status} after the drain`);
  if (saga.outboxSize > 0) add('lost', `${saga.outboxSize} command(s) never published`);
  const expectedSubjectStatus = shape.subjectStatusOf[saga.status];
  if (subjectStatus !== undefined && expectedSubjectStatus && subjectStatus !== expectedSubjectStatus)
    add('history', `${saga.status} but its ${shape.subject} is ${subjectStatus}`);
  if (saga.status === 'COMPLETED' && saga.steps.some((s) => s.status !== 'SUCCEEDED'))
    add('history', `COMPLETED with steps ${describeSteps(saga)}`);
  if (saga.status === 'CANCELLED' && saga.steps.some((s) => s.status === 'ACTIVE'))
    add('history', `CANCELLED with steps ${describeSteps(saga)}`);
  // A late success undone after the end (compensateLateSuccess) compensates a step of an ended saga.
  if (ENDED.includes(saga.status) && saga.steps.some((s) => s.status === 'COMPENSATING'))
    add('lost', `a late compensation was never confirmed (${describeSteps(saga)})`);

  const history = saga.history;
  const first = history[0];
  if (first?.direction !== 'RECEIVED' || first.outcome !== 'STARTED')
    add('history', 'history does not begin with the message that started it');

  const received = history.filter((h) => h.direction === 'RECEIVED');
  // Each entry but SENT is one update of the saga (the insert is version 0).
  const updates = history.filter((h) => h.direction !== 'SENT').length;
  if (saga.version !== updates - 1)
    add('history', `version ${saga.version} after ${updates} recorded updates (expected ${updates - 1})`);

  for (let i = 1; i < history.length; i++) {
    const [before, entry] = [history[i - 1], history[i]];
    if (before && entry && entry.at < before.at) {
      add('history', `entry ${i} (${entry.direction} ${entry.topic}) is older than the one before it`);
      break;
    }
  }

  const sentIds = history.filter((h) => h.direction === 'SENT').map((h) => h.messageId);
  if (new Set(sentIds).size !== sentIds.length) add('history', 'two sent commands share one message id');
  const appliedIds = received.filter((h) => h.outcome === 'APPLIED').map((h) => h.messageId);
  if (new Set(appliedIds).size !== appliedIds.length) add('duplicated', 'one reply applied twice');
  for (const rejected of received.filter((h) => h.outcome === 'REJECTED'))
    add('unexpected', `refused ${rejected.topic} ${rejected.messageId}: its stored state was broken`);

  const endIndex = history.findIndex((h) => h.direction !== 'SENT' && ENDED.includes(h.status ?? ''));
  const end = endIndex >= 0 ? history[endIndex] : undefined;
  let compensating = false;
  let told: string | undefined;
  const sentSoFar = new Set<string>();
  history.forEach((entry, i) => {
    if (entry.direction !== 'SENT') return;
    const { topic } = entry;
    if (end && i > endIndex && entry.at !== end.at && !shape.lateCompensations.includes(topic))
      add('history', `sent ${topic} after the saga had ended`);
    const step = shape.forward.indexOf(topic);
    if (step >= 0) {
      if (compensating || told) add('history', `sent ${topic} after compensation or the end began`);
      const previous = shape.forward[step - 1];
      if (previous && !sentSoFar.has(previous)) add('history', `sent ${topic} before ${previous}`);
    } else if (shape.compensations.includes(topic)) {
      compensating = true;
    } else if (topic === shape.onCompleted || topic === shape.onCancelled) {
      // The same outcome sent again is a deadline's re-send (the order acknowledges it again); the
      // other outcome after it would tell the order two things.
      if (told && told !== topic) add('duplicated', `told the order two outcomes (${told}, then ${topic})`);
      told = topic;
      const expected = saga.status === 'COMPLETED' ? shape.onCompleted : shape.onCancelled;
      if (ENDED.includes(saga.status) && topic !== expected)
        add('history', `sent ${topic} but ended ${saga.status}`);
    }
    sentSoFar.add(topic);
  });
  if ((saga.status === 'COMPLETED' || saga.status === 'CANCELLED') && !told)
    add('lost', `${saga.status} but never told the order`);
  const acknowledgement = told === undefined ? undefined : shape.acknowledgements[told];
  const acknowledged = received.some((h) => h.topic === acknowledgement && h.outcome === 'APPLIED');
  if (ENDED.includes(saga.status) && told && acknowledgement && !acknowledged)
    add('history', `${saga.status} without the order's acknowledgement (${acknowledgement}) of ${told}`);
  return faults;
}

function describeSteps(saga: SagaFact): string {
  return saga.steps.map((s) => `${s.name}=${s.status}`).join(', ');
}
