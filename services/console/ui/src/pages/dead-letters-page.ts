import { api, query } from '../api.ts';
import { confirmDialog, errorBox, field, loading, select, table } from '../components.ts';
import { formValue, h, replace, type Child } from '../dom.ts';
import { json, time } from '../format.ts';
import { go, type Route } from '../route.ts';
import { currentSession, isAdmin } from '../session.ts';
import type { ConsumedTopic, DeadLetter } from '../types.ts';

interface DeadLetterList {
  readonly topics: readonly string[];
  readonly deadLetters: readonly DeadLetter[];
}

interface Replayed {
  readonly from: { readonly topic: string; readonly partition: number; readonly offset: string };
  readonly to: { readonly topic: string; readonly partition: number; readonly offset: string };
}

/**
 * The dead letters of one topic, from the service that consumes it (its GET /dead-letters): each with
 * its value as JSON, the error that sent it there and the message's headers; an admin replays one, or
 * all of them after confirming (POST /dead-letters/replay).
 */
export async function deadLettersPage(main: HTMLElement, route: Route): Promise<void> {
  const chosen = route.params.get('topic') ?? '';
  const results = h('section', { 'aria-label': 'Dead letters' });
  replace(main, h('h1', {}, 'Dead letters'), loading('topics'));
  let topics: readonly ConsumedTopic[];
  try {
    topics = (await api<{ topics: ConsumedTopic[] }>('/api/topics')).topics;
  } catch (error) {
    replace(main, h('h1', {}, 'Dead letters'), errorBox(error));
    return;
  }
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Dead-letter topic' },
    field(
      'Topic',
      select(
        'topic',
        [['', 'choose a topic'], ...topics.map((t) => [t.topic, `${t.topic} (${t.service})`] as const)],
        chosen,
      ),
    ),
    h('button', { type: 'submit' }, 'Show dead letters'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/dead-letters', { topic: formValue(form, 'topic') });
  });
  replace(main, h('h1', {}, 'Dead letters'), form, results);
  const consumer = topics.find((t) => t.topic === chosen);
  if (!consumer) return;
  const outcome = h('div', { class: 'outcome', role: 'status' });
  const path = `/api/${consumer.service}/dead-letters`;
  replace(results, loading(`the dead letters of ${chosen}`));
  let list: DeadLetterList;
  try {
    list = await api<DeadLetterList>(`${path}?${query({ topic: chosen, limit: '100' })}`);
  } catch (error) {
    replace(results, errorBox(error));
    return;
  }
  const admin = isAdmin(currentSession());
  const replay = async (body: unknown, what: string) => {
    replace(outcome, h('p', { class: 'muted' }, `${what}…`));
    try {
      const answer = await api<{ replayed?: Replayed | readonly Replayed[]; skipped?: readonly unknown[] }>(
        `${path}/replay`,
        {
          method: 'POST',
          body,
        },
      );
      const replayed =
        answer.replayed === undefined
          ? []
          : Array.isArray(answer.replayed)
            ? answer.replayed
            : [answer.replayed];
      replace(
        outcome,
        h(
          'p',
          { class: 'ok' },
          replayed.length === 0
            ? `${what}: nothing to replay.`
            : `${what}: sent back to ${replayed.map((r: Replayed) => `${r.to.topic} partition ${r.to.partition} offset ${r.to.offset}`).join('; ')}.`,
          (answer.skipped ?? []).length === 0
            ? null
            : ` ${String((answer.skipped ?? []).length)} skipped (already replayed, or replays that failed again).`,
        ),
      );
    } catch (error) {
      replace(outcome, errorBox(error));
    }
  };
  const letters = [...list.deadLetters].sort(
    (a, b) => Date.parse(b.deadLetteredAt) - Date.parse(a.deadLetteredAt),
  );
  replace(
    results,
    h(
      'div',
      { class: 'actions' },
      h(
        'span',
        { class: 'muted' },
        `${letters.length} dead letter${letters.length === 1 ? '' : 's'} of ${chosen}, newest first.`,
      ),
      letters.length === 0
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'danger',
              disabled: !admin,
              title: admin ? 'Send every dead letter of the topic back to it' : 'needs an admin token',
              onClick: () =>
                void confirmDialog({
                  title: `Replay every dead letter of ${chosen}?`,
                  text: 'Each is sent back to its topic, to be consumed again. One that fails again is dead-lettered again.',
                  confirm: 'Replay all',
                }).then((confirmed) => {
                  if (confirmed !== undefined) void replay({ topic: chosen, all: true }, 'Replay all');
                }),
            },
            'Replay all…',
          ),
    ),
    outcome,
    letters.map((letter) => card(letter, admin, replay)),
  );
}

function card(
  letter: DeadLetter,
  admin: boolean,
  replay: (body: unknown, what: string) => Promise<void>,
): HTMLElement {
  const where = `partition ${letter.partition}, offset ${letter.offset}`;
  return h(
    'article',
    { class: 'dead-letter', 'aria-label': `Dead letter ${where}` },
    h(
      'header',
      {},
      h('strong', {}, letter.error.code ?? letter.error.name ?? 'error'),
      h(
        'span',
        { class: 'muted' },
        ` ${where} · key ${letter.key ?? '–'} · ${time(letter.deadLetteredAt)} · ${letter.classification}, ${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'}`,
      ),
      letter.replayed ? h('span', { class: 'badge badge-completed' }, 'replayed') : null,
      h(
        'button',
        {
          type: 'button',
          disabled: !admin,
          title: admin ? 'Send it back to its topic' : 'needs an admin token',
          onClick: () =>
            void replay(
              { topic: letter.topic, partition: letter.partition, offset: letter.offset },
              `Replay of ${where}`,
            ),
        },
        'Replay',
      ),
    ),
    h('p', { class: 'error-message' }, letter.error.message ?? ''),
    h('h3', {}, 'Value'),
    valueOf(letter),
    h('details', {}, h('summary', {}, 'Error'), h('pre', {}, json(letter.error))),
    h(
      'details',
      { open: true },
      h('summary', {}, 'Headers'),
      table(
        ['Header', 'Value'],
        Object.entries(letter.headers).map(([name, value]) => [h('code', {}, name), value]),
      ),
    ),
    h('details', {}, h('summary', {}, 'Where it came from'), h('pre', {}, json(letter.original))),
  );
}

/**
 * The value as JSON: decoded by the service (newer ones send `valueBase64` beside it), or, from a
 * service that sends only base64, the bytes as JSON text when they are, else as they are.
 */
function valueOf(letter: DeadLetter): Child {
  if ('valueBase64' in letter) {
    return [
      letter.decodeError ? h('p', { class: 'error-message' }, `Not decodable: ${letter.decodeError}`) : null,
      letter.value === null || letter.value === undefined
        ? h('pre', { class: 'value' }, `base64: ${letter.valueBase64 ?? '(no value)'}`)
        : h('pre', { class: 'value' }, json(letter.value)),
    ];
  }
  if (typeof letter.value !== 'string') return h('pre', { class: 'value' }, '(no value)');
  const text = fromBase64(letter.value);
  try {
    return h('pre', { class: 'value' }, json(JSON.parse(text ?? '')));
  } catch {
    return h('pre', { class: 'value' }, printable(text) ? `text: ${text ?? ''}` : `base64: ${letter.value}`);
  }
}

function fromBase64(value: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(value), (c) => c.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}

// eslint-disable-next-line no-control-regex
const printable = (text: string | undefined) => text !== undefined && !/[\x00-\x08\x0e-\x1f]/.test(text);
