// `.env` files as docker compose reads them: KEY=VALUE lines, `#` comments, optional quotes
// (then a `#` is part of the value), an optional leading `export`.

export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [index, rawLine] of text.split('\n').entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`line ${index + 1} is not KEY=VALUE: ${rawLine}`);
    const [, key, rest] = match as unknown as [string, string, string];
    const quoted = /^(['"])(.*)\1$/.exec(rest);
    values[key] = quoted ? quoted[2]! : rest.replace(/\s+#.*$/, '');
  }
  return values;
}

/** The names a `.env` template lists, set (`KEY=`) or shown commented out (`# KEY=`). */
export function namesListed(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const match = /^#?\s*(?:export\s+)?([A-Z][A-Z0-9_]*)=/.exec(line.trim());
    if (match) names.add(match[1]!);
  }
  return names;
}
