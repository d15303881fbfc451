import { editDistance } from '../domain/edit-distance';

/** The candidate the user most likely meant, or undefined when nothing is close enough. */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  const typed = input.toLowerCase().slice(0, 64);
  if (typed === '') return undefined;
  // A short start of a name ("cre") is a clear enough intent when only one name starts that way.
  const prefixed = candidates.filter((c) => c.startsWith(typed));
  if (typed.length >= 2 && prefixed.length === 1) return prefixed[0];
  const allowed = typed.length <= 3 ? 1 : typed.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const c of candidates) {
    const distance = editDistance(typed, c);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}
