import type { Role } from '@coalition/db';

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** viewer < editor < owner */
export function roleAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** The higher of two roles (accepting an invitation never lowers an existing member's role). */
export function higherRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}
