// The tab's API key and its dialog, shared by the portfolio and the map pages. The key is kept
// in session storage only (this tab, gone when it closes); the top bar's button shows whether a
// key is set or the server runs in development mode and needs none.

import { setState, setStatus, state } from './state.js';
import { $, KEY_STORAGE, h } from './util.js';

// The dialog, built here once for both pages (the elements its functions find by id).
function dialogElement() {
  const button = (value, label, attrs) => h('button', { type: 'submit', value, ...attrs }, label);
  return h('dialog', { id: 'key-dialog', class: 'key-dialog' },
    h('form', { method: 'dialog', id: 'key-form' },
      h('h2', null, 'API key'),
      h('p', { id: 'key-reason', class: 'muted' }),
      h('label', null, 'Key ', h('input', { type: 'password', id: 'key-input', autocomplete: 'off',
        spellcheck: 'false' })),
      h('div', { class: 'row' }, button('save', 'Use key', { class: 'primary' }),
        button('forget', 'Forget key', { id: 'key-forget' }), button('cancel', 'Cancel'))));
}

export function markDevMode() {
  state.dev = true;
  const b = $('key-button');
  b.textContent = 'Dev mode · no key';
  b.classList.add('dev');
  b.title = 'The server runs in development mode: no API key is needed on this address.';
}

export function markKeySet() {
  const b = $('key-button');
  b.classList.remove('dev');
  b.classList.toggle('set', Boolean(state.key));
  b.textContent = state.key ? 'API key ✓' : 'API key';
}

export function openKeyDialog(reason) {
  const dialog = $('key-dialog');
  $('key-reason').textContent = reason
    || (state.dev
      ? 'The server runs in development mode and needs no key here. A key limits the page to what that key may see.'
      : 'This server needs an API key. It is kept in this browser tab only (session storage).');
  $('key-input').value = '';
  $('key-forget').hidden = !state.key;
  if (!dialog.open) dialog.showModal();
  $('key-input').focus();
}

// The dialog's answer: true when the tab's key changed (the page then loads again).
function takeAnswer() {
  const action = $('key-dialog').returnValue;
  if (action === 'save') {
    const value = $('key-input').value.trim();
    if (!value) return false;
    state.key = value;
    sessionStorage.setItem(KEY_STORAGE, value);
  } else if (action === 'forget') {
    state.key = null;
    sessionStorage.removeItem(KEY_STORAGE);
  } else {
    return false;
  }
  state.dev = false;
  markKeySet();
  return true;
}

// The server refused the request for want of a (valid) key: say so and ask for one.
export function askForKey() {
  setState('auth');
  const button = h('button', { type: 'button', class: 'primary', onclick: () => openKeyDialog() }, 'Enter API key');
  setStatus('An API key is needed', [
    state.key ? 'The server did not accept the key of this tab.' : 'This server only answers requests that carry an API key.',
    h('p', null, button),
  ], true);
  openKeyDialog(state.key ? 'The server did not accept this key. Enter another one.' : null);
}

// Read the tab's key and wire the button and the dialog; `onChange` runs after a new key.
export function wireKeyDialog(onChange) {
  document.body.append(dialogElement());
  state.key = sessionStorage.getItem(KEY_STORAGE) || null;
  markKeySet();
  $('key-button').addEventListener('click', () => openKeyDialog());
  $('key-dialog').addEventListener('close', () => { if (takeAnswer()) onChange(); });
}
