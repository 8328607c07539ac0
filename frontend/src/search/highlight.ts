/**
 * backend-rds sends search highlights as HTML-escaped text whose only markup is `<mark>`
 * and `</mark>`. We do not take that on trust: the text between the marks is unescaped and
 * escaped again, so whatever the backend sends, the only tags in the page are balanced
 * <mark> elements.
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function safeHighlight(html: string): string {
  let open = false;
  const out = html.split(/(<mark>|<\/mark>)/).map((part) => {
    if (part === '<mark>') {
      if (open) return '';
      open = true;
      return '<mark>';
    }
    if (part === '</mark>') {
      if (!open) return '';
      open = false;
      return '</mark>';
    }
    return escape(unescape(part));
  });
  return out.join('') + (open ? '</mark>' : '');
}
