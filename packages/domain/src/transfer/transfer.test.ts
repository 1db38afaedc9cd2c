import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import {
  buildExport,
  csvField,
  describeCounts,
  EXPORT_FORMAT,
  foldLine,
  icalText,
  icalTimestamp,
  importedCommentBody,
  planImport,
  slugify,
  toICalendar,
  toMilestonesCsv,
  zWorkspaceFile,
  type WorkspaceExport,
  type WorkspaceFile,
  type ImportResult,
  type WorkspaceRows,
} from '../index.ts';

const NOW = Date.UTC(2024, 4, 6, 9, 30, 15);
const octets = (s: string) => new TextEncoder().encode(s).length;

function ms(id: string, title: string, dueDate: string, extra: Partial<WorkspaceExport['milestones'][number]> = {}) {
  return {
    id,
    trackId: null,
    title,
    description: '',
    startDate: null,
    dueDate,
    status: 'planned' as const,
    progress: 0,
    ownerPartnerId: null,
    completedOn: null,
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  };
}

function sampleRows(): WorkspaceRows {
  return {
    coalition: { name: 'Landmine ban', goal: 'Sign a treaty', goalDate: '1997-12-03', description: 'Ottawa process', timeZone: 'Europe/Brussels' },
    partners: [
      {
        id: 'p1',
        name: 'Canada',
        kind: 'state',
        country: 'CA',
        contact: '',
        contributions: ['political_support'],
        influence: 5,
        interest: 5,
        stage: 'champion',
        committedOn: '1996-10-05',
        notes: '',
        createdAt: 1,
        updatedAt: 2,
      },
      {
        id: 'p2',
        name: 'ICBL',
        kind: 'civil_society',
        country: '',
        contact: 'icbl@example.org',
        contributions: ['ideas', 'networks'],
        influence: 4,
        interest: 5,
        stage: 'committed',
        committedOn: '1992-10-01',
        notes: 'Coalition of NGOs',
        createdAt: 1,
        updatedAt: 1,
      },
    ],
    tracks: [
      { id: 't1', name: 'Diplomacy', objective: 'Core group', color: '#1d4ed8', position: 0, status: 'active', createdAt: 1, updatedAt: 1 },
      { id: 't2', name: 'Campaign', objective: '', color: '#b91c1c', position: 1, status: 'achieved', createdAt: 1, updatedAt: 1 },
    ],
    assignments: [
      { partnerId: 'p1', trackId: 't1', role: 'lead', createdAt: 1, updatedAt: 1 },
      { partnerId: 'p2', trackId: 't2', role: 'lead', createdAt: 1, updatedAt: 1 },
      { partnerId: 'p2', trackId: 't1', role: 'contributor', createdAt: 1, updatedAt: 1 },
    ],
    milestones: [
      ms('m1', 'Ottawa conference', '1996-10-05', { trackId: 't1', status: 'done', progress: 100, completedOn: '1996-10-05', ownerPartnerId: 'p1' }),
      ms('m2', 'Brussels declaration', '1997-06-27', { trackId: 't1', status: 'in_progress', progress: 60, startDate: '1997-01-01' }),
      ms('m3', 'Treaty signed', '1997-12-03', { description: 'In Ottawa' }),
    ],
    dependencies: [
      { milestoneId: 'm2', dependsOnId: 'm1', createdAt: 1 },
      { milestoneId: 'm3', dependsOnId: 'm2', createdAt: 1 },
    ],
    bottlenecks: [
      {
        id: 'b1',
        trackId: 't1',
        milestoneId: 'm2',
        title: 'Great powers stay out',
        description: '',
        severity: 'high',
        status: 'reframing',
        narrative: 'A humanitarian issue, not arms control',
        createdAt: 1,
        updatedAt: 1,
      },
    ],
    comments: [
      { id: 'c1', targetType: 'milestone', targetId: 'm2', body: 'Draft circulated', authorName: 'Jody', createdAt: 5, updatedAt: 5 },
      { id: 'c2', targetType: 'partner', targetId: 'gone', body: 'Orphan', authorName: 'Jody', createdAt: 6, updatedAt: 6 },
    ],
  };
}

