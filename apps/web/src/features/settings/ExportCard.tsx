/**
 * Settings → Export: the three downloads every member may make (viewer and up). Each file is
 * fetched through its tRPC procedure when asked for and saved as it came (a Blob of the
 * procedure's text: the CSV and the calendar are its `content`, the workspace is its JSON).
 */
import { useMutation } from '@tanstack/react-query';
import { CalendarDays, FileJson, FileSpreadsheet } from 'lucide-react';
import type { ReactNode } from 'react';
import { slugify } from '@coalition/domain';
import { Button } from '../../components/Button.tsx';
import { Card } from '../../components/PageHeader.tsx';
import { Alert } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { useCoalitionToday } from '../../lib/coalition.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPCClient } from '../../lib/trpc.ts';

type Kind = 'workspace' | 'milestones' | 'calendar';

interface Download {
  filename: string;
  content: string;
  type: string;
}

const KINDS: { kind: Kind; title: string; noun: string; button: string; icon: ReactNode; description: string }[] = [
  {
    kind: 'workspace',
    title: 'Workspace (JSON)',
    noun: 'workspace file',
    button: 'Download workspace JSON',
    icon: <FileJson aria-hidden className="size-4" />,
    description:
      'Everything in this coalition — partners, tracks and their roles, milestones and dependencies, bottlenecks and comments — in one file you can import again as a new coalition.',
  },
  {
    kind: 'milestones',
    title: 'Milestones (CSV)',
    noun: 'milestones CSV',
    button: 'Download milestones CSV',
    icon: <FileSpreadsheet aria-hidden className="size-4" />,
    description: 'One row per milestone, by due date — track, status, progress, dates, owner and dependencies — for a spreadsheet.',
  },
  {
    kind: 'calendar',
    title: 'Calendar (.ics)',
    noun: 'calendar',
    button: 'Download calendar',
    icon: <CalendarDays aria-hidden className="size-4" />,
    description: 'The goal date and every milestone’s due date as all-day events, for Outlook, Google or Apple Calendar.',
  },
];

/** `name-milestones.csv` → `name-milestones-2025-03-04.csv`. */
function withDate(filename: string, date: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? `${filename.slice(0, dot)}-${date}${filename.slice(dot)}` : `${filename}-${date}`;
}

/** Saves `content` as a file (UTF-8, exactly these characters: no BOM, line endings kept). */
function save({ filename, content, type }: Download) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the Blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportCard({ coalitionId, coalitionName, className }: { coalitionId: string; coalitionName: string; className?: string }) {
  const client = useTRPCClient();
  const today = useCoalitionToday();

  const fetchFile = async (kind: Kind): Promise<Download> => {
    switch (kind) {
      case 'workspace': {
        const file = await client.transfer.exportJson.query({ coalitionId });
        // The procedure's own JSON, as the server serialised it.
        return { filename: `${slugify(coalitionName)}-workspace-${today}.json`, content: JSON.stringify(file), type: 'application/json' };
      }
      case 'milestones': {
        const { filename, content } = await client.transfer.milestonesCsv.query({ coalitionId });
        return { filename: withDate(filename, today), content, type: 'text/csv;charset=utf-8' };
      }
      case 'calendar': {
        const { filename, content } = await client.transfer.icalendar.query({ coalitionId });
        return { filename: withDate(filename, today), content, type: 'text/calendar;charset=utf-8' };
      }
    }
  };

  // A mutation only in name: an action the user starts, whose failure (an expired session too) stays on screen.
  const download = useMutation({
    mutationFn: async (kind: Kind) => {
      const file = await fetchFile(kind);
      save(file);
      return file;
    },
    onSuccess: (file) => toast.success(`Downloaded ${file.filename}`),
  });

  return (
    <Card id="export" className={className} title="Export" description="Download this coalition’s plan. Any member may; nothing changes here.">
      <ul className="flex flex-col divide-y divide-slate-100">
        {KINDS.map(({ kind, title, button, icon, description }) => (
          <li key={kind} className="flex flex-col gap-2 py-3 first:pt-1 last:pb-1 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-900">{title}</p>
              <p className="mt-0.5 text-sm text-slate-600">{description}</p>
            </div>
            <Button
              className="shrink-0 self-start sm:self-center"
              icon={icon}
              loading={download.isPending && download.variables === kind}
              disabled={download.isPending}
              onClick={() => download.mutate(kind)}
            >
              {button}
            </Button>
          </li>
        ))}
      </ul>
      {download.isError && (
        <Alert tone="error" className="mt-2" title={`Could not download the ${KINDS.find((k) => k.kind === download.variables)?.noun ?? 'file'}`}>
          {errorMessage(download.error)}
        </Alert>
      )}
    </Card>
  );
}
