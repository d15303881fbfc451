import { el } from './dom.js';
import { ui } from './state.js';

/** Re-renders only messages that are new or changed, so typing in a card is never lost. */
export function syncList(container, contextKey, messages, render) {
  let list = ui.lists[container.id];
  if (!list || list.context !== contextKey) {
    container.replaceChildren();
    list = { context: contextKey, items: new Map() };
    ui.lists[container.id] = list;
  }
  const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
  const wanted = new Set(messages.map((m) => m.key));
  for (const [key, item] of list.items) {
    if (!wanted.has(key)) {
      item.node.remove();
      list.items.delete(key);
    }
  }
  let previous = null;
  let added = false;
  for (const m of messages) {
    let item = list.items.get(m.key);
    if (!item || item.version !== m.version) {
      const node = render(m);
      node.dataset.key = m.key;
      if (item) item.node.replaceWith(node);
      item = { version: m.version, node };
      list.items.set(m.key, item);
      added = true;
    }
    const expected = previous ? previous.nextSibling : container.firstChild;
    if (expected !== item.node) container.insertBefore(item.node, expected);
    previous = item.node;
  }
  if (messages.length === 0 && !container.firstChild) container.append(el('p', 'msg-event empty', 'No messages yet.'));
  else if (messages.length > 0) container.querySelectorAll(':scope > .empty').forEach((n) => n.remove());
  if (added && nearBottom) container.scrollTop = container.scrollHeight;
}
