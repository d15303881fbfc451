/** Rules Slack applies on install or review that its published schema does not check. */
export function checkSlackStoreRules(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  // Slack only calls request URLs over HTTPS; the schema also allows http://.
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (/^http:\/\//i.test(value)) problems.push(`${path}: must be an https:// URL`);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}/${i}`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, `${path}/${key}`);
    }
  };
  walk(manifest, '');
  const oauth = manifest.oauth_config as { scopes?: { user?: unknown[] } } | undefined;
  if ((oauth?.scopes?.user ?? []).length > 0) problems.push('/oauth_config/scopes/user: use the bot token only');
  return problems;
}
