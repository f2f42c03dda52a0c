import { ApiError, request } from '../api.ts';
import { errorBox } from '../components.ts';
import { h, replace } from '../dom.ts';
import { go } from '../route.ts';
import { saveSession } from '../session.ts';

/**
 * Paste an admin or ops token. The console's backend checks it (GET /api/session) with the platform's
 * own authenticator; a customer's token is refused with the reason, as is one that is not valid.
 */
export function loginPage(main: HTMLElement): void {
  const token = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'admin or ops token',
  });
  const problem = h('div', { class: 'problem' });
  const form = h(
    'form',
    { class: 'login', 'aria-label': 'Log in' },
    h('h1', {}, 'Saga console'),
    h(
      'p',
      { class: 'muted' },
      'Log in with an admin or ops token: ADMIN_TOKEN or OPS_TOKEN from .stack/data/secrets/tokens.env, or a JWT from `npm run -s token -- --sub <name> --role ops`. It stays in this tab only.',
    ),
    h('label', { class: 'field' }, h('span', {}, 'Token'), token),
    h('button', { type: 'submit' }, 'Log in'),
    problem,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = token.value.trim();
    replace(problem);
    void request<{ subject: string; roles: string[] }>('/api/session', value).then(
      (who) => {
        saveSession({ token: value, subject: who.subject, roles: who.roles });
        go('/overview');
      },
      (error: unknown) => {
        replace(
          problem,
          errorBox(
            error instanceof ApiError && error.status === 401
              ? new ApiError(401, error.code, `this token is not valid: ${error.message}`)
              : error,
          ),
        );
      },
    );
  });
  replace(main, form);
  token.focus();
}
