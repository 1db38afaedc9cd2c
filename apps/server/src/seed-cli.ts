/**
 * `pnpm db:seed`: seeds the demo account and template coalitions into the configured database
 * (DATABASE_URL). A file of its own so the server bundle never runs it.
 */
import { createServices } from '@coalition/api';
import { openDb } from '@coalition/db';
import { resolveDatabasePath } from './paths.ts';
import { DEMO_USER, seedDemo } from './seed.ts';

const path = resolveDatabasePath();
const db = openDb(path);
try {
  const result = await seedDemo(createServices(db));
  if (result.created) {
    console.log(`Seeded ${path}: demo account ${DEMO_USER.email} / ${DEMO_USER.password}`);
    for (const c of result.coalitions) console.log(`  coalition "${c.name}" (${c.templateId})`);
    if (result.coalitions.length === 0) console.log('  (no built-in templates available yet)');
  } else {
    console.log(`The demo account ${DEMO_USER.email} already exists in ${path}; nothing to do.`);
  }
} finally {
  db.$client.close();
}
