/** Partner fields: router inputs and the partner form. */
import { z } from 'zod';
import { CONTRIBUTIONS, ENGAGEMENT_STAGES, PARTNER_KINDS } from '../enums.ts';
import { hasUniqueContributions, SCORE_MAX, SCORE_MIN } from '../rules/partners.ts';
import { zId, zLimit, zLine, zName, zSearch, zSortDir, zText, zVersion } from '../validators.ts';

export const zScore = (label: string) =>
  z
    .number({ error: `Choose ${label.toLowerCase()} from ${SCORE_MIN} to ${SCORE_MAX}` })
    .int(`${label} is a whole number from ${SCORE_MIN} to ${SCORE_MAX}`)
    .min(SCORE_MIN, `${label} is from ${SCORE_MIN} to ${SCORE_MAX}`)
    .max(SCORE_MAX, `${label} is from ${SCORE_MIN} to ${SCORE_MAX}`);

export const zContributions = z
  .array(z.enum(CONTRIBUTIONS))
  .max(CONTRIBUTIONS.length, `At most ${CONTRIBUTIONS.length} contributions`)
  .refine(hasUniqueContributions, 'List each contribution only once');

export const partnerFields = {
  name: zName(200),
  kind: z.enum(PARTNER_KINDS, { error: 'Choose a kind' }),
  /** Single-line (an input, not a textarea). */
  country: zLine(100),
  contact: zLine(300),
  contributions: zContributions,
  influence: zScore('Influence'),
  interest: zScore('Interest'),
  stage: z.enum(ENGAGEMENT_STAGES, { error: 'Choose a stage' }),
  notes: zText(5000),
  /** The member who keeps the relationship (the policy dialogue); null: nobody yet. */
  relationshipOwnerId: zId.nullable(),
  /** The public page may name this partner's position (only an owner may change it). */
  positionPublic: z.boolean(),
};

/** Every field, as the partner form edits them. */
export const zPartner = z.object(partnerFields);
export type PartnerFields = z.output<typeof zPartner>;

/** A new partner starts as a civil-society partner we have only identified, of middling influence and interest. */
export const PARTNER_DEFAULTS: PartnerFields = {
  name: '',
  kind: 'civil_society',
  country: '',
  contact: '',
  contributions: [],
  influence: 3,
  interest: 3,
  stage: 'identified',
  notes: '',
  relationshipOwnerId: null,
  positionPublic: false,
};

export const zPartnerCreate = z.object({
  ...partnerFields,
  country: partnerFields.country.default(PARTNER_DEFAULTS.country),
  contact: partnerFields.contact.default(PARTNER_DEFAULTS.contact),
  contributions: partnerFields.contributions.default([]),
  influence: partnerFields.influence.default(PARTNER_DEFAULTS.influence),
  interest: partnerFields.interest.default(PARTNER_DEFAULTS.interest),
  stage: partnerFields.stage.default(PARTNER_DEFAULTS.stage),
  notes: partnerFields.notes.default(PARTNER_DEFAULTS.notes),
  relationshipOwnerId: partnerFields.relationshipOwnerId.default(null),
  positionPublic: partnerFields.positionPublic.default(false),
});

export const zPartnerUpdate = zPartner.partial().extend({ partnerId: zId, version: zVersion });

/** The ways the partner table can be sorted. */
export const PARTNER_SORTS = ['name', 'kind', 'stage', 'influence', 'interest', 'updatedAt'] as const;
export type PartnerSort = (typeof PARTNER_SORTS)[number];

/** partner.list's filters and sort. */
export const zPartnerListQuery = z.object({
  kind: z.array(z.enum(PARTNER_KINDS)).max(PARTNER_KINDS.length).optional(),
  stage: z.array(z.enum(ENGAGEMENT_STAGES)).max(ENGAGEMENT_STAGES.length).optional(),
  contribution: z.array(z.enum(CONTRIBUTIONS)).max(CONTRIBUTIONS.length).optional(),
  trackId: zId.optional(),
  search: zSearch(100).optional(),
  sortBy: z.enum(PARTNER_SORTS).default('name'),
  sortDir: zSortDir.default('asc'),
  limit: zLimit(1000, 1000),
});
export type PartnerListQuery = z.output<typeof zPartnerListQuery>;
