/**
 * New coalition → Import from a file: choose a workspace export (JSON), see what it holds and
 * what stops it (`transfer.previewImport`, which writes nothing), then import it as a new
 * coalition (`transfer.importJson`) under its own or a new name. Lazy: its own chunk.
 */
import { useMutation } from '@tanstack/react-query';
import { CheckCircle2, Loader2 } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { z } from 'zod';
import { EXPORT_FORMAT, localTimeZone, plural, zName, type Section } from '@coalition/domain';
import { Button, ButtonLink } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Input } from '../../components/Input.tsx';
import { Card } from '../../components/PageHeader.tsx';
import { Alert } from '../../components/States.tsx';
import { formatDate, formatInstantFull } from '../../lib/dates.ts';
import { errorCode, errorData, errorMessage, httpStatus } from '../../lib/errors.ts';
import { useZodForm } from '../../lib/forms.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC, type RouterInputs, type RouterOutputs } from '../../lib/trpc.ts';
import { useCoalitionCreated } from './useCreateFromTemplate.ts';

type Preview = RouterOutputs['transfer']['previewImport'];
type Problem = Preview['problems'][number];
type FileData = RouterInputs['transfer']['importJson']['data'];

/** The server's request body limit (a whole workspace fits comfortably). */
const MAX_FILE_MB = 8;
const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;
/** Problems listed on screen; the rest are counted. */
const SHOWN_PROBLEMS = 50;

/** The sections counted in the preview; those marked `ifAny` only when the file has some. */
const COUNTS: [Section, string, 'ifAny'?][] = [
  ['partners', 'Partners'],
  ['tracks', 'Tracks'],
  ['assignments', 'Track roles'],
  ['milestones', 'Milestones'],
  ['dependencies', 'Dependencies'],
  ['bottlenecks', 'Bottlenecks'],
  ['comments', 'Comments'],
  ['interactions', 'Interactions'],
  ['positionChanges', 'Position changes'],
  ['eligiblePartners', 'Eligible partners', 'ifAny'],
  ['partnerActs', 'Partner acts', 'ifAny'],
  ['baselines', 'Baselines', 'ifAny'],
  ['baselineDates', 'Baseline dates', 'ifAny'],
  ['slips', 'Slips', 'ifAny'],
];

const ENTRY: Partial<Record<string, string>> = {
  partners: 'Partner',
  tracks: 'Track',
  assignments: 'Track role',
  milestones: 'Milestone',
  dependencies: 'Dependency',
  bottlenecks: 'Bottleneck',
  comments: 'Comment',
  interactions: 'Interaction',
  positionChanges: 'Position change',
  eligiblePartners: 'Eligible partner',
  partnerActs: 'Partner act',
  baselines: 'Baseline',
  baselineDates: 'Baseline date',
  slips: 'Slip',
  coalition: 'Coalition',
};

interface ChosenFile {
  name: string;
  size: number;
}

type State =
  | { status: 'idle' }
  | { status: 'checking'; file: ChosenFile }
  | { status: 'refused'; file: ChosenFile; title: string; message: string; problems: Problem[]; data?: unknown }
  | { status: 'previewed'; file: ChosenFile; data: FileData; preview: Preview };

const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `data.milestones.12.dueDate` → `Milestone 13 “Oslo conference”`, read from the file itself; null for other paths. */
function entryOf(path: string, data: unknown): string | null {
  const [root, section, index] = path.split('.');
  const noun = section ? ENTRY[section] : undefined;
  if (root !== 'data' || !noun || !isRecord(data)) return null;
  if (section === 'coalition') return noun;
  if (index === undefined || !/^\d+$/.test(index)) return null;
  const list = data[section!];
  const record = Array.isArray(list) ? (list[Number(index)] as unknown) : undefined;
  const label = isRecord(record) ? [record.title, record.name].find((v): v is string => typeof v === 'string' && v.trim() !== '') : undefined;
  const short = label && label.length > 60 ? `${label.slice(0, 59)}…` : label;
  return `${noun} ${Number(index) + 1}${short ? ` “${short}”` : ''}`;
}

