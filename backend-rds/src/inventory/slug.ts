import type { Prisma } from '../db/client';

const MAX_SLUG_LENGTH = 300;

/** "Les Misérables (Vol. 1)" → "les-miserables-vol-1": lowercase ASCII words joined by hyphens. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug;
}

/**
 * A book slug derived from `title` that no other book uses: "dune", then "dune-2", "dune-3"…
 * Two admins creating the same title at the same instant can still collide; the unique
 * index then answers 409 slug_taken and a retry succeeds.
 */
export async function uniqueBookSlug(tx: Prisma.TransactionClient, title: string): Promise<string> {
  const words = slugify(title);
  // "1984" would make the slug "1984", which GET /books/:idOrSlug reads as an id.
  const base = /[a-z]/.test(words) ? words : words ? `${words}-book` : 'book';
  const taken = await tx.book.findMany({
    where: { OR: [{ slug: base }, { slug: { startsWith: `${base}-` } }] },
    select: { slug: true },
  });
  const used = new Set(taken.map(({ slug }) => slug));
  if (!used.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}
