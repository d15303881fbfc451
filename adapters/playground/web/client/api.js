/** The playground's JSON API (/playground/api/...): the only thing the page talks to. */

export async function api(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`/playground/api${path}`, init);
  let json = {};
  try {
    json = await res.json();
  } catch {
    json = {};
  }
  if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
  return json;
}
