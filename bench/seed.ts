/**
 * Builds a benchmark database: `npx tsx bench/seed.ts <database file> [big] [huge]`.
 * Prints the bench user's sign-in and the coalition ids as JSON.
 */
import { rmSync } from 'node:fs';
import { BENCH_USER, BIG, buildBenchDatabase, HUGE } from './workspace.ts';

const [path, ...kinds] = process.argv.slice(2);
if (!path) {
  console.error('usage: tsx bench/seed.ts <database file> [big] [huge]');
  process.exit(2);
}
for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
const sizes = (kinds.length ? kinds : ['big']).map((k) => (k === 'huge' ? HUGE : BIG));
const { coalitionIds } = await buildBenchDatabase(path, sizes);
console.log(JSON.stringify({ database: path, email: BENCH_USER.email, password: BENCH_USER.password, coalitionIds }));
