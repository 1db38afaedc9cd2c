/**
 * Makes a change straight in the database file while the server is down, through the real
 * router as a signed-in user: the change a reconnecting client has missed.
 * Usage: tsx change-while-down.ts <db> <sessionToken> <coalitionId> <milestoneId> <status>
 */
import { appRouter, createCallerFactory, createContext, createServices } from '@coalition/api';
import { openDb } from '@coalition/db';

const [dbPath, token, coalitionId, milestoneId, status] = process.argv.slice(2) as [string, string, string, string, string];
const db = openDb(dbPath);
const caller = createCallerFactory(appRouter)(createContext(createServices(db), { sessionToken: token }));
const current = await caller.milestone.get({ coalitionId, milestoneId });
const updated = await caller.milestone.update({ coalitionId, milestoneId, version: current.version, status: status as 'blocked' });
console.log(JSON.stringify({ version: updated.version, status: updated.status }));
db.$client.close();
