import * as cheerio from 'cheerio';

export type Html = cheerio.CheerioAPI;

/** Parses a page the way a browser would (parse5), for assertions on DOM facts. */
export const parseHtml = (text: string): Html => cheerio.load(text);

/** Trimmed, whitespace-collapsed text of the first match. */
export const textOf = ($: Html, selector: string): string => $(selector).first().text().replace(/\s+/g, ' ').trim();

export const textsOf = ($: Html, selector: string): string[] =>
  $(selector)
    .map((_i, el) => $(el).text().replace(/\s+/g, ' ').trim())
    .get();

/** The error summary's items as { href, text }. */
export function errorSummary($: Html): { href: string; text: string }[] {
  return $('[data-error-summary] li a')
    .map((_i, el) => ({ href: $(el).attr('href') ?? '', text: $(el).text().trim() }))
    .get();
}

/** A form field by id, with its label, inline error and kept value. */
export function field($: Html, id: string) {
  const input = $(`#${id}`);
  const describedBy = (input.attr('aria-describedby') ?? '').split(' ').filter(Boolean);
  const errorId = describedBy.find((d) => d.endsWith('-error'));
  return {
    exists: input.length === 1,
    value: input.attr('value') ?? input.find('option[selected]').attr('value'),
    label: $(`label[for="${id}"]`).text().trim(),
    invalid: input.attr('aria-invalid') === 'true',
    error: errorId ? $(`#${errorId}`).text().replace('Error:', '').trim() : undefined,
  };
}

/** The CSRF token a form carries. */
export const csrfToken = ($: Html, formSelector = 'form[method="post"]'): string | undefined =>
  $(formSelector).first().find('input[name="_csrf"]').attr('value');
