import { useMutation } from '@tanstack/react-query';
import { Check } from 'lucide-react';
import { Controller } from 'react-hook-form';
import { Field, FieldSet, FormDialog, Input, SelectField, Textarea, toast, type ConflictField } from '../../components/index.ts';
import { cn } from '../../lib/cn.ts';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { useConflictResolution, useZodForm } from '../../lib/forms.ts';
import { labelOf, optionsOf, TRACK_STATUS } from '../../lib/labels.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useTrackCache } from './cache.ts';
import { toTrackForm, TRACK_PALETTE, trackSchema, type TrackFormValues } from './model.ts';

const statusOptions = optionsOf(TRACK_STATUS);

const CONFLICT_FIELDS: ConflictField[] = [
  { key: 'name', label: 'Name' },
  { key: 'objective', label: 'Objective' },
  {
    key: 'color',
    label: 'Colour',
    format: (v) => (
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block size-3 rounded-full" style={{ backgroundColor: String(v) }} />
        {String(v)}
      </span>
    ),
  },
  { key: 'status', label: 'Status', format: (v) => labelOf('trackStatus', String(v)) },
];

export interface EditableTrack extends TrackFormValues {
  id: string;
  version: number;
}

/** Create (no `track`) or edit a track; mount only while open. */
export function TrackFormDialog({ track, defaultColor, onClose }: { track: EditableTrack | null; defaultColor?: string; onClose: () => void }) {
  const trpc = useTRPC();
  const coalitionId = useCoalitionId();
  const cache = useTrackCache();
  const editing = !!track;
  const form = useZodForm(trackSchema, {
    defaultValues: track ? toTrackForm(track) : toTrackForm({ color: defaultColor }),
    draftId: track ? `track-edit:${track.id}` : `track-create:${coalitionId}`,
  });
  const create = useMutation(trpc.track.create.mutationOptions());
  const update = useMutation(trpc.track.update.mutationOptions());
  const { errors } = form.formState;

  const saveEdit = async (values: TrackFormValues, atVersion: number) => {
    const saved = await update.mutateAsync({ coalitionId, trackId: track!.id, version: atVersion, ...values });
    cache.updated(saved.id, Object.keys(values));
    toast.success(`Saved “${saved.name}”`);
  };
  const conflict = useConflictResolution<TrackFormValues>({
    form,
    version: track?.version ?? 1,
    entity: 'track',
    fields: CONFLICT_FIELDS,
    busy: update.isPending,
    save: saveEdit,
    resetFrom: (cur) => {
      form.reset(toTrackForm(cur));
      cache.updated(track!.id, ['name']);
    },
    onResolved: onClose,
  });

  return (
    <FormDialog
      title={editing ? `Edit ${track.name}` : 'Add a track'}
      description={editing ? undefined : 'A parallel reform track: one strand of the plan, advanced by its own partners toward the shared goal.'}
      form={form}
      onClose={onClose}
      conflict={conflict.dialog}
      submitLabel={editing ? 'Save changes' : 'Add track'}
      onSubmit={form.submit(
        async (values) => {
          if (editing) await saveEdit(values, conflict.version);
          else {
            const created = await create.mutateAsync({ coalitionId, ...values });
            cache.created(created.id);
            toast.success(`Added the track “${created.name}”`);
          }
          onClose();
        },
        { onConflict: conflict.open },
      )}
    >
      <Field label="Name" required error={errors.name?.message}>
        <Input autoComplete="off" autoFocus {...form.register('name')} />
      </Field>
      <Field label="Objective" error={errors.objective?.message} description="What this track must achieve for the goal">
        <Textarea rows={3} {...form.register('objective')} />
      </Field>
      <SelectField control={form.control} name="status" label="Status" required options={statusOptions} />
      <Controller
        control={form.control}
        name="color"
        render={({ field }) => (
          <FieldSet legend="Colour" error={errors.color?.message} description="Used for the track's bars and dots, always next to its name">
            <div className="flex flex-wrap items-center gap-1.5">
              {TRACK_PALETTE.map((c) => {
                const on = field.value.toLowerCase() === c.value;
                return (
                  <label key={c.value} className="relative" title={c.name}>
                    <input type="radio" name="track-color" value={c.value} checked={on} onChange={() => field.onChange(c.value)} className="peer sr-only" aria-label={c.name} />
                    <span
                      className={cn(
                        'flex size-8 cursor-pointer items-center justify-center rounded-full ring-2 ring-offset-2 ring-transparent',
                        'peer-checked:ring-slate-900 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-4 peer-focus-visible:outline-indigo-600',
                      )}
                      style={{ backgroundColor: c.value }}
                    >
                      {on && <Check aria-hidden className="size-4 text-white" />}
                    </span>
                  </label>
                );
              })}
              <label className="ml-1 inline-flex items-center gap-2 text-[13px] text-slate-700">
                <input
                  type="color"
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  onBlur={field.onBlur}
                  className="h-8 w-10 cursor-pointer rounded border border-slate-300 bg-white p-0.5"
                />
                Custom <span className="font-mono text-xs text-slate-500">{field.value}</span>
              </label>
            </div>
          </FieldSet>
        )}
      />
    </FormDialog>
  );
}
