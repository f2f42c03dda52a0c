import { ApiError } from './api.ts';
import { h, type Child } from './dom.ts';

/** A saga's or order's status as a coloured badge. */
export function badge(status: unknown): HTMLElement {
  const text = typeof status === 'string' ? status : '–';
  return h('span', { class: `badge badge-${text.toLowerCase().replaceAll('_', '-')}` }, text);
}

/** Why something failed, as the API said it (code and message). */
export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return h(
    'div',
    { class: 'error', role: 'alert' },
    code === undefined ? null : h('strong', {}, `${code}: `),
    message,
  );
}

export const loading = (what: string) => h('p', { class: 'muted', 'aria-busy': 'true' }, `Loading ${what}…`);

/** A table with a header row; `rows` are arrays of cells. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Child[])[],
  attributes: Readonly<Record<string, string>> = {},
): HTMLElement {
  return h(
    'table',
    attributes,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((header) => h('th', { scope: 'col' }, header)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement): HTMLElement {
  // Named by the label alone: a <select> inside a <label> would otherwise add its options' text.
  control.setAttribute('aria-label', label);
  return h('label', { class: 'field' }, h('span', {}, label), control);
}

/** A <select> with `options` as [value, label] pairs, `selected` chosen. */
export function select(
  name: string,
  options: readonly (readonly [string, string])[],
  selected: string,
): HTMLSelectElement {
  return h(
    'select',
    { name },
    options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
  );
}

/**
 * Asks before something that cannot be undone, in a modal <dialog>. Resolves with what was typed in
 * the reason box (when `reason` asks for one), or undefined when the operator cancels.
 */
export function confirmDialog(options: {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
  readonly reason?: { readonly label: string; readonly required: boolean };
}): Promise<string | undefined> {
  return new Promise((resolve) => {
    const reason = h('textarea', { name: 'reason', rows: 3, required: options.reason?.required ?? false });
    const dialog = h(
      'dialog',
      { class: 'confirm', 'aria-label': options.title },
      h(
        'form',
        { method: 'dialog' },
        h('h2', {}, options.title),
        h('p', {}, options.text),
        options.reason ? field(options.reason.label, reason) : null,
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              value: 'cancel',
              type: 'button',
              class: 'secondary',
              onClick: () => {
                dialog.close('cancel');
              },
            },
            'Cancel',
          ),
          h('button', { value: 'confirm', class: 'danger' }, options.confirm),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm' ? reason.value.trim() : undefined);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}
