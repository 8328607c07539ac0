/**
 * ts_headline returns the book's own text with matches wrapped in markers of our choosing.
 * Descriptions may hold anything, "<script>" included, so we ask for two private-use
 * characters (stripped from the text beforehand in SQL), escape the whole text here, and
 * only then turn the markers into <mark> tags: the only HTML in the result is ours.
 */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_STOP = '\uE001';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

export function toHighlightHtml(headline: string): string {
  return escapeHtml(headline)
    .replaceAll(HIGHLIGHT_START, '<mark>')
    .replaceAll(HIGHLIGHT_STOP, '</mark>');
}
