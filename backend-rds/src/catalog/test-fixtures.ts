/**
 * Test data for catalog-shaped tests: authors, categories, books and users written straight
 * through Prisma. Any feature's tests may use these; they never go through the HTTP API.
 */
import type { PrismaClient } from '../db/client';
import { slugify } from '../inventory/slug';
import { refreshSearchDocuments } from './search-document';

export interface AuthorFixture {
  name: string;
  slug?: string;
  bio?: string;
  birthYear?: number;
  deathYear?: number;
}

/** Finds the author by slug (from the name by default) or creates them. */
export async function createAuthor(prisma: PrismaClient, author: AuthorFixture | string) {
  const { name, slug = slugify(name), ...rest } = typeof author === 'string' ? { name: author } : author;
  return prisma.author.upsert({ where: { slug }, create: { name, slug, ...rest }, update: {} });
}

export interface CategoryFixture {
  name: string;
  slug?: string;
  description?: string;
}

/** Finds the category by slug (from the name by default) or creates it. */
export async function createCategory(prisma: PrismaClient, category: CategoryFixture | string) {
  const { name, slug = slugify(name), description } =
    typeof category === 'string' ? { name: category } : category;
  return prisma.category.upsert({
    where: { slug },
    create: { name, slug, description },
    update: {},
  });
}

export interface BookFixture {
  title: string;
  /** Defaults to the slugified title plus a counter, so equal titles never clash. */
  slug?: string;
  /** Author names in cover order; found or created by slug. */
  authors?: string[];
  /** Category names; found or created by slug. */
  categories?: string[];
  priceCents?: number;
  stock?: number;
  description?: string;
  isbn?: string;
  publicationYear?: number;
  unitsSold?: number;
  createdAt?: Date;
  archived?: boolean;
}

let booksMade = 0;

/** One book with its authors and categories, searchable (search columns refreshed). */
export async function createBook(prisma: PrismaClient, fixture: BookFixture) {
  const authors = [];
  for (const name of fixture.authors ?? []) authors.push(await createAuthor(prisma, name));
  const categories = [];
  for (const name of fixture.categories ?? []) categories.push(await createCategory(prisma, name));
  booksMade += 1;
  const book = await prisma.book.create({
    data: {
      title: fixture.title,
      slug: fixture.slug ?? `${slugify(fixture.title)}-f${booksMade}`,
      description: fixture.description ?? '',
      priceCents: fixture.priceCents ?? 1000,
      stock: fixture.stock ?? 10,
      isbn: fixture.isbn,
      publicationYear: fixture.publicationYear,
      unitsSold: fixture.unitsSold ?? 0,
      createdAt: fixture.createdAt,
      archivedAt: fixture.archived ? new Date() : undefined,
      authors: { create: authors.map((author, position) => ({ authorId: author.id, position })) },
      categories: { create: categories.map((category) => ({ categoryId: category.id })) },
    },
  });
  await refreshSearchDocuments(prisma, [book.id]);
  return book;
}

let usersMade = 0;

/** A user row with an unusable password hash: enough for X-User-Id on admin routes. */
export async function createUser(prisma: PrismaClient, role: 'customer' | 'admin' = 'customer') {
  usersMade += 1;
  return prisma.user.create({
    data: {
      email: `${role}-${usersMade}-${Date.now()}@fixtures.test`,
      passwordHash: 'not-a-password-hash',
      name: `Fixture ${role} ${usersMade}`,
      role,
    },
  });
}
