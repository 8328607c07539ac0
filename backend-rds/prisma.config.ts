// Prisma CLI configuration (Prisma 7 reads the connection URL from here, not the schema).
// PRISMA_SCHEMA_ENGINE_BINARY, when set, is honoured by the CLI itself: offline machines
// point it at a stand-in engine; everywhere else Prisma downloads its native engine.
import 'dotenv/config';
import { defineConfig } from 'prisma/config';

const DEV_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/bookstore';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    url: process.env.DATABASE_URL || DEV_DATABASE_URL,
  },
});