let counter = 0;
const opts = () => ({ userId: 'importer', now: NOW, today: '2024-05-06', newId: () => `new${++counter}` });

/** `{ 'a.b.0': [messages] }` for a zod error. */
function fieldErrorsOf(error: ZodError | undefined): Record<string, string[]> | undefined {
  if (!error) return undefined;
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.map(String).join('.') || '_'] ??= []).push(issue.message);
  return out;
}

/** The problem an import plan reports, as `{ field: [message] }`. */
function expectBadRequest(result: ImportResult): Record<string, string[]> {
  if (result.ok) throw new Error('expected the import to be refused');
  return { [result.field]: [result.message] };
}

/** The plan of an import that must succeed. */
function planned(result: ImportResult) {
  if (!result.ok) throw new Error(`expected the import to be planned: ${result.field}: ${result.message}`);
  return result.plan;
}

describe('buildExport', () => {
  it('keeps ids, copies only the format fields and drops comments on missing targets', () => {
    const file = buildExport(sampleRows(), NOW, '2024-05-06');
    expect(file.format).toBe(EXPORT_FORMAT);
    expect(file.exportedAt).toBe(NOW);
    expect(file.milestones.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(file.comments.map((c) => c.id)).toEqual(['c1']);
    expect(Object.keys(file.milestones[0]!)).not.toContain('coalitionId');
    // What we write, we read back.
    expect(zWorkspaceFile.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
  });
});

describe('zWorkspaceFile', () => {
  it('is strict: an unknown key or format is refused with its path', () => {
    const file = buildExport(sampleRows(), NOW, '2024-05-06') as unknown as Record<string, unknown>;
    const extra = zWorkspaceFile.safeParse({ ...file, partners: [{ ...(file.partners as object[])[0], secret: 1 }] });
    expect(extra.success).toBe(false);
    expect(fieldErrorsOf(extra.error)).toHaveProperty('partners.0');
    const wrong = zWorkspaceFile.safeParse({ ...file, format: 'other/v9' });
    expect(wrong.success).toBe(false);
    expect(fieldErrorsOf(wrong.error)!.format![0]).toMatch(/coalition-planner\/v1/);
  });

  it('bounds the number of records and the length of strings', () => {
    const base = { format: EXPORT_FORMAT, coalition: { name: 'X', goal: 'G', goalDate: '2030-01-01' } };
    const tooMany = zWorkspaceFile.safeParse({ ...base, tracks: Array.from({ length: 101 }, (_, i) => ({ id: `t${i}`, name: `T${i}` })) });
    expect(fieldErrorsOf(tooMany.error)!.tracks![0]).toMatch(/At most 100 tracks/);
    const long = zWorkspaceFile.safeParse({ ...base, milestones: [ms('m', 'x'.repeat(301), '2030-01-01')] });
    expect(fieldErrorsOf(long.error)).toHaveProperty(['milestones.0.title']);
    const badDate = zWorkspaceFile.safeParse({ ...base, milestones: [ms('m', 'x', '2030-02-30')] });
    expect(fieldErrorsOf(badDate.error)).toHaveProperty(['milestones.0.dueDate']);
  });

  it('fills defaults for optional fields of a hand-written file', () => {
    const parsed = zWorkspaceFile.parse({
      format: EXPORT_FORMAT,
      coalition: { name: 'X', goal: 'G', goalDate: '2030-01-01' },
      milestones: [{ id: 'a', title: 'A', dueDate: '2030-01-01' }],
    });
    expect(parsed.partners).toEqual([]);
    expect(parsed.milestones[0]).toMatchObject({ status: 'planned', progress: 0, trackId: null, description: '' });
  });
});

describe('planImport', () => {
  it('remaps every id and every reference to fresh ids', () => {
    const file = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    const plan = planned(planImport(file, opts()));
    const oldIds = new Set(['p1', 'p2', 't1', 't2', 'm1', 'm2', 'm3', 'b1', 'c1']);
    const all = [...plan.partners, ...plan.tracks, ...plan.milestones, ...plan.bottlenecks, ...plan.comments];
    for (const row of all) expect(oldIds.has(row.id)).toBe(false);
    const id = (title: string) => plan.milestones.find((m) => m.title === title)!.id;
    const track = (name: string) => plan.tracks.find((t) => t.name === name)!.id;
    const partner = (name: string) => plan.partners.find((p) => p.name === name)!.id;
    expect(plan.dependencies.map((d) => [d.milestoneId, d.dependsOnId])).toEqual([
      [id('Brussels declaration'), id('Ottawa conference')],
      [id('Treaty signed'), id('Brussels declaration')],
    ]);
    expect(plan.milestones.find((m) => m.title === 'Ottawa conference')).toMatchObject({
      trackId: track('Diplomacy'),
      ownerPartnerId: partner('Canada'),
      status: 'done',
      completedOn: '1996-10-05',
    });
    expect(plan.assignments).toContainEqual(expect.objectContaining({ partnerId: partner('ICBL'), trackId: track('Diplomacy'), role: 'contributor' }));
    expect(plan.bottlenecks[0]).toMatchObject({ trackId: track('Diplomacy'), milestoneId: id('Brussels declaration') });
    expect(plan.comments[0]).toMatchObject({
      targetId: id('Brussels declaration'),
      authorId: 'importer',
      body: '(imported, originally by Jody) Draft circulated',
      mentions: [],
    });
    expect(plan.counts).toEqual({
      partners: 2,
      tracks: 2,
      assignments: 3,
      milestones: 3,
      dependencies: 2,
      bottlenecks: 1,
      comments: 1,
      interactions: 0,
      positionChanges: 0,
      eligiblePartners: 0,
      partnerActs: 0,
      baselines: 0,
      baselineDates: 0,
      slips: 0,
    });
  });

  it('refuses a reference to an id that is not in the file, naming it', () => {
    const file = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    file.milestones[1]!.ownerPartnerId = 'nobody';
    const errors = expectBadRequest(planImport(file, opts()));
    expect(errors['data.milestones.1.ownerPartnerId']![0]).toMatch(/partner "nobody", which is not in the file/);

    const file2 = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    file2.dependencies.push({ milestoneId: 'm3', dependsOnId: 'm404' });
    expect(expectBadRequest(planImport(file2, opts()))['data.dependencies.2.dependsOnId']![0]).toMatch(/"m404"/);

    const file3 = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    file3.comments[0]!.targetType = 'track';
    expect(expectBadRequest(planImport(file3, opts()))).toHaveProperty(['data.comments.0.targetId']);
  });

  it('refuses a dependency cycle (and a self-dependency), naming the milestones', () => {
    const file = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    file.dependencies.push({ milestoneId: 'm1', dependsOnId: 'm3' });
    const errors = expectBadRequest(planImport(file, opts()));
    expect(errors['data.dependencies']![0]).toMatch(/cycle: .*"Ottawa conference"/);
    expect(errors['data.dependencies']![0]).toMatch(/"Treaty signed"/);

    const self = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    self.dependencies = [{ milestoneId: 'm1', dependsOnId: 'm1' }];
    expect(expectBadRequest(planImport(self, opts()))['data.dependencies']![0]).toMatch(/"Ottawa conference" → "Ottawa conference"/);
  });

  it('refuses repeated ids, assignments and dependencies', () => {
    const dupId = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    dupId.partners[1]!.id = 'p1';
    expect(expectBadRequest(planImport(dupId, opts()))['data.partners.1.id']![0]).toMatch(/appears twice/);
    const dupPair = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    dupPair.assignments.push({ partnerId: 'p1', trackId: 't1', role: 'observer' });
    expect(expectBadRequest(planImport(dupPair, opts()))).toHaveProperty(['data.assignments.3']);
    const dupEdge = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    dupEdge.dependencies.push({ milestoneId: 'm2', dependsOnId: 'm1' });
    expect(expectBadRequest(planImport(dupEdge, opts()))).toHaveProperty(['data.dependencies.2']);
  });

  it('applies the milestone rules: start before due, completion date only when done', () => {
    const late = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    late.milestones[1]!.startDate = '1998-01-01';
    expect(expectBadRequest(planImport(late, opts()))['data.milestones.1.startDate']![0]).toMatch(/Brussels declaration/);
    const notDone = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    notDone.milestones[2]!.completedOn = '1997-12-03';
    expect(expectBadRequest(planImport(notDone, opts()))).toHaveProperty(['data.milestones.2.completedOn']);
    // A done milestone without a date is completed today at 100%, as when marked done.
    const doneNoDate = zWorkspaceFile.parse(buildExport(sampleRows(), NOW, '2024-05-06'));
    doneNoDate.milestones[0]!.completedOn = null;
    doneNoDate.milestones[0]!.progress = 50;
    expect(planned(planImport(doneNoDate, opts())).milestones[0]).toMatchObject({ completedOn: '2024-05-06', progress: 100 });
  });

  it('renumbers track positions in their order and fills a missing colour', () => {
    const file = zWorkspaceFile.parse({
      format: EXPORT_FORMAT,
      coalition: { name: 'X', goal: 'G', goalDate: '2030-01-01' },
      tracks: [
        { id: 'b', name: 'B', position: 7 },
        { id: 'a', name: 'A', position: 3 },
      ],
    });
    const plan = planned(planImport(file, opts()));
    expect(plan.tracks.map((t) => [t.name, t.position])).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
    expect(plan.tracks[0]!.color).toMatch(/^#[0-9a-f]{6}$/i);
  });
});

describe('planImport: forecast ranges, threshold milestones, baselines and slips', () => {
  const ALICE = 'alice@example.org';
  /** The sample plan with a range on m2, m3 reached by two ratifications (p1, p2 eligible), a baseline and a slip. */
  function signalRows(): WorkspaceRows {
    const rows = sampleRows();
    return {
      ...rows,
      milestones: rows.milestones.map((m) =>
        m.id === 'm2'
          ? { ...m, estimateOptimistic: '1997-06-01', estimateLikely: '1997-07-01', estimatePessimistic: '1997-09-01' }
          : m.id === 'm3'
            ? { ...m, thresholdAct: 'ratified' as const, threshold: 2 }
            : m,
      ),
      eligiblePartners: [
        { milestoneId: 'm3', partnerId: 'p1' },
        { milestoneId: 'm3', partnerId: 'p2' },
      ],
      partnerActs: [
        { milestoneId: 'm3', partnerId: 'p1', act: 'ratified', actedOn: '1997-12-03', note: 'First', authorEmail: ALICE, createdAt: 3, updatedAt: 4 },
        { milestoneId: 'm3', partnerId: 'p2', act: 'signed', actedOn: '1997-12-04', note: '', authorEmail: 'gone@example.org', createdAt: 3, updatedAt: 3 },
      ],
      baselines: [{ id: 'b1', name: 'Plan of record', createdByEmail: ALICE, createdAt: 2 }],
      baselineDates: [
        { baselineId: 'b1', milestoneId: 'm2', startDate: '1997-01-01', dueDate: '1997-06-01' },
        { baselineId: 'b1', milestoneId: 'm3', startDate: null, dueDate: '1997-11-01' },
      ],
      slips: [{ milestoneId: 'm3', baselineId: 'b1', fromDue: '1997-11-01', toDue: '1997-12-03', reason: 'Late signatures', authorEmail: null, createdAt: 7 }],
    };
  }
  const fileOf = (rows: WorkspaceRows) => zWorkspaceFile.parse(JSON.parse(JSON.stringify(buildExport(rows, NOW, '2024-05-06'))));
  const members = new Map([[ALICE, 'u-alice']]);

  it('exports every field (none left out on an older row) and plans the rows under fresh ids, members by email', () => {
    const exported = buildExport(signalRows(), NOW, '2024-05-06');
    expect(exported.milestones[0]).toMatchObject({ estimateOptimistic: null, estimateLikely: null, estimatePessimistic: null, thresholdAct: null, threshold: null });
    const plan = planned(planImport(fileOf(signalRows()), { ...opts(), members }));
    const id = (title: string) => plan.milestones.find((m) => m.title === title)!.id;
    const partner = (name: string) => plan.partners.find((p) => p.name === name)!.id;
    expect(plan.milestones.find((m) => m.title === 'Brussels declaration')).toMatchObject({ estimateOptimistic: '1997-06-01', estimateLikely: '1997-07-01', estimatePessimistic: '1997-09-01', thresholdAct: null });
    expect(plan.milestones.find((m) => m.title === 'Treaty signed')).toMatchObject({ thresholdAct: 'ratified', threshold: 2, estimateLikely: null });
    expect(plan.eligiblePartners).toEqual([
      { milestoneId: id('Treaty signed'), partnerId: partner('Canada') },
      { milestoneId: id('Treaty signed'), partnerId: partner('ICBL') },
    ]);
    expect(plan.partnerActs).toEqual([
      { id: expect.stringMatching(/^new/), milestoneId: id('Treaty signed'), partnerId: partner('Canada'), act: 'ratified', actedOn: '1997-12-03', note: 'First', authorId: 'u-alice', version: 1, createdAt: 3, updatedAt: 4 },
      expect.objectContaining({ partnerId: partner('ICBL'), act: 'signed', authorId: null }),
    ]);
    const [baseline] = plan.baselines;
    expect(baseline).toEqual({ id: expect.stringMatching(/^new/), name: 'Plan of record', createdBy: 'u-alice', createdAt: 2 });
    expect(plan.baselineDates).toEqual([
      { baselineId: baseline!.id, milestoneId: id('Brussels declaration'), startDate: '1997-01-01', dueDate: '1997-06-01' },
      { baselineId: baseline!.id, milestoneId: id('Treaty signed'), startDate: null, dueDate: '1997-11-01' },
    ]);
    expect(plan.slips).toEqual([
      { id: expect.stringMatching(/^new/), milestoneId: id('Treaty signed'), baselineId: baseline!.id, fromDue: '1997-11-01', toDue: '1997-12-03', reason: 'Late signatures', authorId: null, createdAt: 7 },
    ]);
    expect(plan.counts).toMatchObject({ eligiblePartners: 2, partnerActs: 2, baselines: 1, baselineDates: 2, slips: 1 });
  });

  it('reads a file without these sections and fields (an older export) as none', () => {
    const old = JSON.parse(JSON.stringify(buildExport(sampleRows(), NOW, '2024-05-06')));
    for (const key of ['eligiblePartners', 'partnerActs', 'baselines', 'baselineDates', 'slips']) delete old[key];
    const plan = planned(planImport(zWorkspaceFile.parse(old), opts()));
    expect(plan.milestones.every((m) => m.estimateOptimistic === null && m.estimatePessimistic === null && m.thresholdAct === null && m.threshold === null)).toBe(true);
    expect(plan.counts).toMatchObject({ eligiblePartners: 0, partnerActs: 0, baselines: 0, baselineDates: 0, slips: 0 });
  });

  it('refuses a bad range or half a threshold, naming the milestone', () => {
    const refused = (edit: (rows: WorkspaceRows) => void) => {
      const rows = signalRows();
      edit(rows);
      return expectBadRequest(planImport(fileOf(rows), opts()));
    };
    const m = (rows: WorkspaceRows, id: string) => rows.milestones.find((x) => x.id === id) as Record<string, unknown>;
    expect(refused((r) => void (m(r, 'm2').estimateLikely = '1997-05-01'))).toEqual({
      'data.milestones.1.estimateLikely': ['Milestone "Brussels declaration": The likely date cannot be before the optimistic one'],
    });
    expect(refused((r) => void (m(r, 'm2').estimatePessimistic = null))).toEqual({
      'data.milestones.1.estimatePessimistic': ['Milestone "Brussels declaration": Give all three dates of the forecast range, or none'],
    });
    const partial = JSON.parse(JSON.stringify(buildExport(signalRows(), NOW, '2024-05-06')));
    delete partial.milestones[1].estimateLikely;
    expect(expectBadRequest(planImport(zWorkspaceFile.parse(partial), opts()))).toHaveProperty(['data.milestones.1.estimateLikely']);
    expect(refused((r) => void (m(r, 'm3').threshold = null))).toEqual({
      'data.milestones.2.threshold': ['Milestone "Treaty signed": Say how many acts reach the milestone, or clear the act that counts'],
    });
  });

  it('refuses an act of a partner that is not eligible, a repeated act or eligible partner, and references outside the file', () => {
    const refused = (edit: (file: WorkspaceFile) => void) => {
      const file = fileOf(signalRows());
      edit(file);
      return expectBadRequest(planImport(file, opts()));
    };
    expect(refused((f) => void f.eligiblePartners!.pop())).toEqual({
      'data.partnerActs.1.partnerId': ['"ICBL" has an act toward the milestone "Treaty signed" but is not one of its eligible partners'],
    });
    expect(refused((f) => void f.partnerActs!.push({ ...f.partnerActs![0]!, actedOn: '1997-12-05' }))).toEqual({
      'data.partnerActs.2.act': ['"Canada" is recorded as ratified toward the milestone "Treaty signed" twice'],
    });
    expect(refused((f) => void f.eligiblePartners!.push({ milestoneId: 'm3', partnerId: 'p1' }))).toEqual({
      'data.eligiblePartners.2': ['"Canada" is listed as eligible for the milestone "Treaty signed" twice'],
    });
    expect(refused((f) => void f.baselineDates!.push({ ...f.baselineDates![0]! }))).toEqual({
      'data.baselineDates.2': ['The milestone "Brussels declaration" has two dates in the baseline "Plan of record"'],
    });
    expect(refused((f) => void (f.slips![0]!.baselineId = 'b404'))['data.slips.0.baselineId']![0]).toMatch(/baseline "b404", which is not in the file/);
    expect(refused((f) => void (f.baselineDates![1]!.milestoneId = 'm404'))['data.baselineDates.1.milestoneId']![0]).toMatch(/milestone "m404"/);
    expect(refused((f) => void (f.eligiblePartners![0]!.partnerId = 'p404'))['data.eligiblePartners.0.partnerId']![0]).toMatch(/partner "p404"/);
    expect(refused((f) => void f.baselines!.push({ ...f.baselines![0]! }))['data.baselines.1.id']![0]).toMatch(/baseline id "b1" appears twice/);
  });
});

describe('importedCommentBody and describeCounts', () => {
  it('prefixes the original author and stays within the comment limit', () => {
    expect(importedCommentBody(null, 'hi')).toBe('(imported, originally by an unknown author) hi');
    expect(importedCommentBody('A', 'x'.repeat(10000))).toHaveLength(10000);
  });
  it('summarises the non-zero counts', () => {
    expect(describeCounts({ partners: 1, tracks: 0, assignments: 2, milestones: 0, dependencies: 1, bottlenecks: 0, comments: 0 })).toBe(
      '1 partner, 2 assignments, 1 dependency',
    );
    expect(describeCounts({ milestones: 3, eligiblePartners: 1, partnerActs: 2, baselines: 1, baselineDates: 3, slips: 0, positionChanges: 1 })).toBe(
      '3 milestones, 1 eligible partner, 2 partner acts, 1 baseline, 3 baseline dates, 1 position change',
    );
  });
});

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes a header and one CRLF-terminated row per milestone with track, owner and dependency titles', () => {
    const rows = sampleRows();
    rows.milestones[2]!.title = 'Treaty, signed';
    rows.milestones[2]!.description = '=cmd|"/c calc"!A0\nsecond line';
    const csv = toMilestonesCsv(rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,title,track,status,progress,start_date,due_date,completed_on,owner,depends_on,description');
    expect(lines[1]).toBe('m1,Ottawa conference,Diplomacy,done,100,,1996-10-05,1996-10-05,Canada,,');
    expect(lines[2]).toBe('m2,Brussels declaration,Diplomacy,in_progress,60,1997-01-01,1997-06-27,,,Ottawa conference,');
    expect(csv).toContain(`m3,"Treaty, signed",,planned,0,,1997-12-03,,,Brussels declaration,"'=cmd|""/c calc""!A0\nsecond line"\r\n`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\r/);
  });

  it('joins several dependency titles with "; " in the milestone order', () => {
    const base = sampleRows();
    const rows = { ...base, dependencies: [...base.dependencies, { milestoneId: 'm3', dependsOnId: 'm1', createdAt: 1 }] };
    expect(toMilestonesCsv(rows)).toContain(',Ottawa conference; Brussels declaration,In Ottawa\r\n');
  });
});

