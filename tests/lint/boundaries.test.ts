/**
 * The layer boundaries are lint rules (eslint.config.js); this proves they bite: each probe is
 * linted as if it lived at the given path, and must be refused (or accepted) for the right reason.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

describe('import boundaries', () => {
  it('the web app imports neither the database, the auth package, Node built-ins nor API values', async () => {
    const file = 'apps/web/src/features/partners/probe.ts';
    expect(await problems(file, "import { partners } from '@coalition/db/schema';\nexport const p = partners;\n")).toHaveLength(1);
    expect(await problems(file, "import { openDb } from '@coalition/db';\nexport const o = openDb;\n")).toHaveLength(1);
    expect(await problems(file, "import { hashToken } from '@coalition/auth';\nexport const h = hashToken;\n")).toHaveLength(1);
    expect(await problems(file, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await problems(file, "import { appRouter } from '@coalition/api';\nexport const a = appRouter;\n")).toEqual([expect.stringMatching(/only the API’s types/)]);
    // The API's types and the domain are fine.
    expect(await problems(file, "import type { AppRouter } from '@coalition/api';\nimport { dueState } from '@coalition/domain';\nexport type A = AppRouter;\nexport const d = dueState;\n")).toEqual([]);
  });

  it('a feature reaches another feature only through its index.ts', async () => {
    const file = 'apps/web/src/features/milestones/probe.ts';
    expect(await problems(file, "import { CommentThread } from '../comments/CommentThread.tsx';\nexport const c = CommentThread;\n")).toEqual([
      expect.stringMatching(/through its index\.ts/),
    ]);
    expect(await problems(file, "import { CommentThread } from '../comments/index.ts';\nexport const c = CommentThread;\n")).toEqual([]);
    expect(await problems(file, "import { DueText } from './MilestoneList.tsx';\nimport { paths } from '../../lib/paths.ts';\nexport const x = [DueText, paths];\n")).toEqual([]);
  });

  it('shared code does not depend on a feature', async () => {
    expect(await problems('apps/web/src/lib/probe.ts', "import { partnerSchema } from '../features/partners/model.ts';\nexport const s = partnerSchema;\n")).toHaveLength(1);
  });

  it('the domain depends on nothing but zod', async () => {
    const file = 'packages/domain/src/probe.ts';
    expect(await problems(file, "import { eq } from 'drizzle-orm';\nexport const e = eq;\n")).toHaveLength(1);
    expect(await problems(file, "import { useState } from 'react';\nexport const u = useState;\n")).toHaveLength(1);
    expect(await problems(file, "import { EventEmitter } from 'node:events';\nexport const e = EventEmitter;\n")).toHaveLength(1);
    expect(await problems(file, "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });
});
