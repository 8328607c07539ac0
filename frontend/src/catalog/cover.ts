import { createHash } from 'node:crypto';

/**
 * Book covers drawn on our side: an SVG from the title and the authors, so there is no
 * external image host and never a broken image. The same book always gets the same
 * colours (a hash of its title and authors picks one of the palettes below).
 */
interface Palette {
  background: string;
  band: string;
  ink: string;
  accent: string;
}

// Cloth-binding colours: deep, warm, each with an ink of enough contrast (> 7:1).
const PALETTES: Palette[] = [
  { background: '#7a2e2e', band: '#5e2020', ink: '#fbf3e4', accent: '#e8b86b' },
  { background: '#1f4e5a', band: '#163a43', ink: '#f6efe2', accent: '#e3b36a' },
  { background: '#2f5233', band: '#223d26', ink: '#f7f1e3', accent: '#d9c27a' },
  { background: '#3b3561', band: '#2b2648', ink: '#f5efe6', accent: '#e6a96b' },
  { background: '#8a4b1f', band: '#6b3815', ink: '#fff6e8', accent: '#f2d29b' },
  { background: '#1d3557', band: '#142640', ink: '#f1ede4', accent: '#e9c46a' },
  { background: '#5b2a45', band: '#441f33', ink: '#fbf1ec', accent: '#e7b9a0' },
  { background: '#264d3f', band: '#1b382e', ink: '#f4efe4', accent: '#c9a45c' },
  { background: '#4a3b2a', band: '#35291d', ink: '#f8f0e0', accent: '#d8a657' },
  { background: '#0f4c5c', band: '#0a3641', ink: '#f3f0e8', accent: '#f4a261' },
];

const ORNAMENTS = ['circle', 'diamond', 'lines', 'arch'] as const;

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Greedy word wrap to `width` characters, at most `maxLines` lines (the last one ellipsed). */
export function wrapWords(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

function ornament(kind: (typeof ORNAMENTS)[number], colour: string): string {
  switch (kind) {
    case 'circle':
      return `<circle cx="100" cy="62" r="18" fill="none" stroke="${colour}" stroke-width="2"/><circle cx="100" cy="62" r="6" fill="${colour}"/>`;
    case 'diamond':
      return `<path d="M100 44 L118 62 L100 80 L82 62 Z" fill="none" stroke="${colour}" stroke-width="2"/><path d="M100 54 L108 62 L100 70 L92 62 Z" fill="${colour}"/>`;
    case 'lines':
      return `<path d="M60 56 H140 M70 64 H130 M80 72 H120" stroke="${colour}" stroke-width="2" stroke-linecap="round"/>`;
    case 'arch':
      return `<path d="M78 80 V62 A22 22 0 0 1 122 62 V80" fill="none" stroke="${colour}" stroke-width="2"/>`;
  }
}

export interface CoverText {
  title: string;
  authors: string[];
}

/** A 200×300 SVG; deterministic for the same title and authors. */
export function coverSvg({ title, authors }: CoverText): string {
  const digest = createHash('sha256').update(`${title}\u0000${authors.join(', ')}`).digest();
  const palette = PALETTES[digest[0]! % PALETTES.length]!;
  const decoration = ORNAMENTS[digest[1]! % ORNAMENTS.length]!;
  const titleLines = wrapWords(title, title.length > 40 ? 16 : 13, 5);
  const fontSize = titleLines.length > 3 ? 17 : 20;
  const lineHeight = fontSize * 1.2;
  const titleTop = 150 - ((titleLines.length - 1) * lineHeight) / 2;
  const byline = wrapWords(authors.join(', ') || 'Bookstore', 24, 2);
  const tspans = titleLines
    .map((line, i) => `<tspan x="100" y="${(titleTop + i * lineHeight).toFixed(1)}">${escapeXml(line)}</tspan>`)
    .join('');
  const authorSpans = byline
    .map((line, i) => `<tspan x="100" y="${254 + i * 15}">${escapeXml(line)}</tspan>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 300" width="200" height="300" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="200" height="300" fill="${palette.background}"/>`,
    `<rect x="0" y="0" width="14" height="300" fill="${palette.band}"/>`,
    `<rect x="24" y="16" width="162" height="268" fill="none" stroke="${palette.accent}" stroke-width="1.5" opacity="0.8"/>`,
    ornament(decoration, palette.accent),
    `<text font-family="Georgia, 'Times New Roman', serif" font-size="${fontSize}" font-weight="700" fill="${palette.ink}" text-anchor="middle">${tspans}</text>`,
    `<path d="M80 232 H120" stroke="${palette.accent}" stroke-width="1.5"/>`,
    `<text font-family="Georgia, 'Times New Roman', serif" font-size="12" font-style="italic" fill="${palette.ink}" text-anchor="middle">${authorSpans}</text>`,
    '</svg>',
  ].join('');
}

/** Changes when the cover would: the cover URL carries it, so browsers may keep covers for a year. */
export function coverVersion({ title, authors }: CoverText): string {
  return createHash('sha256').update(`${title}\u0000${authors.join(', ')}`).digest('hex').slice(0, 8);
}