describe('iCalendar', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(icalText('a\\b; c, d\r\ne\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
    expect(icalText('bell\u0007\ttab')).toBe('bell\ttab');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    expect(foldLine('short')).toBe('short');
    const folded = foldLine(`SUMMARY:${'x'.repeat(200)}`);
    const parts = folded.split('\r\n');
    expect(parts.length).toBe(3);
    for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(`SUMMARY:${'x'.repeat(200)}`);
    const accents = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    for (const p of accents.split('\r\n')) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(accents).not.toContain('\uFFFD');
    expect(accents.split('\r\n').map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });

  it('has one all-day event per milestone plus the goal date, with status, track and progress', () => {
    const rows = sampleRows();
    rows.milestones[1]!.title = 'Brussels; declaration, "final"';
    const ics = toICalendar({ coalition: { id: 'c', ...rows.coalition }, milestones: rows.milestones, tracks: rows.tracks, now: NOW });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(ics).toContain('CALSCALE:GREGORIAN\r\n');
    expect(ics).toContain('X-WR-CALNAME:Landmine ban\r\n');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(ics.match(/END:VEVENT/g)).toHaveLength(4);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('UID:m2@coalition-planner\r\n');
    expect(unfolded).toContain(`DTSTAMP:${icalTimestamp(NOW)}\r\n`);
    expect(icalTimestamp(NOW)).toBe('20240506T093015Z');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:19970627\r\nDTEND;VALUE=DATE:19970628\r\n');
    expect(unfolded).toContain('SUMMARY:[in progress] Brussels\\; declaration\\, "final"\r\n');
    expect(unfolded).toContain('SUMMARY:[done] Ottawa conference\r\n');
    expect(unfolded).toContain('SUMMARY:Treaty signed\r\n');
    expect(unfolded).toContain('DESCRIPTION:Track: Diplomacy\\nProgress: 60%\r\n');
    expect(unfolded).toContain('DESCRIPTION:Track: Coalition-wide\\nProgress: 0%\\n\\nIn Ottawa\r\n');
    expect(unfolded).toContain('UID:goal-c@coalition-planner\r\nDTSTAMP');
    expect(unfolded).toContain('SUMMARY:Goal: Sign a treaty\r\n');
    // Month ends and year ends roll over.
    const eoy = toICalendar({
      coalition: { id: 'c', name: 'N', goal: 'G', goalDate: '2024-02-29' },
      milestones: [ms('z', 'Z', '2023-12-31')],
      tracks: [],
      now: NOW,
    });
    expect(eoy).toContain('DTSTART;VALUE=DATE:20231231\r\nDTEND;VALUE=DATE:20240101\r\n');
    expect(eoy).toContain('DTSTART;VALUE=DATE:20240229\r\nDTEND;VALUE=DATE:20240301\r\n');
  });
});

describe('slugify', () => {
  it('makes a file-name-safe name', () => {
    expect(slugify('World Summit 2020!')).toBe('world-summit-2020');
    expect(slugify('Côte d’Ivoire coalition')).toBe('cote-d-ivoire-coalition');
    expect(slugify('***')).toBe('coalition');
  });
});
