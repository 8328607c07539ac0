import { createPrismaClient } from '../db/client';
import { queryWords } from './query-text';
import { searchBooks } from './queries';
async function main() {
  const p = createPrismaClient({ url: 'postgresql://postgres@127.0.0.1:5432/scratch_catalog_helper', poolSize: 2 });
  const queries = process.argv.slice(2);
  for (const q of queries) {
    const words = queryWords(q);
    await searchBooks(p, words, { limit: 20, offset: 0 });
    const times: number[] = [];
    let rows: any[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      rows = await searchBooks(p, words, { limit: 20, offset: 0 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify(q), 'total', rows[0]?.total, 'p50', times[10].toFixed(1), 'p95', times[18].toFixed(1), rows.slice(0, 2).map(r => [r.id, r.rank, r.title_headline]));
  }
  await p.$disconnect();
}
main();
