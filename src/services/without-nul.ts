import type { Core } from './core';

/**
 * A copy of an inbound event without NUL characters (U+0000), in keys and values at any depth.
 * NUL means nothing in chat text, and some backends cannot store it (PostgreSQL's jsonb, under
 * FerretDB, refuses the whole write), so it goes at the core's door and every backend keeps what
 * people typed.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => withoutNul(v)) as T;
  const plain = value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value));
  if (plain) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}

/** The same Core, taking every event through withoutNul first. */
export function coreWithoutNul(core: Core): Core {
  return {
    onCommand: (ev) => core.onCommand(withoutNul(ev)),
    onAction: (ev) => core.onAction(withoutNul(ev)),
    onFormSubmit: (ev) => core.onFormSubmit(withoutNul(ev)),
    onDirectMessage: (ev) => core.onDirectMessage(withoutNul(ev)),
    onReachable: (ev) => core.onReachable(withoutNul(ev)),
    onInstallChanged: (ev) => core.onInstallChanged(withoutNul(ev)),
    onHomeOpened: (ev) => core.onHomeOpened(withoutNul(ev)),
    onHomeRequested: (ev) => core.onHomeRequested(withoutNul(ev)),
  };
}