/** The server refused to preview the file: why, in words, with each problem of the file under its path. */
function refusal(file: ChosenFile, error: unknown, data: unknown): Extract<State, { status: 'refused' }> {
  if (errorCode(error) === 'PAYLOAD_TOO_LARGE' || httpStatus(error) === 413) {
    return { status: 'refused', file, title: 'This file is too large', message: `An import file can be at most ${MAX_FILE_MB} MB.`, problems: [] };
  }
  const fieldErrors = errorData(error)?.fieldErrors;
  if (errorCode(error) === 'BAD_REQUEST' && fieldErrors) {
    const problems = Object.entries(fieldErrors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
    const format = problems.find((p) => p.path === 'data.format');
    return {
      status: 'refused',
      file,
      data,
      title: format ? 'This is not a coalition planner export' : 'This file cannot be imported',
      message: `${plural(problems.length, 'problem')} found. Nothing was written; fix the file or export it again, then choose it again.`,
      problems,
    };
  }
  return { status: 'refused', file, title: 'Could not check this file', message: errorMessage(error), problems: [] };
}

export default function ImportFromFile() {
  const trpc = useTRPC();
  const preview = useMutation(trpc.transfer.previewImport.mutationOptions());
  const [state, setState] = useState<State>({ status: 'idle' });
  // The latest choice wins: an earlier file's late answer is dropped.
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  const choose = async (picked: File | undefined) => {
    const seq = ++latest.current;
    const settle = (next: State) => seq === latest.current && setState(next);
    if (!picked) return settle({ status: 'idle' });
    const file = { name: picked.name, size: picked.size };
    if (picked.size > MAX_FILE_BYTES) {
      return settle({ status: 'refused', file, title: 'This file is too large', message: `It is ${sizeLabel(picked.size)}; an import file can be at most ${MAX_FILE_MB} MB. Nothing was written.`, problems: [] });
    }
    settle({ status: 'checking', file });
    let data: unknown;
    try {
      data = JSON.parse(await picked.text()) as unknown;
    } catch (e) {
      return settle({
        status: 'refused',
        file,
        title: 'This file is not valid JSON',
        message: `Choose a workspace file exported from a coalition’s Settings → Export.${e instanceof SyntaxError ? `\n(${e.message})` : ''}`,
        problems: [],
      });
    }
    if (!isRecord(data) || data.format !== EXPORT_FORMAT) {
      return settle({
        status: 'refused',
        file,
        title: 'This is not a coalition planner export',
        message: `A workspace export is a JSON file whose “format” is “${EXPORT_FORMAT}”. Export one from a coalition’s Settings → Export.`,
        problems: [],
      });
    }
    try {
      const result = await preview.mutateAsync({ data: data as FileData, timeZone: localTimeZone() });
      settle({ status: 'previewed', file, data: data as FileData, preview: result });
    } catch (error) {
      settle(refusal(file, error, data));
    }
  };

  // The picker closed without a file: the input is empty again (see onClick), and so is the preview.
  useEffect(() => {
    const el = input.current;
    const cancelled = () => void choose(undefined);
    el?.addEventListener('cancel', cancelled);
    return () => el?.removeEventListener('cancel', cancelled);
  });

  return (
    <Card id="import-file" title="Import from a file">
      <div className="flex flex-col gap-4 py-1">
        <p className="text-sm text-slate-600">
          Recreate a coalition from its workspace file (exported from a coalition’s Settings → Export): partners, tracks and their roles, milestones and
          dependencies, bottlenecks and comments. You see what it holds before anything is created; you become its owner.
        </p>
        <Field label="Workspace file (JSON)" description={`A .json export, at most ${MAX_FILE_MB} MB. Choosing it writes nothing.`}>
          <input
            type="file"
            accept=".json,application/json"
            ref={input}
            // Choosing the same file again (after fixing it) must be checked again: forget the last choice as the picker opens.
            onClick={(e) => {
              e.currentTarget.value = '';
            }}
            onChange={(e) => void choose(e.target.files?.[0])}
            className="block w-full min-w-0 text-sm text-slate-700 file:mr-3 file:cursor-pointer file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          />
        </Field>

        {state.status === 'checking' && (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
            <Loader2 aria-hidden className="size-4 animate-spin" />
            Checking “{state.file.name}”…
          </p>
        )}

        {state.status === 'refused' && (
          <Alert tone="error" title={state.title}>
            <p>
              <span className="break-all">“{state.file.name}”</span>: {state.message}
            </p>
            {state.problems.length > 0 && <ProblemList problems={state.problems} data={state.data} />}
          </Alert>
        )}

        {state.status === 'previewed' && <PreviewPanel file={state.file} preview={state.preview} data={state.data} />}
      </div>
    </Card>
  );
}

function ProblemList({ problems, data }: { problems: Problem[]; data: unknown }) {
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  return (
    <>
      <ul className="mt-2 flex list-none flex-col gap-2 whitespace-normal">
        {shown.map((p, i) => {
          const entry = entryOf(p.path, data);
          return (
            <li key={`${p.path}:${i}`} className="min-w-0">
              <code className="break-all rounded bg-white/80 px-1 py-0.5 font-mono text-xs text-red-950 ring-1 ring-red-200">{p.path}</code>
              <span className="mt-0.5 block break-words">
                {entry && <span className="font-medium">{entry}: </span>}
                {p.message}
              </span>
            </li>
          );
        })}
      </ul>
      {problems.length > shown.length && <p className="mt-2">…and {plural(problems.length - shown.length, 'more problem')}.</p>}
    </>
  );
}

function PreviewPanel({ file, preview, data }: { file: ChosenFile; preview: Preview; data: FileData }) {
  const headingId = useId();
  const { coalition, counts, problems } = preview;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-slate-50/60 p-3 sm:p-4">
      <div className="min-w-0">
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          Preview of “<span className="break-all">{file.name}</span>”
        </h3>
        <p className="mt-0.5 text-xs text-slate-500">
          {sizeLabel(file.size)}
          {preview.exportedAt !== null && <> · exported {formatInstantFull(preview.exportedAt)}</>}
        </p>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium text-slate-600">Coalition</dt>
        <dd className="min-w-0 break-words text-slate-900">{preview.source}</dd>
        <dt className="font-medium text-slate-600">Goal</dt>
        <dd className="min-w-0 break-words text-slate-900">{coalition.goal}</dd>
        <dt className="font-medium text-slate-600">Goal date</dt>
        <dd className="text-slate-900">{formatDate(coalition.goalDate)}</dd>
        <dt className="font-medium text-slate-600">Time zone</dt>
        <dd className="text-slate-900">{coalition.timeZone.replace(/_/g, ' ')}</dd>
      </dl>
      <div>
        <h4 className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">What it holds</h4>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {COUNTS.filter(([section, , ifAny]) => !ifAny || counts[section] > 0).map(([section, label]) => (
            <div key={section} className="rounded-md border border-slate-200 bg-white px-3 py-2">
              <dt className="text-xs text-slate-600">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900" data-count={section}>
                {counts[section].toLocaleString('en')}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      {problems.length > 0 ? (
        <Alert tone="error" title={`${plural(problems.length, 'problem')} stop${problems.length === 1 ? 's' : ''} this import`}>
          <p>Nothing was written. Fix the file or export it again, then choose it again.</p>
          <ProblemList problems={problems} data={data} />
        </Alert>
      ) : (
        <>
          <p role="status" className="flex items-start gap-2 text-sm text-emerald-800">
            <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" />
            No problems found. Nothing has been written yet: import it to create the coalition.
          </p>
          <ImportForm data={data} preview={preview} />
        </>
      )}
    </section>
  );
}

/** An optional new name: empty keeps the file's. */
const nameSchema = z.object({
  name: z
    .string()
    .trim()
    .pipe(z.union([z.literal('').transform(() => undefined), zName(200)])),
});

function ImportForm({ data, preview }: { data: FileData; preview: Preview }) {
  const trpc = useTRPC();
  const created = useCoalitionCreated();
  const importJson = useMutation(trpc.transfer.importJson.mutationOptions());
  const form = useZodForm(nameSchema, { defaultValues: { name: '' } });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="flex flex-col gap-4 border-t border-slate-200 pt-4"
      onSubmit={form.submit(async ({ name }) => {
        const coalition = await importJson.mutateAsync({ data, name, timeZone: localTimeZone() });
        created(coalition, { imported: true });
      })}
    >
      <Field label="Name of the new coalition" error={errors.name?.message} description={`Optional. Leave empty to keep “${preview.source}”.`}>
        <Input autoComplete="off" placeholder={preview.source} {...form.register('name')} />
      </Field>
      <FormError form={form} />
      <div className="flex flex-wrap justify-end gap-2">
        <ButtonLink href={paths.home()} variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" variant="primary" loading={isSubmitting}>
          Import as a new coalition
        </Button>
      </div>
    </form>
  );
}
