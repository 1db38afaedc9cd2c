import { describe, expect, it } from 'vitest';
import { parseMentions } from './index.ts';

const members = [
  { id: 'u1', name: 'Alice Martin' },
  { id: 'u2', name: 'Alice Martin-Okafor' },
  { id: 'u3', name: 'Bob Stone' },
  { id: 'u4', name: 'Alice Wong' },
  { id: 'u5', name: 'José  Ramos' },
  { id: 'u6', name: 'Dr. K (Geneva)' },
];

describe('parseMentions', () => {
  it('matches full display names case-insensitively', () => {
    expect(parseMentions('Thanks @alice martin and @BOB STONE!', members)).toEqual(['u1', 'u3']);
  });

  it('prefers the longest full name', () => {
    expect(parseMentions('cc @Alice Martin-Okafor', members)).toEqual(['u2']);
  });

  it('accepts a first name only when one member has it', () => {
    expect(parseMentions('@bob can you check?', members)).toEqual(['u3']);
    expect(parseMentions('@Alice can you check?', members)).toEqual([]);
    expect(parseMentions('@josé, and @jose', members)).toEqual(['u5']);
  });

  it('matches names with several spaces or punctuation, and lists each member once', () => {
    expect(parseMentions('@José Ramos @Dr. K (Geneva) @jose  ramos', members)).toEqual(['u5', 'u6']);
  });

  it('needs a word boundary on both sides', () => {
    expect(parseMentions('mail bob@stone.org or @Bobby', members)).toEqual([]);
    expect(parseMentions('(@Bob Stone)', members)).toEqual(['u3']);
  });

  it('finds nothing without members or @', () => {
    expect(parseMentions('no mentions', members)).toEqual([]);
    expect(parseMentions('@Bob', [])).toEqual([]);
  });
});
