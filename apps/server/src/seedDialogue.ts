/**
 * The live demo's policy dialogue: about 25 interactions with the partners of high influence
 * over the last six months (some with next steps, done or open, one overdue), and the positions
 * they showed, so the support chart grows (sceptical states turning supportive, the UN and a
 * European capital becoming champions) and one partner turns opposed. Every date is counted
 * from the coalition's today, as the re-based plan is: the demo reads the same whatever the day.
 * Illustrative, like the coalition's own steps in the template; written through the real router.
 */
import { addDays, type InteractionKind, type Position } from '@coalition/domain';
import type { SeedCaller as Caller } from './seed.ts';

interface Contact {
  partner: string;
  /** Days before today. */
  ago: number;
  kind: InteractionKind;
  theirPeople: string;
  summary: string;
  ask?: string;
  outcome?: string;
  /** The position this contact showed (recorded with it, linked). */
  position?: Position;
  /** A next step due `due` days from the contact; `done` days after it, it was done. */
  next?: { step: string; due: number; done?: number };
}

/** Positions shown outside the log (a public statement, a vote): partner, days before today, position, note, track. */
type Shown = [partner: string, ago: number, position: Position, note: string, track?: string];

const CONTACTS: Contact[] = [
  { partner: 'Madeleine K. Albright', ago: 176, kind: 'meeting', theirPeople: 'Co-chair and her chief of staff', summary: 'Agreed the coalition’s asks for the anniversary year.', position: 'champion', outcome: 'Will open doors in Washington and European capitals.' },
  { partner: 'Ibrahim A. Gambari', ago: 174, kind: 'call', theirPeople: 'Co-chair', summary: 'Planned outreach to the African Union and the G77.', position: 'champion', next: { step: 'Draft the note for the AU Commission', due: 14, done: 10 } },
  { partner: 'UN Secretariat — UN75 Office', ago: 170, kind: 'meeting', theirPeople: 'Director, UN75 Office', summary: 'How the global conversation can feed the declaration.', ask: 'A civil society slot in the dialogues', position: 'supportive', outcome: 'Open to a joint session.' },
  { partner: 'Germany', ago: 165, kind: 'meeting', theirPeople: 'Head of the UN policy unit, Federal Foreign Office', summary: 'Presented the Council reform package.', ask: 'Host a ministerial side event', position: 'sceptical', outcome: 'Worried a summit reopens Council reform fights.', next: { step: 'Send the reframed package: renewal, not reform', due: 21, done: 18 } },
  { partner: 'Netherlands (Ministry of Foreign Affairs)', ago: 160, kind: 'meeting', theirPeople: 'Director, Multilateral Organisations', summary: 'Funding for the Hague consultations.', position: 'supportive', outcome: 'Funding confirmed for one year.' },
  { partner: 'European Union (EEAS)', ago: 155, kind: 'letter', theirPeople: 'Managing Director for Global Issues', summary: 'Letter on the EU’s priorities for UN75.', position: 'supportive' },
  { partner: 'Sweden', ago: 150, kind: 'call', theirPeople: 'UN desk officer', summary: 'First contact on the peacebuilding track.', position: 'neutral', next: { step: 'Invite to the Stockholm roundtable', due: 30, done: 25 } },
  { partner: 'Canada', ago: 140, kind: 'meeting', theirPeople: 'Deputy Permanent Representative', summary: 'Walked through the Summit idea.', ask: 'Join the group of friends', position: 'sceptical', outcome: 'Prefers to wait for the modalities resolution.' },
  { partner: 'African Union Commission', ago: 135, kind: 'side_event', theirPeople: 'Peace and Security Department', summary: 'Side event at the AU mid-year meeting.', position: 'sceptical', outcome: 'Wants Africa’s Council seats in the package.' },
  { partner: 'Nigeria', ago: 130, kind: 'meeting', theirPeople: 'Permanent Mission in New York', summary: 'Introduced by the co-chair.', position: 'neutral' },
  { partner: 'World Bank Group', ago: 125, kind: 'email', theirPeople: 'Fragility, Conflict and Violence group', summary: 'Shared the fragile states chapter.', position: 'neutral', next: { step: 'Set up a call with the FCV director', due: 20, done: 30 } },
  { partner: 'India', ago: 120, kind: 'meeting', theirPeople: 'Joint Secretary, UN Political', summary: 'Council reform and the G20 agenda.', position: 'sceptical', outcome: 'Will not back a package without permanent seats.' },
  { partner: 'United Nations Foundation', ago: 115, kind: 'call', theirPeople: 'Vice-president for UN relations', summary: 'Whether the Summit competes with UN75 itself.', position: 'sceptical' },
  { partner: 'United States', ago: 110, kind: 'meeting', theirPeople: 'Office of the Assistant Secretary for International Organization Affairs', summary: 'Briefing on the coalition’s asks.', position: 'sceptical', outcome: 'No appetite for new commitments this year.' },
  { partner: 'Germany', ago: 70, kind: 'side_event', theirPeople: 'State Minister', summary: 'Reframed package presented as renewal of the Charter’s promise.', position: 'supportive', outcome: 'Will co-host the ministerial side event.', next: { step: 'Agree the side event’s concept note', due: 14, done: 9 } },
  { partner: 'Netherlands (Ministry of Foreign Affairs)', ago: 60, kind: 'event', theirPeople: 'Minister for Foreign Affairs', summary: 'Hague consultation closed with a ministerial statement.', position: 'champion' },
  { partner: 'UN Secretariat — UN75 Office', ago: 50, kind: 'meeting', theirPeople: 'Director, UN75 Office', summary: 'Dialogue findings to be fed into the declaration.', position: 'champion', next: { step: 'Send the dialogue summary', due: 10, done: 8 } },
  { partner: 'Canada', ago: 45, kind: 'call', theirPeople: 'Deputy Permanent Representative', summary: 'The modalities resolution is agreed.', position: 'neutral', next: { step: 'Send the draft modalities paper', due: 40 } },
  { partner: 'African Union Commission', ago: 40, kind: 'meeting', theirPeople: 'Commissioner for Peace and Security', summary: 'The package now names the Ezulwini consensus.', position: 'supportive', outcome: 'Will raise it at the Peace and Security Council.' },
  { partner: 'United Nations Foundation', ago: 35, kind: 'meeting', theirPeople: 'President', summary: 'The Summit as the anniversary’s follow-up, not a rival.', position: 'supportive', next: { step: 'Co-draft the follow-up roadmap', due: 45 } },
  { partner: 'Nigeria', ago: 30, kind: 'side_event', theirPeople: 'Permanent Representative', summary: 'Co-hosted the side event with the co-chair.', position: 'supportive' },
  { partner: 'United States', ago: 25, kind: 'letter', theirPeople: 'Office of the Assistant Secretary', summary: 'Reply to the coalition’s letter.', position: 'opposed', outcome: 'Will oppose any summit language in the declaration.' },
  { partner: 'India', ago: 20, kind: 'call', theirPeople: 'Joint Secretary, UN Political', summary: 'G20 presidency priorities overlap with the economic track.', position: 'neutral', next: { step: 'Share the G20+ chapter', due: 7, done: 6 } },
  { partner: 'Microsoft', ago: 28, kind: 'meeting', theirPeople: 'Digital diplomacy team', summary: 'Cyber norms chapter.', position: 'neutral', next: { step: 'Invite to the cyber track workshop', due: 30 } },
  { partner: 'Canada', ago: 12, kind: 'meeting', theirPeople: 'Permanent Representative', summary: 'Joined the group of friends.', position: 'supportive' },
  { partner: 'World Bank Group', ago: 8, kind: 'call', theirPeople: 'Director, Fragility, Conflict and Violence', summary: 'Fragile states chapter and financing.', ask: 'Speak at the Summit’s financing panel', next: { step: 'Send the panel invitation', due: 14 } },
];

