import { createPrismaClient } from '../db/client';
import { refreshSearchDocuments } from '../catalog/search-document';
async function main() {
  const p = createPrismaClient({ url: 'postgresql://postgres@127.0.0.1:5432/scratch_catalog_helper', poolSize: 2 });
  console.log(await refreshSearchDocuments(p));
  await p.$disconnect();
}
main();
