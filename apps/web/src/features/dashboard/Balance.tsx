/** Balance and gaps: state and non-state partners, whom to engage next, contributions and leads per track. */
import { CONTRIBUTIONS, PARTNER_KINDS } from '@coalition/domain';
import { CheckCircle2, Handshake, UserRoundX } from 'lucide-react';
import { Link } from 'wouter';
import { Badge, StatusBadge } from '../../components/Badge.tsx';
import { Card } from '../../components/PageHeader.tsx';
import { CONTRIBUTION, PARTNER_KIND } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { SmallLink } from './SmallLink.tsx';
import type { Dashboard } from './types.ts';

export function BalancePanel({ balance: b, coalitionId }: { balance: Dashboard['balance']; coalitionId: string }) {
  const total = b.stateCount + b.nonStateCount;
  const statePct = total ? Math.round((b.stateCount / total) * 100) : 0;
  const contributions = CONTRIBUTIONS;
  return (
    <section aria-labelledby="balance-title" className="mt-5">
      <h2 id="balance-title" className="mb-3 text-sm font-semibold text-slate-900">
        Balance &amp; gaps
      </h2>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="State and non-state partners" description="Reforms succeed when both work together">
          {total === 0 ? (
            <p className="py-3 text-sm text-slate-500">No partners yet.</p>
          ) : (
            <>
              <div className="flex h-3 overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`${b.stateCount} state and ${b.nonStateCount} non-state partners`}>
                <div className="bg-indigo-600" style={{ width: `${statePct}%` }} />
                <div className="bg-teal-500" style={{ width: `${100 - statePct}%` }} />
              </div>
              <div className="mt-2 flex justify-between text-sm">
                <span className="flex items-center gap-1.5">
                  <span aria-hidden className="size-2.5 rounded-sm bg-indigo-600" /> State <strong className="tabular-nums">{b.stateCount}</strong>
                </span>
                <span className="flex items-center gap-1.5">
                  Non-state <strong className="tabular-nums">{b.nonStateCount}</strong> <span aria-hidden className="size-2.5 rounded-sm bg-teal-500" />
                </span>
              </div>
              <ul className="mt-3 flex flex-wrap gap-1.5">
                {PARTNER_KINDS.filter((k) => (b.byKind[k] ?? 0) > 0)
                  .map((k) => (
                    <li key={k}>
                      <Badge tone={PARTNER_KIND[k].tone}>
                        {PARTNER_KIND[k].label} {b.byKind[k]}
                      </Badge>
                    </li>
                  ))}
              </ul>
            </>
          )}
        </Card>

        <Card
          title="Bring into the dialogue next"
          description="High influence, not yet engaged"
          actions={<SmallLink href={paths.partners(coalitionId)}>Partners</SmallLink>}
        >
          {b.engageNextCount > b.engageNext.length && (
            <p className="mb-1 text-xs text-slate-500">The {b.engageNext.length} most influential of {b.engageNextCount}.</p>
          )}
          {b.engageNext.length === 0 ? (
            <p className="flex items-center gap-2 py-3 text-sm text-slate-500">
              <CheckCircle2 aria-hidden className="size-4 text-emerald-600" />
              Every high-influence partner is already in the dialogue.
            </p>
          ) : (
            <ul className="-mx-1 divide-y divide-slate-100">
              {b.engageNext.map((p) => (
                <li key={p.id}>
                  <Link href={paths.partner(coalitionId, p.id)} className="flex items-center gap-3 rounded-md px-1 py-2 hover:bg-slate-50">
                    <Handshake aria-hidden className="size-4 shrink-0 text-slate-400" />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium text-slate-900">{p.name}</span>
                      <span className="block text-xs text-slate-500">
                        {PARTNER_KIND[p.kind].label} · influence {p.influence}/5 · interest {p.interest}/5
                      </span>
                    </span>
                    <StatusBadge of="stage" value={p.stage} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card className="lg:col-span-2" title="Contributions per track" description="Ideas, resources, networks and political support each track can count on (active and on-hold tracks)">
          {b.contributionsByTrack.length === 0 ? (
            <p className="py-3 text-sm text-slate-500">No active tracks.</p>
          ) : (
            <div className="-mx-4 overflow-x-auto px-4 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-600" tabIndex={0} role="region" aria-label="Contributions per track table">
              <table className="w-full min-w-[32rem] text-sm">
                <caption className="sr-only">Contributions covered per track</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                    <th scope="col" className="py-2 pr-3 font-medium">
                      Track
                    </th>
                    {contributions.map((c) => (
                      <th key={c} scope="col" className="px-2 py-2 text-center font-medium">
                        {CONTRIBUTION[c].label}
                      </th>
                    ))}
                    <th scope="col" className="py-2 pl-2 text-right font-medium">
                      Lead
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {b.contributionsByTrack.map((t) => {
                    const noLead = !t.hasLead;
                    return (
                      <tr key={t.trackId} className="border-b border-slate-100 last:border-0">
                        <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                          {t.name}
                        </th>
                        {contributions.map((c) => {
                          const covered = t.covered.includes(c);
                          return (
                            <td key={c} className="px-2 py-2 text-center">
                              {covered ? (
                                <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-700">
                                  <CheckCircle2 aria-hidden className="size-3.5" />
                                  <span>Covered</span>
                                </span>
                              ) : (
                                <span className="inline-flex items-center gap-1 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800">Missing</span>
                              )}
                            </td>
                          );
                        })}
                        <td className="py-2 pl-2 text-right">
                          {noLead ? (
                            <Badge tone="red">
                              <UserRoundX aria-hidden className="size-3" /> No lead
                            </Badge>
                          ) : (
                            <span className="text-xs text-slate-500">Has lead</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {b.tracksWithoutLead.length > 0 && (
            <p className="mt-3 flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
              <UserRoundX aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>
                {b.tracksWithoutLead.length === 1 ? 'One track has' : `${b.tracksWithoutLead.length} tracks have`} no lead partner:{' '}
                {b.tracksWithoutLead.map((t) => t.name).join(', ')}.{' '}
                <Link href={paths.tracks(coalitionId)} className="font-medium underline">
                  Assign leads in the matrix
                </Link>
              </span>
            </p>
          )}
        </Card>
      </div>
    </section>
  );
}