const SHOWN: Shown[] = [
  ['Stimson Center', 168, 'champion', 'Secretariat of the coalition.'],
  ['Sweden', 80, 'supportive', 'Statement at the peacebuilding debate backed the track.'],
  ['International Crisis Group', 60, 'neutral', 'Report mentions the Summit without a view.'],
  ['Brazil', 100, 'sceptical', 'Statement in the General Assembly debate.'],
  ['Microsoft', 14, 'supportive', 'Signed up to the cyber track’s norms paper.', 'Cyber governance'],
];

/** Logs the demo's dialogue and positions in the coalition `coalitionId` (run once, right after it is created). */
export async function seedDialogue(caller: Caller, coalitionId: string, userId: string): Promise<void> {
  const { today } = await caller.position.current({ coalitionId });
  const partners = new Map((await caller.partner.list({ coalitionId })).map((p) => [p.name, p.id]));
  const tracks = new Map((await caller.track.list({ coalitionId })).map((t) => [t.name, t.id]));
  const idOf = (map: Map<string, string>, name: string) => {
    const id = map.get(name);
    if (!id) throw new Error(`seed: the demo plan has no "${name}"`);
    return id;
  };
  const day = (ago: number) => addDays(today, -ago);
  // Oldest first, as they were logged.
  const events = [
    ...CONTACTS.map((c) => ({ ago: c.ago, run: () => logContact(c) })),
    ...SHOWN.map(([partner, ago, position, note, track]) => ({
      ago,
      run: () => caller.position.record({ coalitionId, partnerId: idOf(partners, partner), position, shownOn: day(ago), note, trackId: track ? idOf(tracks, track) : null }),
    })),
  ].sort((a, b) => b.ago - a.ago);

  async function logContact(c: Contact) {
    const occurredOn = day(c.ago);
    await caller.interaction.create({
      coalitionId,
      partnerId: idOf(partners, c.partner),
      kind: c.kind,
      occurredOn,
      ourPeople: [userId],
      theirPeople: c.theirPeople,
      summary: c.summary,
      ask: c.ask ?? '',
      outcome: c.outcome ?? '',
      nextStep: c.next?.step ?? '',
      nextStepDue: c.next ? addDays(occurredOn, c.next.due) : null,
      nextStepUserId: c.next ? userId : null,
      nextStepDoneOn: c.next?.done !== undefined ? addDays(occurredOn, c.next.done) : null,
      position: c.position ?? null,
    });
  }

  for (const e of events) await e.run();
  // The keeper of the high-influence relationships.
  for (const name of ['Germany', 'Canada', 'India', 'United States', 'African Union Commission']) {
    const p = await caller.partner.get({ coalitionId, partnerId: idOf(partners, name) });
    await caller.partner.update({ coalitionId, partnerId: p.id, version: p.version, relationshipOwnerId: userId });
  }
}
